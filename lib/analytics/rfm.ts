/**
 * RFM scores and segments, computed identically by SQL (`rfmBoundsSql`, `rfmScoreSql`,
 * `rfmSubquery`) and in memory (`computeRfmScores`, `rfmSegment`); rfm.parity.integration.test.ts
 * proves they agree.
 *
 * Only customers with at least one order are scored. Over the workspace's scored customers:
 * - recency R: `ntile(5)` ordered by the last order instant ascending (most recent → 5);
 * - frequency F: `ntile(5)` ordered by the number of orders ascending (most orders → 5);
 * - monetary M: `ntile(5)` ordered by total spend ascending (largest spend → 5);
 * ties are broken by customer id ascending, so scores are deterministic. `ntile` gives the first
 * (n mod 5) buckets one row more than the others, exactly as PostgreSQL does.
 *
 * The named segment is the first rule below that matches (every R/F pair matches one rule).
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { RfmSegmentName } from "@/lib/segments/definition";
import type { OrderSummary } from "@/lib/analytics/clv";

export type RfmScores = { recency: number; frequency: number; monetary: number };

export type RfmRule = {
  segment: RfmSegmentName;
  label: string;
  r: [number, number];
  f: [number, number];
  m: [number, number];
};

export const RFM_RULES: readonly RfmRule[] = [
  { segment: "champions", label: "Champions", r: [4, 5], f: [4, 5], m: [4, 5] },
  { segment: "loyal", label: "Loyal", r: [3, 5], f: [4, 5], m: [1, 5] },
  { segment: "cant_lose_them", label: "Can't lose them", r: [1, 1], f: [4, 5], m: [1, 5] },
  { segment: "at_risk", label: "At risk", r: [1, 2], f: [3, 5], m: [1, 5] },
  { segment: "potential_loyalists", label: "Potential loyalists", r: [4, 5], f: [2, 3], m: [1, 5] },
  { segment: "new", label: "New", r: [5, 5], f: [1, 1], m: [1, 5] },
  { segment: "promising", label: "Promising", r: [4, 4], f: [1, 1], m: [1, 5] },
  { segment: "need_attention", label: "Need attention", r: [3, 3], f: [2, 3], m: [1, 5] },
  { segment: "about_to_sleep", label: "About to sleep", r: [3, 3], f: [1, 1], m: [1, 5] },
  { segment: "hibernating", label: "Hibernating", r: [2, 2], f: [1, 2], m: [1, 5] },
  { segment: "lost", label: "Lost", r: [1, 1], f: [1, 2], m: [1, 5] },
];

export const RFM_SEGMENT_LABELS: Record<RfmSegmentName, string> = Object.fromEntries(
  RFM_RULES.map((r) => [r.segment, r.label]),
) as Record<RfmSegmentName, string>;

const within = (v: number, [lo, hi]: [number, number]) => v >= lo && v <= hi;

export function rfmSegment(s: RfmScores): RfmSegmentName {
  const rule = RFM_RULES.find((r) => within(s.recency, r.r) && within(s.frequency, r.f) && within(s.monetary, r.m));
  // Unreachable for scores 1–5: the rules cover every R/F pair.
  return rule?.segment ?? "lost";
}

/** PostgreSQL's `ntile(k)` over `n` rows: the 1-based bucket of the row at 0-based position `i`. */
export function ntile(i: number, n: number, k = 5): number {
  const buckets = Math.min(k, n);
  const size = Math.floor(n / buckets);
  const extra = n % buckets;
  const big = extra * (size + 1);
  return i < big ? Math.floor(i / (size + 1)) + 1 : extra + Math.floor((i - big) / size) + 1;
}

export type RfmInput = {
  customerId: number;
  orderCount: number;
  /** Total spend in cents (an integer, so sums are exact). */
  totalCents: number;
  lastOrderAt: Date;
};

function scoreBy(rows: RfmInput[], cmp: (a: RfmInput, b: RfmInput) => number): Map<number, number> {
  const sorted = [...rows].sort((a, b) => cmp(a, b) || a.customerId - b.customerId);
  return new Map(sorted.map((r, i) => [r.customerId, ntile(i, sorted.length)]));
}

/** RFM scores of every customer with orders, as SQL computes them. */
export function computeRfmScores(rows: RfmInput[]): Map<number, RfmScores> {
  const r = scoreBy(rows, (a, b) => a.lastOrderAt.getTime() - b.lastOrderAt.getTime());
  const f = scoreBy(rows, (a, b) => a.orderCount - b.orderCount);
  const m = scoreBy(rows, (a, b) => a.totalCents - b.totalCents);
  return new Map(
    rows.map((row) => [
      row.customerId,
      { recency: r.get(row.customerId) ?? 1, frequency: f.get(row.customerId) ?? 1, monetary: m.get(row.customerId) ?? 1 },
    ]),
  );
}

/** The RFM input of a customer from their order summary (null without orders: not scored). */
export function rfmInput(customerId: number, summary: OrderSummary | null): RfmInput | null {
  if (!summary) return null;
  return { customerId, orderCount: summary.orderCount, totalCents: summary.totalCents, lastOrderAt: summary.lastOrderAt };
}

// ---------------------------------------------------------------------------------------------
// SQL: the same scores over "CustomerMetrics" (one row per customer with orders, kept current by
// triggers on "Order").

const { sql, join, raw } = Prisma;
type Sql = Prisma.Sql;

const TRUE = sql`true`;

const RFM_DIMENSIONS = [
  { score: "r", column: "lastOrderAt" },
  { score: "f", column: "orderCount" },
  { score: "m", column: "totalSpent" },
] as const;

