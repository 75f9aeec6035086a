import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireWorkspace } from "@/lib/auth/workspace";
import { builderCatalog, referenceOptions } from "@/lib/dal/segments";
import { createSegmentAction, previewSegmentAction } from "@/lib/actions/segments";
import { PageHeader } from "@/components/ui/card";
import { SegmentForm } from "@/components/segments/segment-form";

export const metadata: Metadata = { title: "New segment" };

export default async function NewSegmentPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { workspace, can } = await requireWorkspace(workspaceSlug);
  if (!can("segments.write")) notFound();
  const [catalog, refs] = await Promise.all([builderCatalog(workspace.id), referenceOptions(workspace.id)]);
  return (
    <>
      <PageHeader title="New segment" description="Describe who belongs in it; the size updates as you go." />
      <SegmentForm
        slug={workspace.slug}
        catalog={catalog}
        refs={refs}
        preview={previewSegmentAction.bind(null, workspace.id)}
        save={createSegmentAction.bind(null, workspace.id)}
      />
    </>
  );
}
