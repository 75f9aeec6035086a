import { getCurrentUser } from "@/lib/auth/session";
import { findImportJob } from "@/lib/dal/imports";
import { findMembershipBySlug } from "@/lib/dal/workspaces";
import { statusView } from "@/lib/imports/status";

/** GET …/import/<id>/status — the job's progress as JSON, polled by the progress bar. Members only. */
export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ workspaceSlug: string; importId: string }> }) {
  const { workspaceSlug, importId } = await context.params;
  const user = await getCurrentUser();
  const membership = user ? await findMembershipBySlug(user.id, workspaceSlug) : null;
  const job = membership && /^[A-Za-z0-9-]{1,64}$/.test(importId) ? await findImportJob(membership.workspace.id, importId) : null;
  if (!job) return Response.json({ error: "Not found." }, { status: user ? 404 : 401, headers: { "Cache-Control": "no-store" } });
  return Response.json(statusView(job), { headers: { "Cache-Control": "no-store" } });
}
