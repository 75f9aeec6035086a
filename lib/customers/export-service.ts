import "server-only";
import { recordAudit } from "@/lib/dal/audit";
import { batchedDownload } from "@/lib/http/batched-download";
import { loadExportMetrics, resolveFilter, streamCustomers } from "@/lib/dal/customers";
import { findSegmentForPage } from "@/lib/dal/segments";
import { listTraitDefinitions } from "@/lib/dal/traits";
import { authorize, type ServiceContext } from "@/lib/domain/context";
import { DomainError, notFound } from "@/lib/errors";
import { csvHeader, csvLines, exportFileName, jsonArrayWriter, segmentExportFileName, type ExportColumn } from "@/lib/customers/export";
import {
  customerExportColumns,
  customerJson,
  METRIC_EXPORT_COLUMNS,
  metricsJson,
  type ExportableWithMetrics,
} from "@/lib/customers/customer-export";
import type { LifecycleFilter } from "@/lib/analytics/lifecycle-filter";

export type ExportFormat = "csv" | "json";

export type ExportRequest = {
  format: ExportFormat;
  q: string;
  segment: string | null;
  /** The lifecycle filter of the list (Insights → Lifecycle links). */
  lifecycle?: LifecycleFilter | null;
  workspaceSlug: string;
  /** Adds orders, lifetime value, last order and RFM scores and segment to every row. */
  metrics?: boolean;
};

export type ExportFile = { stream: ReadableStream<Uint8Array>; fileName: string; contentType: string };

/**
 * The customers matching a search (and segment), as a stream of CSV or JSON in id order. The audit
 * entry is written when the stream ends, with the number of rows sent.
 */
export async function exportCustomers(ctx: ServiceContext, input: ExportRequest, now = new Date()): Promise<ExportFile> {
  authorize(ctx, "workspace.read");
  const filter = await resolveFilter(ctx.workspaceId, { q: input.q, segment: input.segment, lifecycle: input.lifecycle ?? null }, now);
  if (filter.segmentProblem) throw new DomainError("BAD_REQUEST", filter.segmentProblem);
  return exportStream(ctx, input, filter, exportFileName(input.workspaceSlug, input.format, now));
}

/** One segment's members, named after the segment; an unknown segment is a 404. */
export async function exportSegment(
  ctx: ServiceContext,
  input: { segmentId: string; format: ExportFormat; metrics: boolean; workspaceSlug: string },
  now = new Date(),
): Promise<ExportFile> {
  authorize(ctx, "workspace.read");
  const segment = await findSegmentForPage(ctx.workspaceId, input.segmentId);
  if (!segment) throw notFound("That segment");
  const filter = await resolveFilter(ctx.workspaceId, { q: "", segment: segment.id }, now);
  if (filter.segmentProblem) throw new DomainError("BAD_REQUEST", filter.segmentProblem);
  return exportStream(
    ctx,
    { format: input.format, q: "", segment: segment.id, workspaceSlug: input.workspaceSlug, metrics: input.metrics },
    filter,
    segmentExportFileName(segment.name, input.format, now),
  );
}

async function exportStream(
  ctx: ServiceContext,
  input: ExportRequest,
  filter: Awaited<ReturnType<typeof resolveFilter>>,
  fileName: string,
): Promise<ExportFile> {
  const traits = await listTraitDefinitions(ctx.workspaceId);
  const columns: ExportColumn<ExportableWithMetrics>[] = [
    ...customerExportColumns(traits),
    ...(input.metrics ? METRIC_EXPORT_COLUMNS : []),
  ];
  const json = jsonArrayWriter();
  const { format } = input;

  const stream = batchedDownload({
    batches: streamCustomers(filter),
    head: format === "csv" ? csvHeader(columns) : json.open(),
    tail: format === "json" ? json.close() : "",
    render: async (batch) => {
      let rows: ExportableWithMetrics[] = batch;
      if (input.metrics) {
        const metrics = await loadExportMetrics(ctx.workspaceId, rows.map((r) => r.id));
        rows = rows.map((r) => ({ ...r, metrics: metrics.get(r.id) }));
      }
      const text =
        format === "csv"
          ? csvLines(columns, rows)
          : json.items(rows.map((r) => (input.metrics ? { ...customerJson(r), metrics: metricsJson(r.metrics) } : customerJson(r))));
      return { text, rows: rows.length };
    },
    finished: (count) =>
      recordAudit(ctx.workspaceId, ctx.actor, {
        action: "customers.exported",
        metadata: { format, count, q: input.q, segment: filter.segment?.name ?? null, metrics: Boolean(input.metrics) },
      }),
  });

  return { stream, fileName, contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8" };
}
