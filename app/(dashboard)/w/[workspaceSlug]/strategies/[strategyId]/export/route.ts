import { withWorkspace } from "@/lib/http/with-workspace";
import { exportAudience } from "@/lib/targeting/export-service";

/**
 * GET /w/<slug>/strategies/<id>/export[?holdout=1] — the strategy's audience as CSV: customer,
 * assigned segment, message, offer, channel, holdout flag. The holdout is left out unless
 * `holdout=1`. Members only.
 */
export const dynamic = "force-dynamic";

export const GET = withWorkspace<{ workspaceSlug: string; strategyId: string }>(
  async (request, { ctx, params }) => {
    const url = new URL(request.url);
    const file = await exportAudience(ctx, { strategyId: params.strategyId, includeHoldout: url.searchParams.get("holdout") === "1" });
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
