/**
 * Insights → Lifecycle: the customers per lifecycle stage now, and the flow between stages over a
 * period — each customer's stage at the period's start against their stage now — in one
 * parameterised statement, never loading customers into memory.
 *
 * - **Now**: `lifecycleStageSql` over `"CustomerMetrics"` (all orders), the same expression as
 *   `lifecycle_stage` segment rules, so a count here is exactly the customers such a rule matches.
 * - **At the start** `S = now − period`: the same expression evaluated at `S` over the orders placed
 *   strictly before `S` (first, last and previous order instant of those orders). A customer existed
 *   at `S` when they had ordered before `S` or were first seen (or, without a first-seen date,
 *   added) before `S`; everyone else is `"none"` ("not yet a customer") at the start.
 *
 * The customers list filters on the very same subquery (`lifecycleFilterSql`), so every count on
 * the page links to a list of exactly those customers.
 */
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { withStatementTimeout } from "@/lib/db/statement-timeout";
import {
  CUSTOMER_LIFECYCLE_COLUMNS,
  lifecycleCutoffs,
  lifecycleThresholdsFromSettings,
  lifecycleStageSql,
  previousOrderAtSql,
  type LifecycleThresholds,
} from "@/lib/analytics/lifecycle";
import {
  START_STAGES,
  type LifecycleFilter,
  type LifecyclePeriod,
  type StartStage,
} from "@/lib/analytics/lifecycle-filter";
import { LIFECYCLE_STAGES, type LifecycleStage } from "@/lib/segments/definition";
import { subtractUnits } from "@/lib/segments/time";

const { sql } = Prisma;
type Sql = Prisma.Sql;

export function periodStart(now: Date, periodDays: number): Date {
  return subtractUnits(now, periodDays, "days");
}

/**
 * `SELECT "cid", "stage", "spent"[, "from"]` — one row per customer of the workspace: the stage now,
 * lifetime spend (0 without orders) and, with a `start`, the stage at `start`.
 */
export function lifecycleStagesSql(ws: Sql, thresholds: LifecycleThresholds, now: Date, start: Date | null): Sql {
  const current = lifecycleStageSql(
    {
      firstOrderAt: sql`m."firstOrderAt"`,
      lastOrderAt: sql`m."lastOrderAt"`,
      previousOrderAt: previousOrderAtSql(ws, sql`c."id"`, sql`m."lastOrderAt"`),
      ...CUSTOMER_LIFECYCLE_COLUMNS,
    },
    lifecycleCutoffs(now, thresholds),
  );
  const base = sql`FROM "Customer" c
      LEFT JOIN "CustomerMetrics" m ON m."workspaceId" = ${ws} AND m."customerId" = c."id"`;
  if (start === null) {
    return sql`SELECT c."id" AS "cid", ${current} AS "stage", COALESCE(m."totalSpent", 0) AS "spent"
      ${base} WHERE c."workspaceId" = ${ws}`;
  }
  const s = sql`${start.toISOString()}::timestamptz`;
  const before = lifecycleStageSql(
    {
      firstOrderAt: sql`p."first_at"`,
      lastOrderAt: sql`p."last_at"`,
      previousOrderAt: previousOrderAtSql(ws, sql`c."id"`, sql`p."last_at"`),
      ...CUSTOMER_LIFECYCLE_COLUMNS,
    },
    lifecycleCutoffs(start, thresholds),
  );
  return sql`SELECT c."id" AS "cid", ${current} AS "stage", COALESCE(m."totalSpent", 0) AS "spent",
      (CASE WHEN p."last_at" IS NULL AND COALESCE(${CUSTOMER_LIFECYCLE_COLUMNS.firstSeenAt}, ${CUSTOMER_LIFECYCLE_COLUMNS.createdAt}) >= ${s}
            THEN 'none' ELSE ${before} END) AS "from"
      ${base}
      LEFT JOIN (
        SELECT o."customerId" AS "cid", min(o."orderedAt") AS "first_at", max(o."orderedAt") AS "last_at"
        FROM "Order" o WHERE o."workspaceId" = ${ws} AND o."orderedAt" < ${s}
        GROUP BY o."customerId"
      ) p ON p."cid" = c."id"
      WHERE c."workspaceId" = ${ws}`;
}

