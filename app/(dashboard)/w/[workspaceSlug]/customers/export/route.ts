import { getCurrentUser } from "@/lib/auth/session";
import { findMembershipBySlug } from "@/lib/dal/workspaces";
import { resolveFilter, streamCustomers } from "@/lib/dal/customers";
import { listTraitDefinitions } from "@/lib/dal/traits";
import { recordAudit } from "@/lib/dal/audit";
import { parseListState } from "@/lib/customers/url-state";
import { csvHeader, csvLines, exportFileName, jsonArrayWriter } from "@/lib/customers/export";
import { customerExportColumns, customerJson } from "@/lib/customers/customer-export";

/**
 * GET /w/<slug>/customers/export?format=csv|json&q=&segment= — the customers matching the list's
 * current search (and segment), streamed in id order. Members only: anyone else gets the same 404
 * as for an unknown workspace.
 */
export const dynamic = "force-dynamic";

const plain = (status: number, message: string) =>
  new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export async function GET(request: Request, context: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await context.params;
  const user = await getCurrentUser();
  if (!user) return plain(401, "Sign in to export customers.");
  const membership = await findMembershipBySlug(user.id, workspaceSlug);
  if (!membership) return plain(404, "Not found.");

  const url = new URL(request.url);
  const format = url.searchParams.get("format") === "json" ? "json" : "csv";
  const state = parseListState(url.searchParams);
  const workspaceId = membership.workspace.id;
  const now = new Date();
  const filter = await resolveFilter(workspaceId, { q: state.q, segment: state.segment }, now);
  if (filter.segmentProblem) return plain(400, filter.segmentProblem);
  const traits = await listTraitDefinitions(workspaceId);
  const columns = customerExportColumns(traits);
  const json = jsonArrayWriter();

  const encoder = new TextEncoder();
  const batches = streamCustomers(filter)[Symbol.asyncIterator]();
  let exported = 0;

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(format === "csv" ? csvHeader(columns) : json.open()));
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) {
          if (format === "json") controller.enqueue(encoder.encode(json.close()));
          controller.close();
          await recordAudit(workspaceId, user, {
            action: "customers.exported",
            metadata: { format, count: exported, q: state.q, segment: filter.segment?.name ?? null },
          }).catch((error: unknown) => console.error("[export] could not record the audit entry", error));
          return;
        }
        exported += next.value.length;
        const chunk = format === "csv" ? csvLines(columns, next.value) : json.items(next.value.map(customerJson));
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        console.error("[export] failed", error);
        controller.error(new Error("The export failed."));
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(membership.workspace.slug, format, now)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
