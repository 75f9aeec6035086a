import { parseListState } from "@/lib/customers/url-state";
import { exportCustomers } from "@/lib/customers/export-service";
import { withWorkspace } from "@/lib/http/with-workspace";

/**
 * GET /w/<slug>/customers/export?format=csv|json&q=&segment= — the customers matching the list's
 * current search (and segment), streamed in id order. Members only: anyone else gets the same 404
 * as for an unknown workspace.
 */
export const dynamic = "force-dynamic";

export const GET = withWorkspace(
  async (request, { ctx, workspace }) => {
    const url = new URL(request.url);
    const state = parseListState(url.searchParams);
    const format = url.searchParams.get("format") === "json" ? "json" : "csv";
    const file = await exportCustomers(ctx, {
      format,
      q: state.q,
      segment: state.segment,
      lifecycle: state.lifecycle,
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
