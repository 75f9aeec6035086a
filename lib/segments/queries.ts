import "server-only";
/**
 * The statements run over a compiled definition: count, one page of members, all member ids, a
 * keyset stream, and overlap counts of several definitions. Callers go through evaluate.ts, which
 * loads the context and keeps each statement under its time limit.
 */
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { SegmentDefinition } from "@/lib/segments/definition";
import type { EvaluationContext } from "@/lib/segments/context";
import { SegmentError } from "@/lib/segments/errors";
import { compile, compileMany, countSql, type CompileContext } from "@/lib/segments/compile";
import type { Sql } from "@/lib/segments/compiler/sql";

const { sql, join, raw } = Prisma;

export type Queryable = Pick<PrismaClient, "$queryRaw"> | Pick<Prisma.TransactionClient, "$queryRaw">;

function withWorkspace(ctx: EvaluationContext, workspaceId: string): CompileContext {
  return { ...ctx, workspaceId };
}

/** Number of customers of the workspace in the segment. */
export async function countSegment(
  db: Queryable,
  workspaceId: string,
  definition: SegmentDefinition,
  ctx: EvaluationContext,
): Promise<number> {
  const rows = await db.$queryRaw<{ count: number }[]>(countSql(compile(definition, withWorkspace(ctx, workspaceId))));
  return Number(rows[0]?.count ?? 0);
}

export type SegmentMember = {
  id: number;
  externalId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  country: string | null;
  city: string | null;
  createdAt: Date;
};

export type MemberOrder = "id" | "name" | "email" | "createdAt";
const ORDER_BY: Record<MemberOrder, { asc: Sql; desc: Sql }> = {
  id: { asc: sql`c."id" ASC`, desc: sql`c."id" DESC` },
  name: {
    asc: sql`c."lastName" ASC NULLS LAST, c."firstName" ASC NULLS LAST, c."id" ASC`,
    desc: sql`c."lastName" DESC NULLS LAST, c."firstName" DESC NULLS LAST, c."id" DESC`,
  },
  email: { asc: sql`c."email" ASC NULLS LAST, c."id" ASC`, desc: sql`c."email" DESC NULLS LAST, c."id" DESC` },
  createdAt: { asc: sql`c."createdAt" ASC, c."id" ASC`, desc: sql`c."createdAt" DESC, c."id" DESC` },
};

const MEMBER_COLUMNS = sql`c."id", c."externalId", c."email", c."firstName", c."lastName", c."country", c."city", c."createdAt"`;

/** One page of the segment's members. */
export async function listSegmentMembers(
  db: Queryable,
  workspaceId: string,
  definition: SegmentDefinition,
  ctx: EvaluationContext,
  options: { limit?: number; offset?: number; orderBy?: MemberOrder; direction?: "asc" | "desc" } = {},
): Promise<SegmentMember[]> {
  const limit = Math.max(1, Math.min(1000, Math.floor(options.limit ?? 50)));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const order = ORDER_BY[options.orderBy ?? "id"][options.direction ?? "asc"];
  const compiled = compile(definition, withWorkspace(ctx, workspaceId));
  return db.$queryRaw<SegmentMember[]>(
    sql`${compiled.with}SELECT ${MEMBER_COLUMNS} FROM ${compiled.from} WHERE ${compiled.where} ORDER BY ${order} LIMIT ${limit}::int OFFSET ${offset}::int`,
  );
}

