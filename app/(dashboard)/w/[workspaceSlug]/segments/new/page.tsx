import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireWorkspace } from "@/lib/auth/workspace";
import { builderCatalog, referenceOptions } from "@/lib/dal/segments";
import { createSegmentAction, previewSegmentAction } from "@/lib/actions/segments";
import { PageHeader } from "@/components/ui/card";
import { SegmentForm } from "@/components/segments/segment-form";

export const metadata: Metadata = { title: "New segment" };

export default async function NewSegmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspaceSlug } = await params;
  // `?kind=static` starts the form as a static (hand-picked) segment.
  const defaultKind = (await searchParams).kind === "static" ? "STATIC" : "DYNAMIC";
  const { workspace, can } = await requireWorkspace(workspaceSlug);
  if (!can("segments.write")) notFound();
  const [catalog, refs] = await Promise.all([builderCatalog(workspace.id), referenceOptions(workspace.id)]);
  return (
    <>
      <PageHeader
        title="New segment"
        description="Describe who belongs in it with rules (the size updates as you go), or keep a hand-picked list of customers."
      />
      <SegmentForm
        slug={workspace.slug}
        catalog={catalog}
        refs={refs}
        preview={previewSegmentAction.bind(null, workspace.id)}
        save={createSegmentAction.bind(null, workspace.id)}
        defaultKind={defaultKind}
      />
    </>
  );
}
