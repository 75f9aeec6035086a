import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireWorkspaceSegment } from "@/lib/auth/params";
import { builderCatalog, referenceOptions } from "@/lib/dal/segments";
import { previewSegmentAction, updateSegmentAction } from "@/lib/actions/segments";
import { PageHeader } from "@/components/ui/card";
import { SegmentForm } from "@/components/segments/segment-form";

export const metadata: Metadata = { title: "Edit segment" };

export default async function EditSegmentPage({ params }: { params: Promise<{ workspaceSlug: string; segmentId: string }> }) {
  const { workspace, can, segment } = await requireWorkspaceSegment(await params);
  if (!can("segments.write")) notFound();
  const [catalog, refs] = await Promise.all([builderCatalog(workspace.id), referenceOptions(workspace.id)]);
  return (
    <>
      <PageHeader
        title={`Edit “${segment.name}”`}
        description={
          segment.kind === "STATIC"
            ? `A static segment: edit its name and description here; its members on the segment's page.`
            : `Version ${segment.version}. Saving records a new size snapshot.`
        }
      />
      <SegmentForm
        slug={workspace.slug}
        catalog={catalog}
        refs={refs}
        preview={previewSegmentAction.bind(null, workspace.id)}
        save={updateSegmentAction.bind(null, workspace.id)}
        initial={{
          id: segment.id,
          name: segment.name,
          description: segment.description,
          kind: segment.kind,
          definition: segment.definition,
          version: segment.version,
        }}
      />
    </>
  );
}
