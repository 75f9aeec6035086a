import "server-only";
/**
 * Insights → Clusters: start, follow and cancel a clustering run (run by the "clustering" job,
 * lib/insights/cluster-job.ts), and save one of its clusters as a static segment (exact members),
 * as a rule-based segment approximating it (the cluster's 10th–90th percentile range on its
 * distinctive numeric features, with the agreement computed in the database) or as a persona
 * draft. docs/insights.md describes the method.
 */
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { withStatementTimeout, withTimedTransactions } from "@/lib/db/statement-timeout";
import { recordAudit } from "@/lib/dal/audit";
import { authorize, parseInput, type ServiceContext } from "@/lib/domain/context";
import { DomainError, notFound } from "@/lib/errors";
import type { FeatureSpec } from "@/lib/analytics/features";
import type { ClusterResult, ClusterSummary } from "@/lib/insights/cluster-compute";
import { uniqueName } from "@/lib/insights/rfm-segments";
import { draftPersonaFromSegment } from "@/lib/personas/service";
import { compile } from "@/lib/segments/compile";
import { DEFINITION_VERSION, type Condition, type SegmentDefinition } from "@/lib/segments/definition";
import { loadEvaluationContext, prepare, type EvaluationClient } from "@/lib/segments/evaluate";
import { createSegment, toDomainError } from "@/lib/segments/service";
import { createStaticSegment, SEGMENT_NAME_MAX, snapshotSegment, TX_OPTIONS } from "@/lib/segments/store";
import { loadTraitDefinitions } from "@/lib/segments/traits";
import {
  CATEGORICAL_FEATURES,
  clusterOptionsSchema,
  clusterRunIdSchema,
  isTraitFeature,
  NUMERIC_FEATURES,
  saveClusterSchema,
  TRAIT_FEATURE_PREFIX,
  type ClusterOptions,
  type NumericFeatureKey,
} from "@/lib/validations/clusters";

const { sql, join, raw } = Prisma;

/** Customers a run clusters at most (a seeded sample of the workspace above that). */
export const MAX_RUN_CUSTOMERS = 200_000;
/** Customers a run needs at least. */
export const MIN_RUN_CUSTOMERS = 20;
/** Runs kept per workspace (older ones and their assignments are deleted when a new one starts). */
export const KEEP_RUNS = 5;
/** The kind of job that runs a clustering run. */
export const CLUSTER_JOB = "clustering";

export type ClusterRunView = {
  id: string;
  status: "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED";
  progress: number;
  stage: string | null;
  message: string | null;
  cancelRequested: boolean;
  options: ClusterOptions;
  customers: number | null;
  createdAt: string;
  finishedAt: string | null;
};

const RUN_SELECT = {
  id: true,
  status: true,
  progress: true,
  stage: true,
  message: true,
  cancelRequested: true,
  options: true,
  customers: true,
  createdAt: true,
  finishedAt: true,
} as const;

type RunRow = Prisma.ClusterRunGetPayload<{ select: typeof RUN_SELECT }>;