/**
 * The RFM quintile boundaries of a workspace, as one row (see rfm.ts for the scoring).
 *
 * `ntile(5)` over n rows puts the row at 0-based position i in bucket b when i ≥ start(b), with
 * start(b) = (b − 1)·⌊n/5⌋ + min(b − 1, n mod 5). So "score ≥ b" is "(value, customer id) ≥ the
 * (value, customer id) at position start(b)": four boundary rows per dimension, each read with
 * OFFSET … LIMIT 1 after the previous one along an index on "CustomerMetrics" (one partial walk of
 * the index per dimension), and no sort of all customers. Columns `r2v`, `r2id` … `m5v`, `m5id`.
 *
 * It is always used as a MATERIALIZED common table expression: computed once per query, whatever
 * join order the planner picks (inlined, a nested loop re-ran the twelve index walks per customer).
 */
export function rfmBoundsSql(ws: Sql): Sql {
  const bounds: Sql[] = [];
  const cols: Sql[] = [];
  for (const d of RFM_DIMENSIONS) {
    const col = raw(`x."${d.column}"`);
    for (let b = 2; b <= 5; b++) {
      const alias = raw(`"${d.score}${b}"`);
      const start = (k: number) => sql`(${k - 1}::int * ("n"."n" / 5) + least(${k - 1}::int, "n"."n" % 5))`;
      // Each boundary is found from the previous one, so one dimension walks its index once.
      const prev = raw(`"${d.score}${b - 1}"`);
      bounds.push(
        b === 2
          ? sql`LEFT JOIN LATERAL (SELECT ${col} AS "v", x."customerId" AS "id" FROM "CustomerMetrics" x
              WHERE x."workspaceId" = ${ws} ORDER BY ${col}, x."customerId"
              OFFSET ${start(2)} LIMIT 1) ${alias} ON true`
          : sql`LEFT JOIN LATERAL (SELECT ${col} AS "v", x."customerId" AS "id" FROM "CustomerMetrics" x
              WHERE x."workspaceId" = ${ws} AND (${col}, x."customerId") > (${prev}."v", ${prev}."id")
              ORDER BY ${col}, x."customerId"
              OFFSET greatest(0, ${start(b)} - ${start(b - 1)} - 1) LIMIT 1) ${alias} ON true`,
      );
      cols.push(sql`${alias}."v" AS ${raw(`"${d.score}${b}v"`)}, ${alias}."id" AS ${raw(`"${d.score}${b}id"`)}`);
    }
  }
  return sql`SELECT ${join(cols, ", ")}
      FROM (SELECT count(*)::int AS "n" FROM "CustomerMetrics" x WHERE x."workspaceId" = ${ws}) "n"
      ${join(bounds, "\n")}`;
}

/**
 * `"r", "f", "m", "seg"` of the "CustomerMetrics" row aliased `metrics`, against the boundary row
 * aliased `bounds` (rfmBoundsSql): a few comparisons per customer, no table access.
 */
export function rfmScoreSql(metrics: string, bounds: string): Sql {
  const range = (col: string, [lo, hi]: [number, number]) =>
    lo === 1 && hi === 5 ? TRUE : lo === hi ? sql`${raw(col)} = ${lo}::int` : sql`${raw(col)} BETWEEN ${lo}::int AND ${hi}::int`;
  const cases = RFM_RULES.map(
    (rule) => sql`WHEN ${range("s.r", rule.r)} AND ${range("s.f", rule.f)} AND ${range("s.m", rule.m)} THEN ${rule.segment}::text`,
  );
  const scores = RFM_DIMENSIONS.map((d) => {
    const steps: Sql[] = [];
    for (let b = 2; b <= 5; b++)
      steps.push(
        raw(
          `(CASE WHEN ("${metrics}"."${d.column}", "${metrics}"."customerId") >= ("${bounds}"."${d.score}${b}v", "${bounds}"."${d.score}${b}id") THEN 1 ELSE 0 END)`,
        ),
      );
    return sql`(1 + ${join(steps, " + ")}) AS ${raw(`"${d.score}"`)}`;
  });
  return sql`SELECT s."r", s."f", s."m", (CASE ${join(cases, " ")} END) AS "seg" FROM (SELECT ${join(scores, ", ")}) s`;
}

/**
 * Per-customer RFM scores and segment over the workspace's customers with orders (see above), as
 * a self-contained query with columns `cid`, `r`, `f`, `m`, `seg`; with `customerId`, that one
 * customer's row only (none when they have no orders).
 */
export function rfmSubquery(ws: Sql, customerId?: number): Sql {
  const one = customerId === undefined ? Prisma.empty : sql` AND "rfm_m"."customerId" = ${customerId}::int`;
  return sql`WITH "rfm_bounds" AS MATERIALIZED (${rfmBoundsSql(ws)})
    SELECT "rfm_m"."customerId" AS "cid", "rfm"."r", "rfm"."f", "rfm"."m", "rfm"."seg"
    FROM "CustomerMetrics" "rfm_m" CROSS JOIN "rfm_bounds" "rfm_b"
    CROSS JOIN LATERAL (${rfmScoreSql("rfm_m", "rfm_b")}) "rfm"
    WHERE "rfm_m"."workspaceId" = ${ws}${one}`;
}

type Queryable = { $queryRaw<T = unknown>(query: Prisma.Sql): Prisma.PrismaPromise<T> };

/** One customer's scores read from the database (null when they have no orders). */
export async function loadCustomerRfm(db: Queryable, workspaceId: string, customerId: number): Promise<RfmScores | null> {
  const rows = await db.$queryRaw<{ r: number; f: number; m: number }[]>(rfmSubquery(sql`${workspaceId}::uuid`, customerId));
  const row = rows[0];
  return row ? { recency: Number(row.r), frequency: Number(row.f), monetary: Number(row.m) } : null;
}