/** Ids of all members, ascending (for tests, previews and small exports). */
export async function segmentMemberIds(
  db: Queryable,
  workspaceId: string,
  definition: SegmentDefinition,
  ctx: EvaluationContext,
): Promise<number[]> {
  const compiled = compile(definition, withWorkspace(ctx, workspaceId));
  const rows = await db.$queryRaw<{ id: number }[]>(
    sql`${compiled.with}SELECT c."id" FROM ${compiled.from} WHERE ${compiled.where} ORDER BY c."id"`,
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Streams members in id order, `batchSize` at a time (keyset pagination: each batch re-runs the
 * query after the last id seen, so memory stays flat for large exports).
 */
export async function* streamSegmentMembers(
  db: Queryable,
  workspaceId: string,
  definition: SegmentDefinition,
  ctx: EvaluationContext,
  options: { batchSize?: number } = {},
): AsyncGenerator<SegmentMember[]> {
  const batch = Math.max(1, Math.min(50_000, options.batchSize ?? 5000));
  const compiled = compile(definition, withWorkspace(ctx, workspaceId));
  let after = 0;
  for (;;) {
    const rows = await db.$queryRaw<SegmentMember[]>(
      sql`${compiled.with}SELECT ${MEMBER_COLUMNS} FROM ${compiled.from} WHERE ${compiled.where} AND c."id" > ${after}::int ORDER BY c."id" LIMIT ${batch}::int`,
    );
    if (rows.length === 0) return;
    yield rows;
    after = Number(rows[rows.length - 1]!.id);
    if (rows.length < batch) return;
  }
}

export type OverlapResult = {
  /** Size of each segment. */
  sizes: number[];
  /** `pairs[i][j]`: customers in both segment i and segment j (`pairs[i][i]` = sizes[i]). */
  pairs: number[][];
  /** Customers in every segment. */
  all: number;
  /** Customers in at least one segment. */
  any: number;
};

/** Sizes, pairwise overlaps, intersection and union of up to 8 segments, in one query. */
export async function overlapCounts(
  db: Queryable,
  workspaceId: string,
  definitions: SegmentDefinition[],
  ctx: EvaluationContext,
): Promise<OverlapResult> {
  if (definitions.length === 0) return { sizes: [], pairs: [], all: 0, any: 0 };
  if (definitions.length > 8) throw new SegmentError("VALIDATION", "Compare at most 8 segments at a time.");
  const { with: withClause, from, where, predicates } = compileMany(definitions, withWorkspace(ctx, workspaceId));
  const n = predicates.length;
  // Each predicate is evaluated once per customer (as a boolean column), then counted in combinations.
  const flags = predicates.map((p, i) => sql`COALESCE(${p}, false) AS ${raw(`"p${i}"`)}`);
  const p = (i: number) => raw(`"p${i}"`);
  const cols: Sql[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++)
      cols.push(i === j ? sql`count(*) FILTER (WHERE ${p(i)})::int` : sql`count(*) FILTER (WHERE ${p(i)} AND ${p(j)})::int`);
  cols.push(sql`count(*) FILTER (WHERE ${join(predicates.map((_, i) => p(i)), " AND ")})::int`);
  cols.push(sql`count(*) FILTER (WHERE ${join(predicates.map((_, i) => p(i)), " OR ")})::int`);
  const labelled = cols.map((col, k) => sql`${col} AS ${raw(`"k${k}"`)}`);
  const rows = await db.$queryRaw<Record<string, number>[]>(
    sql`${withClause}SELECT ${join(labelled, ", ")} FROM (SELECT ${join(flags, ", ")} FROM ${from} WHERE ${where}) "flags"`,
  );
  const row = rows[0] ?? {};
  const value = (k: number) => Number(row[`k${k}`] ?? 0);
  const pairs = Array.from({ length: n }, () => Array.from({ length: n }, () => 0));
  let k = 0;
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      pairs[i]![j] = value(k);
      pairs[j]![i] = value(k);
      k++;
    }
  return { sizes: pairs.map((p, i) => p[i]!), pairs, all: value(k), any: value(k + 1) };
}

/** Customers and the revenue they brought (lifetime spend, as "CustomerMetrics" keeps it). */
export type Reach = { customers: number; revenue: number };

export type ExclusionCounts = {
  /** The base as defined. */
  before: Reach;
  /** The base without anyone matching any exclusion. */
  after: Reach;
  /** `removedBy[j]`: the base's customers who match exclusion j (they may match others too). */
  removedBy: Reach[];
};

export const MAX_EXCLUSION_BASES = 30;
export const MAX_EXCLUSIONS = 12;

/**
 * Each base definition before and after removing everyone who matches any of the exclusions, and
 * what each exclusion removes on its own — customers and revenue — in one statement over one shared
 * FROM (aggregates computed once). A customer whose exclusion predicate is unknown (NULL) is kept.
 */
export async function exclusionCounts(
  db: Queryable,
  workspaceId: string,
  bases: SegmentDefinition[],
  exclusions: SegmentDefinition[],
  ctx: EvaluationContext,
): Promise<ExclusionCounts[]> {
  if (bases.length === 0) return [];
  if (bases.length > MAX_EXCLUSION_BASES) throw new SegmentError("VALIDATION", `Compare at most ${MAX_EXCLUSION_BASES} segments at a time.`);
  if (exclusions.length > MAX_EXCLUSIONS) throw new SegmentError("VALIDATION", `Apply at most ${MAX_EXCLUSIONS} exclusions at a time.`);
  const { with: withClause, from, where, predicates } = compileMany([...bases, ...exclusions], withWorkspace(ctx, workspaceId));
  const b = (i: number) => raw(`"b${i}"`);
  const e = (j: number) => raw(`"e${j}"`);
  const flags = [
    ...bases.map((_, i) => sql`COALESCE(${predicates[i]!}, false) AS ${b(i)}`),
    ...exclusions.map((_, j) => sql`COALESCE(${predicates[bases.length + j]!}, false) AS ${e(j)}`),
    sql`COALESCE("exclusion_metrics"."totalSpent", 0) AS "spent"`,
  ];
  const anyExcluded = exclusions.length ? sql`(${join(exclusions.map((_, j) => e(j)), " OR ")})` : sql`false`;
  const cols: Sql[] = [];
  const reach = (filter: Sql, k: string) => {
    cols.push(sql`count(*) FILTER (WHERE ${filter})::int AS ${raw(`"${k}_n"`)}`);
    cols.push(sql`COALESCE(sum("spent") FILTER (WHERE ${filter}), 0)::numeric(18,2)::text AS ${raw(`"${k}_r"`)}`);
  };
  bases.forEach((_, i) => {
    reach(b(i), `before${i}`);
    reach(sql`${b(i)} AND NOT ${anyExcluded}`, `after${i}`);
    exclusions.forEach((_, j) => reach(sql`${b(i)} AND ${e(j)}`, `by${i}_${j}`));
  });
  const rows = await db.$queryRaw<Record<string, number | string>[]>(
    sql`${withClause}SELECT ${join(cols, ", ")} FROM (SELECT ${join(flags, ", ")} FROM ${from}
      LEFT JOIN "CustomerMetrics" "exclusion_metrics" ON "exclusion_metrics"."workspaceId" = c."workspaceId" AND "exclusion_metrics"."customerId" = c."id"
      WHERE ${where}) "flags"`,
  );
  const row = rows[0] ?? {};
  const read = (k: string): Reach => ({ customers: Number(row[`${k}_n`] ?? 0), revenue: Number(row[`${k}_r`] ?? 0) });
  return bases.map((_, i) => ({
    before: read(`before${i}`),
    after: read(`after${i}`),
    removedBy: exclusions.map((_, j) => read(`by${i}_${j}`)),
  }));
}

/** A stable, seeded holdout: `percent` of customers, chosen by a hash of the seed and the id. */
export type Holdout = { percent: number; seed: string };

/** The customer's holdout bucket 0–9999 from md5(seed:id) — the same on every run and database. */
function holdoutBucket(seed: string): Sql {
  return sql`((('x' || substr(md5(${seed}::text || ':' || c."id"::text), 1, 8))::bit(32)::bigint) % 10000)`;
}

export type WaterfallCounts = {
  /** Every customer of the workspace. */
  base: Reach;
  /** Per target, in priority order: its size as defined, and what it keeps after higher-priority
   * targets took their customers and exclusions removed theirs (`assigned`; `heldOut` of them). */
  targets: { size: Reach; orders: number; assigned: Reach; heldOut: Reach }[];
  /** Union of the targets minus exclusions (the holdout included). */
  audience: Reach;
  heldOut: Reach;
  /** `removedBy[j]`: customers of the union matching exclusion j. */
  removedBy: Reach[];
  /** Customers of the union matching any exclusion. */
  excluded: Reach;
  /** `overlaps[i][j]`: customers in both target i and target j (before deduplication). */
  overlaps: number[][];
};

export const MAX_TARGETS = 12;

function waterfallFrom(
  workspaceId: string,
  targets: SegmentDefinition[],
  exclusions: SegmentDefinition[],
  holdout: Holdout | null,
  ctx: EvaluationContext,
) {
  if (targets.length === 0 || targets.length > MAX_TARGETS) throw new SegmentError("VALIDATION", `Choose 1–${MAX_TARGETS} segments.`);
  if (exclusions.length > MAX_EXCLUSIONS + 10) throw new SegmentError("VALIDATION", "Too many exclusions.");
  const { with: withClause, from, where, predicates } = compileMany([...targets, ...exclusions], withWorkspace(ctx, workspaceId));
  const t = (i: number) => raw(`"t${i}"`);
  const e = (j: number) => raw(`"e${j}"`);
  const held = holdout && holdout.percent > 0 ? sql`${holdoutBucket(holdout.seed)} < ${Math.round(holdout.percent * 100)}::int` : sql`false`;
  const inner = sql`SELECT c."id" AS "cid", ${join(
    [
      ...targets.map((_, i) => sql`COALESCE(${predicates[i]!}, false) AS ${t(i)}`),
      ...exclusions.map((_, j) => sql`COALESCE(${predicates[targets.length + j]!}, false) AS ${e(j)}`),
      sql`COALESCE("waterfall_metrics"."totalSpent", 0) AS "spent"`,
      sql`COALESCE("waterfall_metrics"."orderCount", 0) AS "orders"`,
      sql`(${held}) AS "held"`,
    ],
    ", ",
  )}
    FROM ${from}
    LEFT JOIN "CustomerMetrics" "waterfall_metrics" ON "waterfall_metrics"."workspaceId" = c."workspaceId" AND "waterfall_metrics"."customerId" = c."id"
    WHERE ${where}`;
  const slot = sql`CASE ${join(targets.map((_, i) => sql`WHEN ${t(i)} THEN ${i}::int`), " ")} END`;
  const excluded = exclusions.length ? sql`(${join(exclusions.map((_, j) => e(j)), " OR ")})` : sql`false`;
  return { withClause, inner, slot, excluded, t, e };
}

/**
 * The deduplicated audience of prioritised targets (a "waterfall"): each customer goes to the first
 * target it matches; anyone matching an exclusion is left out; a seeded share is held out. One
 * statement; nothing is loaded into memory.
 */
export async function waterfallCounts(
  db: Queryable,
  workspaceId: string,
  targets: SegmentDefinition[],
  exclusions: SegmentDefinition[],
  holdout: Holdout | null,
  ctx: EvaluationContext,
): Promise<WaterfallCounts> {
  const w = waterfallFrom(workspaceId, targets, exclusions, holdout, ctx);
  const cols: Sql[] = [];
  const reach = (filter: Sql, k: string) => {
    cols.push(sql`count(*) FILTER (WHERE ${filter})::int AS ${raw(`"${k}_n"`)}`);
    cols.push(sql`COALESCE(sum("spent") FILTER (WHERE ${filter}), 0)::numeric(18,2)::text AS ${raw(`"${k}_r"`)}`);
  };
  const kept = sql`"slot" IS NOT NULL AND NOT "excl"`;
  reach(sql`true`, "base");
  targets.forEach((_, i) => {
    reach(w.t(i), `size${i}`);
    cols.push(sql`COALESCE(sum("orders") FILTER (WHERE ${w.t(i)}), 0)::int AS ${raw(`"orders${i}_n"`)}`);
    reach(sql`"slot" = ${i}::int AND NOT "excl"`, `assigned${i}`);
    reach(sql`"slot" = ${i}::int AND NOT "excl" AND "held"`, `held${i}`);
  });
  reach(kept, "audience");
  reach(sql`${kept} AND "held"`, "heldout");
  reach(sql`"slot" IS NOT NULL AND "excl"`, "excluded");
  const exclusionCount = exclusions.length;
  for (let j = 0; j < exclusionCount; j++) reach(sql`"slot" IS NOT NULL AND ${w.e(j)}`, `by${j}`);
  for (let i = 0; i < targets.length; i++) for (let j = i + 1; j < targets.length; j++) cols.push(sql`count(*) FILTER (WHERE ${w.t(i)} AND ${w.t(j)})::int AS ${raw(`"pair${i}_${j}_n"`)}`);
  const rows = await db.$queryRaw<Record<string, number | string>[]>(
    sql`${w.withClause}SELECT ${join(cols, ", ")} FROM (SELECT "f".*, ${w.slot} AS "slot", ${w.excluded} AS "excl" FROM (${w.inner}) "f") "x"`,
  );
  const row = rows[0] ?? {};
  const read = (k: string): Reach => ({ customers: Number(row[`${k}_n`] ?? 0), revenue: Number(row[`${k}_r`] ?? 0) });
  const overlaps = targets.map((_, i) => targets.map((_, j) => (i === j ? read(`size${i}`).customers : Number(row[`pair${Math.min(i, j)}_${Math.max(i, j)}_n`] ?? 0))));
  return {
    base: read("base"),
    targets: targets.map((_, i) => ({ size: read(`size${i}`), orders: Number(row[`orders${i}_n`] ?? 0), assigned: read(`assigned${i}`), heldOut: read(`held${i}`) })),
    audience: read("audience"),
    heldOut: read("heldout"),
    excluded: read("excluded"),
    removedBy: Array.from({ length: exclusionCount }, (_, j) => read(`by${j}`)),
    overlaps,
  };
}

export type AudienceRow = { id: number; externalId: string | null; firstName: string | null; lastName: string | null; email: string | null; slot: number; held: boolean };

/** The audience, customer by customer (keyset pages by id): its target (slot) and holdout flag. */
export async function* streamWaterfall(
  db: Queryable,
  workspaceId: string,
  targets: SegmentDefinition[],
  exclusions: SegmentDefinition[],
  holdout: Holdout | null,
  ctx: EvaluationContext,
  batch = 1000,
): AsyncGenerator<AudienceRow[]> {
  const w = waterfallFrom(workspaceId, targets, exclusions, holdout, ctx);
  let after = 0;
  for (;;) {
    const rows = await db.$queryRaw<AudienceRow[]>(
      sql`${w.withClause}SELECT x."cid" AS "id", cu."externalId", cu."firstName", cu."lastName", cu."email", x."slot", x."held"
        FROM (SELECT "f".*, ${w.slot} AS "slot", ${w.excluded} AS "excl" FROM (${w.inner}) "f") "x"
        JOIN "Customer" cu ON cu."workspaceId" = ${workspaceId}::uuid AND cu."id" = x."cid"
        WHERE x."slot" IS NOT NULL AND NOT x."excl" AND x."cid" > ${after}::int
        ORDER BY x."cid" LIMIT ${batch}::int`,
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({ ...r, id: Number(r.id), slot: Number(r.slot) }));
    after = Number(rows[rows.length - 1]!.id);
    if (rows.length < batch) return;
  }
}
