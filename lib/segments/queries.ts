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
