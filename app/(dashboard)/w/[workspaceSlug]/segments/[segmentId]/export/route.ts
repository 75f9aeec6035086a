import { exportSegment } from "@/lib/customers/export-service";
import { withWorkspace } from "@/lib/http/with-workspace";

/**
 * GET /w/<slug>/segments/<id>/export?format=csv|json&metrics=1 — the segment's members, named after
 * the segment, optionally with orders, lifetime value, last order and RFM scores. Members only.
 */
export const dynamic = "force-dynamic";

export const GET = withWorkspace<{ workspaceSlug: string; segmentId: string }>(
  async (request, { ctx, workspace, params }) => {
    const url = new URL(request.url);
    const file = await exportSegment(ctx, {
      segmentId: params.segmentId,
      format: url.searchParams.get("format") === "json" ? "json" : "csv",
      metrics: url.searchParams.get("metrics") === "1",
      workspaceSlug: workspace.slug,
    });
    return new Response(file.stream, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
  { permission: "workspace.read", errors: "text" },
);
