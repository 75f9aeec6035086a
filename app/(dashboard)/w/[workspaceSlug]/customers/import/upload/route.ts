import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { findMembershipBySlug } from "@/lib/dal/workspaces";
import { ActionError } from "@/lib/errors";
import { cleanFileName, createImportFromUpload } from "@/lib/imports/jobs";
import { MAX_FILE_BYTES, MAX_FILE_LABEL } from "@/lib/imports/mapping";

/**
 * POST /w/<slug>/customers/import/upload?kind=CUSTOMERS|ORDERS|EVENTS — the file is the raw request
 * body (streamed to disk, never held in memory), its name in the `X-File-Name` header. Answers
 * `{ id }` of the new import, or `{ error }` with a message for the person uploading.
 */
export const dynamic = "force-dynamic";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });

const kindSchema = z.enum(["CUSTOMERS", "ORDERS", "EVENTS"]);

/** Same-origin only: a form on another site cannot post files here with the user's cookie. */
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export async function POST(request: Request, context: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await context.params;
  if (!sameOrigin(request)) return json(403, { error: "Uploads must come from the Segmently page." });
  const user = await getCurrentUser();
  if (!user) return json(401, { error: "Your session has ended. Please sign in again." });
  const membership = await findMembershipBySlug(user.id, workspaceSlug);
  if (!membership) return json(404, { error: "That workspace could not be found." });
  if (!can(membership.role, "data.write")) return json(403, { error: "Your role does not allow importing data." });

  const kind = kindSchema.safeParse(new URL(request.url).searchParams.get("kind"));
  if (!kind.success) return json(400, { error: "Choose what the file holds: customers, orders or events." });
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_FILE_BYTES) return json(413, { error: `The file is larger than ${MAX_FILE_LABEL}. Split it into smaller files and import them one after another.` });
  if (!request.body) return json(400, { error: "The file is empty. Choose a CSV file with a header row and at least one row of data." });
  let fileName: string;
  try {
    fileName = cleanFileName(decodeURIComponent(request.headers.get("x-file-name") ?? ""));
  } catch {
    fileName = cleanFileName(null);
  }
  try {
    const job = await createImportFromUpload(membership.workspace.id, { id: user.id, email: user.email }, { kind: kind.data, fileName, body: request.body });
    return json(201, { id: job.id });
  } catch (error) {
    if (error instanceof ActionError) return json(error.code === "BAD_REQUEST" ? 422 : 409, { error: error.message });
    console.error("[import] upload failed", error);
    return json(500, { error: "The upload failed on our side. Please try again." });
  }
}
