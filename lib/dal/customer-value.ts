import "server-only";
import { Prisma } from "@/lib/db";
import { withStatementTimeout } from "@/lib/db/statement-timeout";
import type { LifecycleStage, RfmSegmentName } from "@/lib/segments/definition";
import {
  lifecycleCutoffs,
  lifecycleStage,
  lifecycleThresholdsFromSettings,
  previousOrderAtSql,
  type LifecycleThresholds,
} from "@/lib/analytics/lifecycle";
import { RFM_SEGMENT_LABELS, rfmSubquery, type RfmScores } from "@/lib/analytics/rfm";
import { orderValueColumnsSql, orderValueFromRow, type OrderValue, type OrderValueRow } from "@/lib/analytics/clv";

/**
 * A customer's value as the segment engine sees it — the figures behind the `rfm_*`, `clv` and
 * `lifecycle_stage` rules — for the profile's *Value* panel. Nothing is recomputed here, every
 * figure is lib/analytics':
 *
 * - order figures (`orderValueColumnsSql`) come from `"CustomerMetrics"` (kept current by triggers
 *   on `"Order"`), which the engine reads for lifetime value, lifecycle and RFM;
 * - R, F, M and the RFM segment come from `rfmSubquery` (quintiles over the workspace's customers
 *   with orders), computed once for this customer;
 * - the lifecycle stage is `lifecycleStage` over the same first / last order, with the
 *   workspace's thresholds from its settings.
 *
 * One parameterised statement, restricted to the workspace.
 */
const { sql } = Prisma;

export type RfmDimension = keyof RfmScores;

export type CustomerRfm = RfmScores & {
  segment: RfmSegmentName;
  segmentLabel: string;
  /** Customers of the workspace with at least one order (the ones that are scored). */
  scoredCustomers: number;
  /**
   * Scored customers strictly behind this one on each dimension: an older last order (R), fewer
   * orders (F), a smaller total spend (M).
   */
  behind: Record<RfmDimension, number>;
};

export type CustomerOrderValue = OrderValue;

export type CustomerValueSummary = {
  /** The instant the stage and "days ago" figures were computed for. */
  now: Date;
  /** Null when the customer has no orders: no order figures and no RFM score. */
  orders: CustomerOrderValue | null;
  rfm: CustomerRfm | null;
  lifecycle: {
    /** The stage the segment engine computes (`lifecycle_stage` rules). */
    stage: LifecycleStage;
    thresholds: LifecycleThresholds;
    /** The stored, free-text `lifecycleStage` field (imported or typed in), if any. */
    stored: string | null;
    /** The latest order before the last one's instant (reactivation is measured from it). */
    previousOrderAt: Date | null;
  };
};

type Row = OrderValueRow & {
  previousOrderAt: Date | null;
  firstSeenAt: Date | null;
  createdAt: Date;
  storedStage: string | null;
  settings: unknown;
  r: number | null;
  f: number | null;
  m: number | null;
  seg: string | null;
  scored: number;
  rBehind: number;
  fBehind: number;
  mBehind: number;
};

function isRfmSegment(value: string | null): value is RfmSegmentName {
  return value !== null && Object.hasOwn(RFM_SEGMENT_LABELS, value);
}

/**
 * The value summary of one customer of the workspace, or null when the workspace has no such
 * customer. `now` decides the lifecycle stage (the engine never reads the clock either).
 */
export async function customerValueSummary(
  workspaceId: string,
  customerId: number,
  now = new Date(),
): Promise<CustomerValueSummary | null> {
  return withStatementTimeout((db) => customerValueSummaryIn(db, workspaceId, customerId, now));
}

/** customerValueSummary inside the caller's transaction (one statement). */
export async function customerValueSummaryIn(
  db: Prisma.TransactionClient,
  workspaceId: string,
  customerId: number,
  now: Date,
): Promise<CustomerValueSummary | null> {
  const ws = sql`${workspaceId}::uuid`;
  const behind = (column: "lastOrderAt" | "orderCount" | "totalSpent") =>
    sql`(SELECT count(*)::int FROM "CustomerMetrics" x
          WHERE x."workspaceId" = ${ws} AND x.${Prisma.raw(`"${column}"`)} < m.${Prisma.raw(`"${column}"`)})`;
  const rows = await db.$queryRaw<Row[]>(
    sql`SELECT c."firstSeenAt" AS "firstSeenAt",
               (c."createdAt" AT TIME ZONE 'UTC') AS "createdAt",
               c."lifecycleStage" AS "storedStage",
               ${previousOrderAtSql(ws, sql`c."id"`, sql`m."lastOrderAt"`)} AS "previousOrderAt",
               w."settings" AS "settings",
               ${orderValueColumnsSql("m")},
               s."r" AS "r", s."f" AS "f", s."m" AS "m", s."seg" AS "seg",
               (SELECT count(*)::int FROM "CustomerMetrics" x WHERE x."workspaceId" = ${ws}) AS "scored",
               ${behind("lastOrderAt")} AS "rBehind",
               ${behind("orderCount")} AS "fBehind",
               ${behind("totalSpent")} AS "mBehind"
        FROM "Customer" c
        JOIN "Workspace" w ON w."id" = c."workspaceId"
        LEFT JOIN "CustomerMetrics" m ON m."workspaceId" = c."workspaceId" AND m."customerId" = c."id"
        LEFT JOIN (SELECT q."r", q."f", q."m", q."seg" FROM (${rfmSubquery(ws, customerId)}) q) s ON true
        WHERE c."workspaceId" = ${ws} AND c."id" = ${customerId}::int`,
  );
  const row = rows[0];
  if (!row) return null;

  const thresholds = lifecycleThresholdsFromSettings(row.settings);
  const stage = lifecycleStage(
    {
      firstOrderAt: row.firstOrderAt,
      lastOrderAt: row.lastOrderAt,
      previousOrderAt: row.previousOrderAt,
      firstSeenAt: row.firstSeenAt,
      createdAt: row.createdAt,
    },
    lifecycleCutoffs(now, thresholds),
  );
  const lifecycle = { stage, thresholds, stored: row.storedStage?.trim() ? row.storedStage : null, previousOrderAt: row.previousOrderAt };

  const orders = orderValueFromRow(row);
  if (!orders) return { now, orders: null, rfm: null, lifecycle };
  const rfm: CustomerRfm | null =
    row.r !== null && row.f !== null && row.m !== null && isRfmSegment(row.seg)
      ? {
          recency: Number(row.r),
          frequency: Number(row.f),
          monetary: Number(row.m),
          segment: row.seg,
          segmentLabel: RFM_SEGMENT_LABELS[row.seg],
          scoredCustomers: Number(row.scored),
          behind: { recency: Number(row.rBehind), frequency: Number(row.fBehind), monetary: Number(row.mBehind) },
        }
      : null;
  return { now, orders, rfm, lifecycle };
}
