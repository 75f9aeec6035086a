import { csvHeader, csvLines } from "@/lib/customers/export";
import { withWorkspace } from "@/lib/http/with-workspace";
import { importReport } from "@/lib/imports/service";

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

export const GET = withWorkspace<{ workspaceSlug: string; importId: string }>(
  async (_request, { ctx, params }) => {
    const { job, problems } = await importReport(ctx, params.importId);
    const encoder = new TextEncoder();
    const pages = problems[Symbol.asyncIterator]();
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
  },
  { permission: "workspace.read", errors: "text" },
);
