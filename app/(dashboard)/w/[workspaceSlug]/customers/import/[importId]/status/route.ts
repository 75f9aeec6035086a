import { withWorkspace } from "@/lib/http/with-workspace";
import { importStatus } from "@/lib/imports/service";

/** GET …/import/<id>/status — the job's progress as JSON, polled by the progress bar. Members only; reads only. */
export const dynamic = "force-dynamic";

export const GET = withWorkspace<{ workspaceSlug: string; importId: string }>(
  async (_request, { ctx, params }) => Response.json(await importStatus(ctx, params.importId), { headers: { "Cache-Control": "no-store" } }),
  { permission: "workspace.read" },
);