/** A predicate on `"Customer" c`: the customers the page counted for `filter`. */
export function lifecycleFilterSql(ws: Sql, thresholds: LifecycleThresholds, now: Date, filter: LifecycleFilter): Sql {
  const start = filter.from ? periodStart(now, filter.from.periodDays) : null;
  const conds: Sql[] = [];
  if (filter.stage) conds.push(sql`s."stage" = ${filter.stage}::text`);
  if (filter.from) conds.push(sql`s."from" = ${filter.from.stage}::text`);
  if (conds.length === 0) return sql`true`;
  return sql`c."id" IN (SELECT s."cid" FROM (${lifecycleStagesSql(ws, thresholds, now, start)}) s WHERE ${Prisma.join(conds, " AND ")})`;
}

export type LifecycleStageRow = { stage: LifecycleStage; customers: number; revenue: number };
export type LifecycleFlowCell = { from: StartStage; to: LifecycleStage; customers: number };

export type LifecycleReport = {
  now: Date;
  start: Date;
  periodDays: LifecyclePeriod;
  thresholds: LifecycleThresholds;
  customers: number;
  /** Customers with at least one order. */
  withOrders: number;
  /** One row per stage, LIFECYCLE_STAGES order (stages without customers have 0). */
  stages: LifecycleStageRow[];
  /** Every non-empty (from, to) pair, START_STAGES × LIFECYCLE_STAGES order. */
  flow: LifecycleFlowCell[];
};

type Queryable = { $queryRaw<T = unknown>(query: Prisma.Sql): Prisma.PrismaPromise<T> };
type Row = { kind: "stage" | "flow" | "orders"; from: string | null; to: string | null; n: number; revenue: string | null };

/** The report in the caller's transaction: one statement. */
export async function computeLifecycleReport(
  db: Queryable,
  workspaceId: string,
  options: { now: Date; periodDays: LifecyclePeriod; thresholds: LifecycleThresholds },
): Promise<LifecycleReport> {
  const ws = sql`${workspaceId}::uuid`;
  const start = periodStart(options.now, options.periodDays);
  const rows = await db.$queryRaw<Row[]>(sql`WITH "s" AS MATERIALIZED (${lifecycleStagesSql(ws, options.thresholds, options.now, start)})
    SELECT 'stage'::text AS "kind", NULL::text AS "from", s."stage" AS "to", count(*)::int AS "n", sum(s."spent")::text AS "revenue"
      FROM "s" s GROUP BY s."stage"
    UNION ALL
    SELECT 'flow'::text, s."from", s."stage", count(*)::int, NULL::text FROM "s" s GROUP BY s."from", s."stage"
    UNION ALL
    SELECT 'orders'::text, NULL::text, NULL::text, count(*)::int, NULL::text FROM "CustomerMetrics" x WHERE x."workspaceId" = ${ws}`);

  const stages = LIFECYCLE_STAGES.map((stage) => {
    const row = rows.find((r) => r.kind === "stage" && r.to === stage);
    return { stage, customers: row ? Number(row.n) : 0, revenue: row?.revenue ? Number(row.revenue) : 0 };
  });
  const flow: LifecycleFlowCell[] = [];
  for (const from of START_STAGES)
    for (const to of LIFECYCLE_STAGES) {
      const row = rows.find((r) => r.kind === "flow" && r.from === from && r.to === to);
      if (row && Number(row.n) > 0) flow.push({ from, to, customers: Number(row.n) });
    }
  return {
    now: options.now,
    start,
    periodDays: options.periodDays,
    thresholds: options.thresholds,
    customers: stages.reduce((s, r) => s + r.customers, 0),
    withOrders: Number(rows.find((r) => r.kind === "orders")?.n ?? 0),
    stages,
    flow,
  };
}

/**
 * The workspace's report for `periodDays` up to `now`, with its own thresholds, under the
 * interactive statement time limit.
 */
export async function getLifecycleReport(workspaceId: string, periodDays: LifecyclePeriod, now = new Date()): Promise<LifecycleReport> {
  return withStatementTimeout(async (tx) => {
    const workspace = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { settings: true } });
    const thresholds = lifecycleThresholdsFromSettings(workspace?.settings ?? {});
    return computeLifecycleReport(tx, workspaceId, { now, periodDays, thresholds });
  });
}
