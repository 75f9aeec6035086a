import { getCurrentUser } from "@/lib/auth/session";
import { findImportJob, streamImportErrors } from "@/lib/dal/imports";
import { findMembershipBySlug } from "@/lib/dal/workspaces";
import { csvLines, csvHeader } from "@/lib/customers/export";

/**
 * GET …/import/<id>/report — every problem of the import as CSV (row, column, value, error),
 * streamed in file order, with cells neutralised against formula injection like every export.
 */
export const dynamic = "force-dynamic";

type Problem = { row: number; column: string; value: string; message: string };
const COLUMNS = [
  { header: "row", value: (p: Problem) => p.row },
  { header: "column", value: (p: Problem) => p.column },
  { header: "value", value: (p: Problem) => p.value },
  { header: "error", value: (p: Problem) => p.message },
];

export async function GET(_request: Request, context: { params: Promise<{ workspaceSlug: string; importId: string }> }) {
  const { workspaceSlug, importId } = await context.params;
  const user = await getCurrentUser();
  const membership = user ? await findMembershipBySlug(user.id, workspaceSlug) : null;
  const job = membership && /^[A-Za-z0-9-]{1,64}$/.test(importId) ? await findImportJob(membership.workspace.id, importId) : null;
  if (!membership || !job) return new Response("Not found.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

  const encoder = new TextEncoder();
  const pages = streamImportErrors(membership.workspace.id, job.id)[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvHeader(COLUMNS)));
    },
    async pull(controller) {
      try {
        const next = await pages.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(csvLines(COLUMNS, next.value)));
      } catch (error) {
        console.error("[import] report failed", error);
        controller.error(error);
      }
    },
  });
  const base = job.fileName.replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 80) || "import";
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${base}-errors.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
