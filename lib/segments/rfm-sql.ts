/**
 * RFM scores in SQL (the scoring itself is described in rfm.ts): the workspace's quintile
 * boundaries as one row, a customer's scores against that row, and both together as a
 * self-contained query for reading one customer's scores.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { RFM_RULES } from "@/lib/segments/rfm";

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
 * Per-customer RFM scores and segment over the workspace's customers with orders (see rfm.ts), as
 * a self-contained query with columns `cid`, `r`, `f`, `m`, `seg` (for reading one customer's scores).
 */
export function rfmSubquery(ws: Sql): Sql {
  return sql`WITH "rfm_bounds" AS MATERIALIZED (${rfmBoundsSql(ws)})
    SELECT "rfm_m"."customerId" AS "cid", "rfm"."r", "rfm"."f", "rfm"."m", "rfm"."seg"
    FROM "CustomerMetrics" "rfm_m" CROSS JOIN "rfm_bounds" "rfm_b"
    CROSS JOIN LATERAL (${rfmScoreSql("rfm_m", "rfm_b")}) "rfm"
    WHERE "rfm_m"."workspaceId" = ${ws}`;
}
