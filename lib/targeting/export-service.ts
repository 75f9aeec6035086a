import "server-only";
/**
 * A strategy's audience as CSV, streamed in id order: each customer with the segment it was
 * assigned to (the waterfall), that segment's message, offer and channel, and the holdout flag.
 * The holdout is left out unless asked for (then flagged), so a file sent to a channel never
 * contains the control group. Messages, offers and channels are filled in per customer where they
 * name the customer's fields (lib/targeting/personalize.ts). Cells are formula-injection safe
 * (lib/customers/export.ts).
 */
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/dal/audit";
import { authorize, type ServiceContext } from "@/lib/domain/context";
import { DomainError, notFound } from "@/lib/errors";
import { csvHeader, csvLines, namedExportFileName, type ExportColumn } from "@/lib/customers/export";
import type { AudienceRow } from "@/lib/segments/queries";
import { strategyAudience, type StrategyLike } from "@/lib/targeting/plan";
import { loadStrategy } from "@/lib/targeting/store";
import { batchedDownload } from "@/lib/http/batched-download";
import { personalize, usesTraits } from "@/lib/targeting/personalize";

/** The traits of one batch of customers, for offers that name them. */
async function customerTraits(workspaceId: string, ids: number[]): Promise<Map<number, Record<string, unknown>>> {
  if (ids.length === 0) return new Map();
  const rows = await db.customer.findMany({ where: { workspaceId, id: { in: ids } }, select: { id: true, traits: true } });
  return new Map(rows.map((r) => [r.id, r.traits && typeof r.traits === "object" && !Array.isArray(r.traits) ? (r.traits as Record<string, unknown>) : {}]));
}

type Row = AudienceRow & { segment: string; positioning: string | null; offer: string | null; channel: string | null };

const COLUMNS: ExportColumn<Row>[] = [
  { header: "external_id", value: (r) => r.externalId },
  { header: "first_name", value: (r) => r.firstName },
  { header: "last_name", value: (r) => r.lastName },
  { header: "email", value: (r) => r.email },
  { header: "assigned_segment", value: (r) => r.segment },
  { header: "message", value: (r) => r.positioning },
  { header: "offer", value: (r) => r.offer },
  { header: "channel", value: (r) => r.channel },
  { header: "holdout", value: (r) => r.held },
];

export async function exportAudience(ctx: ServiceContext, input: { strategyId: string; includeHoldout: boolean }, now = new Date()) {
  authorize(ctx, "workspace.read");
  const row = await loadStrategy(ctx.workspaceId, input.strategyId);
  if (!row) throw notFound("That strategy");
  if (!row.config) throw new DomainError("BAD_REQUEST", "This strategy's settings can no longer be read: open it and save it again.");
  const config = { data: row.config };
  const strategy: StrategyLike = { id: row.id, type: row.type, config: row.config };
  const ids = strategy.type === "UNDIFFERENTIATED" ? [] : config.data.targets.map((t) => t.segmentId);
  const names = new Map((await db.segment.findMany({ where: { workspaceId: ctx.workspaceId, id: { in: ids } }, select: { id: true, name: true } })).map((s) => [s.id, s.name]));
  const slots =
    strategy.type === "UNDIFFERENTIATED"
      ? [{ segment: "Everyone", positioning: config.data.offer?.positioning ?? null, offer: config.data.offer?.offer ?? null, channel: config.data.offer?.channel ?? null }]
      : config.data.targets.map((t) => ({ segment: names.get(t.segmentId) ?? "Deleted segment", positioning: t.positioning, offer: t.offer, channel: t.channel }));

  const withTraits = usesTraits(slots.flatMap((s) => [s.positioning, s.offer, s.channel]));
  let heldOut = 0;
  const stream = batchedDownload({
    batches: strategyAudience(db, ctx.workspaceId, strategy, now),
    head: csvHeader(COLUMNS),
    render: async (batch) => {
      const kept = batch.filter((r) => input.includeHoldout || !r.held);
      const traits = withTraits ? await customerTraits(ctx.workspaceId, kept.map((r) => r.id)) : null;
      const rows = kept.map((r): Row => {
        const slot = slots[r.slot] ?? slots[0]!;
        const customer = { ...r, traits: traits?.get(r.id) ?? null };
        return { ...r, segment: slot.segment, positioning: personalize(slot.positioning, customer), offer: personalize(slot.offer, customer), channel: personalize(slot.channel, customer) };
      });
      heldOut += rows.filter((r) => r.held).length;
      return { text: csvLines(COLUMNS, rows), rows: rows.length };
    },
    finished: (count) =>
      recordAudit(ctx.workspaceId, ctx.actor, {
        action: "strategy.exported",
        targetType: "strategy",
        targetId: row.id,
        metadata: { name: row.name, count, heldOutIncluded: input.includeHoldout ? heldOut : 0 },
      }),
  });
  return { stream, fileName: namedExportFileName("audience", row.name, "csv", now), contentType: "text/csv; charset=utf-8" };
}
