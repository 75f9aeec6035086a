import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { RFM_RULES, rfmSubquery } from "@/lib/analytics/rfm";
import { withStatementTimeout } from "@/lib/db/statement-timeout";
import type { RfmSegmentName } from "@/lib/segments/definition";

/**
 * The RFM overview of a workspace (Insights → RFM), in one parameterised statement over the
 * scores of `rfmSubquery` — the very scores the segment engine's RFM conditions use, so a cell or
 * a named segment saved as a segment has exactly the customers shown here:
 *
 * - per (recency score, frequency score) cell: customers, revenue (sum of their total spend) and
 *   their average monetary score; all 25 cells are returned, empty ones with 0 customers;
 * - per named segment (RFM_RULES order): customers, their share of the scored customers, revenue
 *   and average lifetime value (average total spend so far);
 * - customers without any order, who have no RFM scores, counted apart ("No orders yet").
 *
 * Amounts are read as exact decimal text and returned in currency units.
 */
export type RfmCell = {
  recency: number;
  frequency: number;
  customers: number;
  revenue: number;
  /** Average monetary score (1–5) of the cell's customers; null for an empty cell. */
  averageMonetary: number | null;
};

export type RfmNamedSegmentRow = {
  segment: RfmSegmentName;
  label: string;
  customers: number;
  /** customers ÷ scored customers (0 when nobody is scored). */
  share: number;
  revenue: number;
  /** Average total spend of its customers; null when it has none. */
  averageClv: number | null;
};

export type RfmGrid = {
  /** Customers with at least one order (the scored ones). */
  scored: number;
  /** Customers without orders: not scored, in no cell and no named segment. */
  withoutOrders: number;
  revenue: number;
  /** 25 cells, recency-major: (1,1), (1,2) … (5,5). */
  cells: RfmCell[];
  segments: RfmNamedSegmentRow[];
};

type Queryable = { $queryRaw<T = unknown>(query: Prisma.Sql): Prisma.PrismaPromise<T> };

type Row = {
  kind: "cell" | "seg" | "none";
  r: number | null;
  f: number | null;
  seg: string | null;
  n: number;
  revenue: string | null;
  avg: string | null;
};

const { sql } = Prisma;

/** Computes the grid in the caller's transaction (or client). */
export async function computeRfmGrid(db: Queryable, workspaceId: string): Promise<RfmGrid> {
  const ws = sql`${workspaceId}::uuid`;
  const rows = await db.$queryRaw<Row[]>(sql`WITH "s" AS MATERIALIZED (
      SELECT r."r", r."f", r."m", r."seg", m."totalSpent" AS "spent"
      FROM (${rfmSubquery(ws)}) r
      JOIN "CustomerMetrics" m ON m."workspaceId" = ${ws} AND m."customerId" = r."cid"
    )
    SELECT 'cell'::text AS "kind", s."r"::int AS "r", s."f"::int AS "f", NULL::text AS "seg", count(*)::int AS "n",
           sum(s."spent")::text AS "revenue", avg(s."m")::text AS "avg"
      FROM "s" s GROUP BY s."r", s."f"
    UNION ALL
    SELECT 'seg'::text, NULL::int, NULL::int, s."seg", count(*)::int, sum(s."spent")::text, avg(s."spent")::text
      FROM "s" s GROUP BY s."seg"
    UNION ALL
    SELECT 'none'::text, NULL::int, NULL::int, NULL::text, count(*)::int, NULL::text, NULL::text
      FROM "Customer" c
      WHERE c."workspaceId" = ${ws}
        AND NOT EXISTS (SELECT 1 FROM "CustomerMetrics" x WHERE x."workspaceId" = ${ws} AND x."customerId" = c."id")`);

  const num = (v: string | null) => (v === null ? null : Number(v));
  const cells: RfmCell[] = [];
  for (let r = 1; r <= 5; r++)
    for (let f = 1; f <= 5; f++) {
      const row = rows.find((x) => x.kind === "cell" && Number(x.r) === r && Number(x.f) === f);
      cells.push({
        recency: r,
        frequency: f,
        customers: row ? Number(row.n) : 0,
        revenue: num(row?.revenue ?? null) ?? 0,
        averageMonetary: num(row?.avg ?? null),
      });
    }
  const scored = cells.reduce((s, c) => s + c.customers, 0);
  const segments: RfmNamedSegmentRow[] = RFM_RULES.map((rule) => {
    const row = rows.find((x) => x.kind === "seg" && x.seg === rule.segment);
    const customers = row ? Number(row.n) : 0;
    return {
      segment: rule.segment,
      label: rule.label,
      customers,
      share: scored > 0 ? customers / scored : 0,
      revenue: num(row?.revenue ?? null) ?? 0,
      averageClv: num(row?.avg ?? null),
    };
  });
  const none = rows.find((x) => x.kind === "none");
  return {
    scored,
    withoutOrders: none ? Number(none.n) : 0,
    // Summed in cents so the total is exact.
    revenue: cells.reduce((s, c) => s + Math.round(c.revenue * 100), 0) / 100,
    cells,
    segments,
  };
}

/** The workspace's RFM grid, read under the interactive statement time limit. */
export async function getRfmGrid(workspaceId: string): Promise<RfmGrid> {
  return withStatementTimeout((tx) => computeRfmGrid(tx, workspaceId));
}