function view(row: RunRow): ClusterRunView {
  return {
    ...row,
    options: clusterOptionsSchema.parse(row.options),
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

// ── Features ──────────────────────────────────────────────────────────────────────────────────

export type NumericTraitFeature = { key: string; label: string };

/** The workspace's numeric custom traits, as features (`trait:<key>`). */
export async function numericTraitFeatures(client: Pick<PrismaClient, "customerTraitDefinition"> | Prisma.TransactionClient, workspaceId: string): Promise<NumericTraitFeature[]> {
  const traits = await loadTraitDefinitions(client, workspaceId);
  return traits.filter((t) => t.type === "NUMBER").map((t) => ({ key: `${TRAIT_FEATURE_PREFIX}${t.key}`, label: t.label }));
}

/** The feature spec of the options, with labels and name words; unknown traits are refused. */
export function featureSpec(options: ClusterOptions, traits: readonly NumericTraitFeature[]): FeatureSpec {
  const byTrait = new Map(traits.map((t) => [t.key, t]));
  return {
    numeric: options.numeric.map((key, i) => {
      if (isTraitFeature(key)) {
        const trait = byTrait.get(key);
        if (!trait) throw new DomainError("VALIDATION", "Please correct the highlighted fields.", { [`numeric.${i}`]: ["This custom trait is not a numeric trait of this workspace."] });
        return { key, label: trait.label };
      }
      const info = NUMERIC_FEATURES.find((f) => f.key === key)!;
      return { key, label: info.label, high: info.high, low: info.low };
    }),
    categorical: options.categorical.map((key) => ({ key, label: CATEGORICAL_FEATURES.find((f) => f.key === key)!.label })),
  };
}

const BUILT_IN_SQL: Record<NumericFeatureKey, (now: Date) => Prisma.Sql> = {
  age: (now) => {
    const today = sql`${now.toISOString().slice(0, 10)}::date`;
    return sql`(CASE WHEN c."birthDate" <= ${today} THEN date_part('year', age(${today}::timestamp, c."birthDate"::timestamp)) END)::float8`;
  },
  income: () => sql`c."annualIncome"::float8`,
  spend: () => sql`COALESCE(m."totalSpent", 0)::float8`,
  frequency: () => sql`COALESCE(m."orderCount", 0)::float8`,
  recency: (now) => sql`(extract(epoch FROM (${now.toISOString()}::timestamptz - m."lastOrderAt")) / 86400.0)::float8`,
  aov: () => sql`(m."totalSpent" / NULLIF(m."orderCount", 0))::float8`,
  companySize: () => sql`c."companySize"::float8`,
};

const CATEGORY_SQL: Record<(typeof CATEGORICAL_FEATURES)[number]["key"], Prisma.Sql> = {
  gender: sql`c."gender"`,
  country: sql`c."country"`,
  acquisitionChannel: sql`c."acquisitionChannel"`,
  industry: sql`c."industry"`,
};

/** A feature's value for `"Customer" c` left-joined with `"CustomerMetrics" m`. */
export function featureSql(key: string, now: Date): Prisma.Sql {
  if (isTraitFeature(key)) {
    const traitKey = key.slice(TRAIT_FEATURE_PREFIX.length);
    return sql`(CASE WHEN jsonb_typeof(c."traits" -> ${traitKey}) = 'number' THEN (c."traits" ->> ${traitKey})::float8 END)`;
  }
  return BUILT_IN_SQL[key as NumericFeatureKey](now);
}

/**
 * The features of the workspace's customers (at most `cap`: a sample ordered by a hash of the id
 * when there are more), as one row of arrays — one array per feature — which is much cheaper to
 * transfer than one row per customer.
 */
export async function loadClusterFeatures(
  client: EvaluationClient,
  workspaceId: string,
  options: ClusterOptions,
  now: Date,
  cap = MAX_RUN_CUSTOMERS,
): Promise<{ ids: number[]; rows: Record<string, unknown>[]; total: number }> {
  const ws = sql`${workspaceId}::uuid`;
  const numeric = options.numeric.map((key, i) => ({ key, alias: raw(`"n${i}"`), expr: featureSql(key, now) }));
  const categorical = options.categorical.map((key, i) => ({ key, alias: raw(`"t${i}"`), expr: CATEGORY_SQL[key] }));
  const selected = [...numeric, ...categorical];
  const [row] = await client.$queryRaw<Record<string, unknown[] | number | null>[]>(sql`
    WITH "f" AS (
      SELECT c."id", ${join(selected.map((f) => sql`${f.expr} AS ${f.alias}`))}
      FROM "Customer" c
      LEFT JOIN "CustomerMetrics" m ON m."workspaceId" = c."workspaceId" AND m."customerId" = c."id"
      WHERE c."workspaceId" = ${ws}
      ORDER BY hashint4(c."id"), c."id"
      LIMIT ${cap}
    )
    SELECT (SELECT count(*)::int FROM "Customer" WHERE "workspaceId" = ${ws}) AS "total",
           array_agg("id" ORDER BY "id") AS "ids",
           ${join(selected.map((f) => sql`array_agg(${f.alias} ORDER BY "id") AS ${f.alias}`))}
    FROM "f"`);
  const ids = ((row?.ids as number[] | null) ?? []).map(Number);
  const columns = selected.map((f, i) => ({ key: f.key, values: (row?.[i < numeric.length ? `n${i}` : `t${i - numeric.length}`] as unknown[] | null) ?? [] }));
  const rows = ids.map((_, r) => Object.fromEntries(columns.map((c) => [c.key, c.values[r] ?? null])));
  return { ids, rows, total: Number(row?.total ?? 0) };
}

// ── Runs ──────────────────────────────────────────────────────────────────────────────────────

/** What the Clusters page shows: customers, numeric traits, the latest run and the latest completed one. */
export async function clustersPageData(workspaceId: string) {
  const [customers, traits, latest, completed] = await Promise.all([
    db.customer.count({ where: { workspaceId } }),
    numericTraitFeatures(db, workspaceId),
    latestClusterRun(workspaceId),
    latestCompletedClusterRun(workspaceId),
  ]);
  return { customers, traits, latest, completed };
}

/** The workspace's latest run, or null. */
export async function latestClusterRun(workspaceId: string): Promise<ClusterRunView | null> {
  const row = await db.clusterRun.findFirst({ where: { workspaceId }, orderBy: { createdAt: "desc" }, select: RUN_SELECT });
  return row ? view(row) : null;
}

export async function getClusterRun(ctx: ServiceContext, input: unknown): Promise<ClusterRunView> {
  authorize(ctx, "workspace.read");
  const { runId } = parseInput(clusterRunIdSchema, input);
  const row = await db.clusterRun.findFirst({ where: { workspaceId: ctx.workspaceId, id: runId }, select: RUN_SELECT });
  if (!row) throw notFound("That clustering run");
  return view(row);
}

/** The workspace's latest completed run with its result, or null. */
export async function latestCompletedClusterRun(workspaceId: string): Promise<{ run: ClusterRunView; result: ClusterResult } | null> {
  const row = await db.clusterRun.findFirst({
    where: { workspaceId, status: "COMPLETED" },
    orderBy: { createdAt: "desc" },
    select: { ...RUN_SELECT, result: true },
  });
  if (!row?.result) return null;
  const { result, ...rest } = row;
  return { run: view(rest), result: result as unknown as ClusterResult };
}

/** A completed run's result, or null. */
export async function clusterRunResult(workspaceId: string, runId: string): Promise<ClusterResult | null> {
  const row = await db.clusterRun.findFirst({ where: { workspaceId, id: runId, status: "COMPLETED" }, select: { result: true } });
  return (row?.result as ClusterResult | null | undefined) ?? null;
}

/**
 * Queues a run with the given options. One run at a time per workspace; the workspace needs at
 * least MIN_RUN_CUSTOMERS customers. Older runs beyond the last KEEP_RUNS are deleted.
 */
export async function startClusterRun(ctx: ServiceContext, input: unknown, client: PrismaClient = db): Promise<{ id: string }> {
  authorize(ctx, "segments.write", "Your role can look at clusters but not run a new clustering.");
  const options = parseInput(clusterOptionsSchema, input);
  featureSpec(options, await numericTraitFeatures(client, ctx.workspaceId));
  const customers = await client.customer.count({ where: { workspaceId: ctx.workspaceId } });
  if (customers < MIN_RUN_CUSTOMERS)
    throw new DomainError(
      "BAD_REQUEST",
      `Clustering needs at least ${MIN_RUN_CUSTOMERS} customers; this workspace has ${customers}. Import more customers first.`,
    );
  return client.$transaction(async (tx) => {
    // Serialise starts in this workspace, so two clicks cannot start two runs.
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`cluster-run:${ctx.workspaceId}`}))::text AS locked`;
    const active = await tx.clusterRun.findFirst({ where: { workspaceId: ctx.workspaceId, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } });
    if (active) throw new DomainError("CONFLICT", "A clustering run is already in progress. Wait for it to finish or cancel it.");
    const run = await tx.clusterRun.create({
      data: { workspaceId: ctx.workspaceId, options, createdById: ctx.actor.id, stage: "Waiting to start" },
      select: { id: true },
    });
    await tx.job.create({ data: { workspaceId: ctx.workspaceId, kind: CLUSTER_JOB, payload: { runId: run.id } } });
    const old = await tx.clusterRun.findMany({
      where: { workspaceId: ctx.workspaceId, status: { notIn: ["QUEUED", "RUNNING"] } },
      orderBy: { createdAt: "desc" },
      skip: KEEP_RUNS - 1,
      select: { id: true },
    });
    if (old.length) await tx.clusterRun.deleteMany({ where: { workspaceId: ctx.workspaceId, id: { in: old.map((r) => r.id) } } });
    await recordAudit(ctx.workspaceId, ctx.actor, { action: "clustering.started", targetType: "cluster_run", targetId: run.id, metadata: { ...options } }, tx);
    return run;
  });
}

/** Asks a queued or running run to stop (a queued one stops at once). */
export async function cancelClusterRun(ctx: ServiceContext, input: unknown, client: PrismaClient = db): Promise<ClusterRunView> {
  authorize(ctx, "segments.write", "Your role can look at clusters but not cancel a run.");
  const { runId } = parseInput(clusterRunIdSchema, input);
  const now = new Date();
  await client.clusterRun.updateMany({
    where: { workspaceId: ctx.workspaceId, id: runId, status: "QUEUED" },
    data: { status: "CANCELLED", cancelRequested: true, finishedAt: now, stage: null, message: "Cancelled before it started." },
  });
  await client.clusterRun.updateMany({ where: { workspaceId: ctx.workspaceId, id: runId, status: "RUNNING" }, data: { cancelRequested: true } });
  const row = await client.clusterRun.findFirst({ where: { workspaceId: ctx.workspaceId, id: runId }, select: RUN_SELECT });
  if (!row) throw notFound("That clustering run");
  return view(row);
}

// ── Saving a cluster ──────────────────────────────────────────────────────────────────────────

/** A feature is part of the approximating rule when the cluster's mean is this many sd from the average. */
export const RULE_MIN_DIFFERENCE = 0.25;
/** Conditions in the approximating rule at most. */
export const RULE_MAX_FEATURES = 4;

const between = (min: number, max: number) => ({ min, max });

/** The engine condition(s) for "feature between low and high" (null for a feature with no rule). */
export function rangeConditions(key: string, low: number, high: number): Condition[] {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return [];
  const r2 = (x: number) => Math.round(x * 100) / 100;
  const ever = { kind: "ever" as const };
  const orders = { source: "orders" as const };
  if (isTraitFeature(key)) return [{ type: "field", field: `traits.${key.slice(TRAIT_FEATURE_PREFIX.length)}`, operator: "between", value: between(r2(low), r2(high)) }];
  switch (key as NumericFeatureKey) {
    case "age":
      return [{ type: "field", field: "age", operator: "between", value: between(Math.floor(low), Math.ceil(high)) }];
    case "income":
      return [{ type: "field", field: "annualIncome", operator: "between", value: between(r2(low), r2(high)) }];
    case "companySize":
      return [{ type: "field", field: "companySize", operator: "between", value: between(Math.floor(low), Math.ceil(high)) }];
    case "spend":
      return [{ type: "behavior", kind: "aggregate", subject: orders, aggregate: "sum", window: ever, operator: "between", value: between(r2(low), r2(high)) }];
    case "frequency":
      return [{ type: "behavior", kind: "aggregate", subject: orders, aggregate: "count", window: ever, operator: "between", value: between(Math.floor(low), Math.ceil(high)) }];
    case "aov":
      return [{ type: "behavior", kind: "aggregate", subject: orders, aggregate: "avg", window: ever, operator: "between", value: between(r2(low), r2(high)) }];
    case "recency": {
      // "Last order in the last ⌈high⌉ days" and, when the range starts a day or more back, "more than ⌊low⌋ days ago".
      const conditions: Condition[] = [{ type: "behavior", kind: "occurrence", subject: orders, which: "last", operator: "in_last", value: { amount: Math.max(1, Math.ceil(high)), unit: "days" } }];
      if (Math.floor(low) >= 1) conditions.push({ type: "behavior", kind: "occurrence", subject: orders, which: "last", operator: "more_than_ago", value: { amount: Math.floor(low), unit: "days" } });
      return conditions;
    }
  }
}

/**
 * The rule approximating a cluster: for its most distinctive numeric features (mean at least
 * RULE_MIN_DIFFERENCE sd from the average, at most RULE_MAX_FEATURES, all of them when none is),
 * "between the cluster's 10th and 90th percentile".
 */
export function clusterRuleDefinition(summary: Pick<ClusterSummary, "numeric" | "ranges">): { definition: SegmentDefinition; features: string[] } {
  const ranked = [...summary.numeric].sort((a, b) => Math.abs(b.standardisedDifference) - Math.abs(a.standardisedDifference));
  const distinctive = ranked.filter((f) => Math.abs(f.standardisedDifference) >= RULE_MIN_DIFFERENCE).slice(0, RULE_MAX_FEATURES);
  const chosen = (distinctive.length ? distinctive : ranked.slice(0, RULE_MAX_FEATURES)).map((f) => f.key);
  const children: Condition[] = [];
  const used: string[] = [];
  for (const key of chosen) {
    const range = summary.ranges.find((r) => r.key === key);
    if (!range || range.known === 0) continue;
    const conditions = rangeConditions(key, range.low, range.high);
    if (conditions.length) used.push(key);
    children.push(...conditions);
  }
  return { definition: { version: DEFINITION_VERSION, root: { type: "group", op: "and", children } }, features: used };
}

export type Agreement = {
  /** Customers of the cluster (still in the workspace). */
  clusterSize: number;
  /** Customers the rule matches. */
  matched: number;
  /** Customers both in the cluster and matched. */
  both: number;
  /** both / clusterSize: the share of the cluster the rule catches. */
  recall: number | null;
  /** both / matched: the share of matched customers who are in the cluster. */
  precision: number | null;
};

/** How well a definition agrees with a cluster, counted in the database. */
export async function clusterAgreement(
  client: EvaluationClient,
  workspaceId: string,
  target: { runId: string; k: number; cluster: number },
  definition: SegmentDefinition,
  now = new Date(),
): Promise<Agreement> {
  const context = await loadEvaluationContext(client, workspaceId, { now });
  const { definition: valid, ctx } = await prepare(workspaceId, definition, context);
  const compiled = compile(valid, { ...ctx, workspaceId });
  const inCluster = sql`EXISTS (SELECT 1 FROM "ClusterAssignment" a
      WHERE a."workspaceId" = c."workspaceId" AND a."runId" = ${target.runId} AND a."customerId" = c."id"
        AND a."clusters"[${target.k - 1}::int] = ${target.cluster}::int)`;
  const [counts] = await client.$queryRaw<{ matched: number; both: number }[]>(sql`${compiled.with}
    SELECT count(*)::int AS "matched", (count(*) FILTER (WHERE ${inCluster}))::int AS "both"
    FROM ${compiled.from} WHERE ${compiled.where}`);
  const clusterSize = await clusterMemberCount(client, workspaceId, target);
  const matched = counts?.matched ?? 0;
  const both = counts?.both ?? 0;
  return { clusterSize, matched, both, recall: clusterSize ? both / clusterSize : null, precision: matched ? both / matched : null };
}

async function clusterMemberCount(client: EvaluationClient, workspaceId: string, target: { runId: string; k: number; cluster: number }): Promise<number> {
  const [row] = await client.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS "n" FROM "ClusterAssignment" a
    JOIN "Customer" c ON c."workspaceId" = a."workspaceId" AND c."id" = a."customerId"
    WHERE a."workspaceId" = ${workspaceId}::uuid AND a."runId" = ${target.runId} AND a."clusters"[${target.k - 1}::int] = ${target.cluster}::int`;
  return row?.n ?? 0;
}

type Tx = Prisma.TransactionClient;

async function takenSegmentNames(tx: Tx | PrismaClient, workspaceId: string, base: string): Promise<string[]> {
  const rows = await tx.segment.findMany({ where: { workspaceId, name: { startsWith: base, mode: "insensitive" } }, select: { name: true } });
  return rows.map((r) => r.name);
}

function percent(x: number | null): string {
  return x === null ? "—" : `${Math.round(x * 100)}%`;
}

/** The static segment of a cluster's exact members, in the caller's transaction. */
async function insertClusterSegment(tx: Tx, ctx: ServiceContext, target: { runId: string; k: number; cluster: number }, name: string, description: string) {
  const segment = await createStaticSegment(tx, ctx.workspaceId, { name, description, actorId: ctx.actor.id });
  const now = new Date();
  await tx.$executeRaw`
    INSERT INTO "SegmentMember" ("workspaceId", "segmentId", "customerId", "addedById", "addedAt")
    SELECT a."workspaceId", ${segment.id}, a."customerId", ${ctx.actor.id}, ${now}
    FROM "ClusterAssignment" a
    JOIN "Customer" c ON c."workspaceId" = a."workspaceId" AND c."id" = a."customerId"
    WHERE a."workspaceId" = ${ctx.workspaceId}::uuid AND a."runId" = ${target.runId} AND a."clusters"[${target.k - 1}::int] = ${target.cluster}::int`;
  const size = await snapshotSegment(tx, ctx.workspaceId, segment.id, now);
  await recordAudit(ctx.workspaceId, ctx.actor, { action: "segment.created", targetType: "segment", targetId: segment.id, metadata: { name: segment.name, size, kind: "STATIC", from: "cluster" } }, tx);
  return { id: segment.id, name: segment.name, size };
}

export type SavedCluster =
  | { as: "static"; id: string; name: string; size: number }
  | { as: "rules"; id: string; name: string; size: number; agreement: Agreement; features: string[] }
  | { as: "persona"; id: string; name: string; segmentId: string };

/**
 * Saves a cluster of a completed run: "static" (its members, exactly), "rules" (a dynamic segment
 * approximating it, with the agreement) or "persona" (a static segment of its members and a
 * persona drafted from it). Names come from the cluster's suggested name and are made unique.
 */
export async function saveCluster(ctx: ServiceContext, input: unknown): Promise<SavedCluster> {
  const target = parseInput(saveClusterSchema, input);
  authorize(ctx, target.as === "persona" ? "personas.write" : "segments.write");
  if (target.as === "persona") authorize(ctx, "segments.write");
  const result = await clusterRunResult(ctx.workspaceId, target.runId);
  if (!result) throw notFound("That clustering run");
  const perK = result.results.find((r) => r.k === target.k);
  const summary = perK?.clusters[target.cluster];
  if (!perK || !summary) throw new DomainError("BAD_REQUEST", `This run has no cluster ${target.cluster + 1} at k = ${target.k}.`);
  const label = `Cluster: ${summary.name}`.slice(0, SEGMENT_NAME_MAX - 8);
  const origin = `Cluster ${target.cluster + 1} of ${target.k} (“${summary.name}”) of the clustering run of ${new Date().toISOString().slice(0, 10)} on ${result.numeric.map((f) => f.label.toLowerCase()).join(", ")}`;

  if (target.as === "rules") {
    const { definition, features } = clusterRuleDefinition(summary);
    if (definition.root.children.length === 0) throw new DomainError("BAD_REQUEST", "This cluster has no numeric feature to write a rule on.");
    const agreement = await withStatementTimeout((tx) => clusterAgreement(tx, ctx.workspaceId, target, definition));
    const name = uniqueName(`${label} (rules)`, await takenSegmentNames(db, ctx.workspaceId, `${label} (rules)`));
    const description = `Approximates ${origin}: each of ${features.length} feature${features.length === 1 ? "" : "s"} between the cluster's 10th and 90th percentile. When saved it matched ${percent(agreement.recall)} of the cluster, and ${percent(agreement.precision)} of the customers it matched were in the cluster.`;
    const saved = await createSegment(ctx, { name, description, definition });
    return { as: "rules", id: saved.id, name, size: saved.size, agreement, features };
  }

  const segment = await (async () => {
    try {
      return await withTimedTransactions(
        (client) =>
          client.$transaction(async (tx) => {
            const name = uniqueName(label, await takenSegmentNames(tx, ctx.workspaceId, label));
            return insertClusterSegment(tx, ctx, target, name, `The customers of ${origin}.`);
          }, TX_OPTIONS),
        { budget: "job" },
      );
    } catch (error) {
      throw toDomainError(error);
    }
  })();
  if (target.as === "static") return { as: "static", ...segment };
  const personaName = (() => {
    const base = summary.name;
    return base.slice(0, 120);
  })();
  const taken = await db.persona.findMany({ where: { workspaceId: ctx.workspaceId, name: { startsWith: personaName, mode: "insensitive" } }, select: { name: true } });
  const name = uniqueName(personaName, taken.map((p) => p.name));
  const persona = await draftPersonaFromSegment(ctx, { segmentId: segment.id, name });
  return { as: "persona", id: persona.id, name, segmentId: segment.id };
}
