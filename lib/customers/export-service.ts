import "server-only";
import { recordAudit } from "@/lib/dal/audit";
import { resolveFilter, streamCustomers } from "@/lib/dal/customers";
import { listTraitDefinitions } from "@/lib/dal/traits";
import { authorize, type ServiceContext } from "@/lib/domain/context";
import { DomainError } from "@/lib/errors";
import { csvHeader, csvLines, exportFileName, jsonArrayWriter } from "@/lib/customers/export";
import { customerExportColumns, customerJson } from "@/lib/customers/customer-export";

export type ExportRequest = { format: "csv" | "json"; q: string; segment: string | null; workspaceSlug: string };

/**
 * The customers matching a search (and segment), as a stream of CSV or JSON in id order. The audit
 * entry is written when the stream ends, with the number of rows sent.
 */
export async function exportCustomers(ctx: ServiceContext, input: ExportRequest, now = new Date()) {
  authorize(ctx, "workspace.read");
  const filter = await resolveFilter(ctx.workspaceId, { q: input.q, segment: input.segment }, now);
  if (filter.segmentProblem) throw new DomainError("BAD_REQUEST", filter.segmentProblem);
  const traits = await listTraitDefinitions(ctx.workspaceId);
  const columns = customerExportColumns(traits);
  const json = jsonArrayWriter();
  const { format } = input;

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
          await recordAudit(ctx.workspaceId, ctx.actor, {
            action: "customers.exported",
            metadata: { format, count: exported, q: input.q, segment: filter.segment?.name ?? null },
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

  return {
    stream,
    fileName: exportFileName(input.workspaceSlug, format, now),
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
  };
}
