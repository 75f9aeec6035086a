/**
 * A persona's evidence: how many customers match it, and how they differ from the workspace's
 * whole base. Computed live, in the database, from the persona's rules compiled by the segment
 * engine (its linked segment and its own rules, `personaGroup`):
 *
 * - matching customers (through `evaluate`, the one evaluation entry point) and their share of
 *   the base;
 * - median age (full years at `now`, customers without a birth date left out) and median annual
 *   income (customers without one left out), for the persona and the base, as PostgreSQL's
 *   `percentile_cont(0.5)` (the mean of the two middle values for an even count);
 * - the top values of country, industry and acquisition channel, and the order categories the
 *   customers bought in, each with its share of the persona and its **lift** over the base
 *   (share in the persona ÷ share in the base; 1 = as common as in the base);
 * - average lifetime value (customers without orders count as 0) and average order value (total
 *   spent ÷ number of orders, over all their orders);
 * - the RFM mix (customers with orders) and the lifecycle mix (everyone), from lib/analytics.
 *
 * Every statement restricts to the workspace; the caller runs them under the statement time
 * limit (`withStatementTimeout`) and passes its transaction. `compareEvidence` says what moved
 * since the last review (drift).
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { lifecycleCutoffs, lifecycleStageSql, previousOrderAtSql } from "@/lib/analytics/lifecycle";
import { RFM_SEGMENT_LABELS, rfmSubquery } from "@/lib/analytics/rfm";
import { compile } from "@/lib/segments/compile";
import { DEFINITION_VERSION, RFM_SEGMENTS, type RfmSegmentName, type SegmentDefinition } from "@/lib/segments/definition";
import { evaluate, prepare, type EvaluationClient, type WorkspaceEvaluationContext } from "@/lib/segments/evaluate";
import { personaGroup } from "@/lib/segments/semantics";

const { sql, raw } = Prisma;

/** A persona's grounding: its own rules and/or its linked segment. */
export type PersonaGrounding = { definition: SegmentDefinition | null; segmentId: string | null };

/** Values shown per dimension. */
export const TOP_VALUES = 5;

export type LiftRow = {
  value: string;
  /** Customers of the persona with this value, and their share of the persona. */
  count: number;
  share: number;
  baseCount: number;
  baseShare: number;
  /** share ÷ baseShare; null when the base has none (cannot happen for a value the persona has). */
  lift: number | null;
};

export type MixRow = { key: string; label: string; count: number; share: number; baseCount: number; baseShare: number };

export type Comparison = { persona: number | null; base: number | null };

export type PersonaEvidence = {
  computedAt: string;
  matching: number;
  base: number;
  /** matching ÷ base (0 for an empty base). */
  share: number;
  medianAge: Comparison;
  medianIncome: Comparison;
  averageClv: Comparison;
  averageOrderValue: Comparison;
  countries: LiftRow[];
  industries: LiftRow[];
  channels: LiftRow[];
  categories: LiftRow[];
  rfm: MixRow[];
  lifecycle: MixRow[];
  /**
   * How many of the persona's customers each figure is computed over: with a birth date (median
   * age), with an income (median income), with orders (average order value). Shared views hide a
   * figure computed over too few people (lib/personas/share.ts).
   */
  groupSizes: { age: number; income: number; withOrders: number };
};

/** The definition a persona's customers match, or null when it has neither rules nor a segment. */
export function personaDefinition(grounding: PersonaGrounding): SegmentDefinition | null {
  const hasRules = !!grounding.definition && grounding.definition.root.children.length > 0;
  if (!hasRules && !grounding.segmentId) return null;
  return {
    version: DEFINITION_VERSION,
    root: personaGroup({ definition: hasRules ? grounding.definition : null, segmentId: grounding.segmentId }),
  };
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function liftRows(rows: { value: string; n: number; b: number }[], matching: number, base: number): LiftRow[] {
  return rows.map((r) => {
    const share = ratio(Number(r.n), matching);
    const baseShare = ratio(Number(r.b), base);
    return { value: r.value, count: Number(r.n), share, baseCount: Number(r.b), baseShare, lift: baseShare > 0 ? share / baseShare : null };
  });
}

/** Only these columns are grouped by; the identifiers never come from input. */
const DIMENSIONS = { countries: 'c."country"', industries: 'c."industry"', channels: 'c."acquisitionChannel"' } as const;

const LIFECYCLE_LABELS: Record<string, string> = { new: "New", reactivated: "Reactivated", active: "Active", at_risk: "At risk", churned: "Churned" };
const LIFECYCLE_ORDER = ["new", "reactivated", "active", "at_risk", "churned"];

/**
 * The CTE `"persona"` (column `"pid"`): the ids of the customers matching the definition, computed
 * once per statement. Join it with `LEFT JOIN "persona" p ON p."pid" = c."id"`.
 */
export async function matchingCte(workspaceId: string, definition: SegmentDefinition, context: WorkspaceEvaluationContext) {
  const prepared = await prepare(workspaceId, definition, context);
  const compiled = compile(prepared.definition, { ...prepared.ctx, workspaceId });
  return sql`"persona" AS MATERIALIZED (${compiled.with}SELECT DISTINCT c."id" AS "pid" FROM ${compiled.from} WHERE ${compiled.where})`;
}

/** Computes the evidence of a persona's definition (see personaDefinition) in the caller's transaction. */
export async function computeEvidence(
  db: EvaluationClient,
  workspaceId: string,
  definition: SegmentDefinition,
  context: WorkspaceEvaluationContext,
): Promise<PersonaEvidence> {
  const now = context.now;
  const ws = sql`${workspaceId}::uuid`;
  const { count: matching } = await evaluate(db, workspaceId, definition, { as: "count", context });
  const persona = await matchingCte(workspaceId, definition, context);
  const inPersona = sql`p."pid" IS NOT NULL`;
  const today = now.toISOString().slice(0, 10);

  const [stats] = await db.$queryRaw<
    {
      base: number;
      ageP: number | null;
      ageB: number | null;
      incomeP: number | null;
      incomeB: number | null;
      clvP: number | null;
      clvB: number | null;
      aovP: number | null;
      aovB: number | null;
      ageN: number;
      incomeN: number;
      ordersN: number;
    }[]
  >(sql`WITH ${persona},
      "x" AS (
        SELECT c."id", p."pid",
               date_part('year', age(${today}::date, c."birthDate"))::float8 AS "age",
               c."annualIncome"::float8 AS "income",
               COALESCE(m."totalSpent", 0) AS "spent",
               COALESCE(m."orderCount", 0) AS "orders"
        FROM "Customer" c
        LEFT JOIN "persona" p ON p."pid" = c."id"
        LEFT JOIN "CustomerMetrics" m ON m."workspaceId" = c."workspaceId" AND m."customerId" = c."id"
        WHERE c."workspaceId" = ${ws})
    SELECT count(*)::int AS "base",
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY "age") FILTER (WHERE ${inPersona}))::float8 AS "ageP",
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY "age"))::float8 AS "ageB",
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY "income") FILTER (WHERE ${inPersona}))::float8 AS "incomeP",
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY "income"))::float8 AS "incomeB",
      round(avg("spent") FILTER (WHERE ${inPersona}), 2)::float8 AS "clvP",
      round(avg("spent"), 2)::float8 AS "clvB",
      round(sum("spent") FILTER (WHERE ${inPersona}) / NULLIF(sum("orders") FILTER (WHERE ${inPersona}), 0), 2)::float8 AS "aovP",
      round(sum("spent") / NULLIF(sum("orders"), 0), 2)::float8 AS "aovB",
      count("age") FILTER (WHERE ${inPersona})::int AS "ageN",
      count("income") FILTER (WHERE ${inPersona})::int AS "incomeN",
      count(*) FILTER (WHERE ${inPersona} AND "orders" > 0)::int AS "ordersN"
    FROM "x" p`);
  const base = Number(stats?.base ?? 0);

  const dimensionSql = Object.entries(DIMENSIONS).map(
    ([dim, column]) => sql`SELECT ${dim}::text AS "dim", ${raw(column)} AS "value",
        count(p."pid")::int AS "n", count(*)::int AS "b"
      FROM "Customer" c LEFT JOIN "persona" p ON p."pid" = c."id"
      WHERE c."workspaceId" = ${ws} AND ${raw(column)} IS NOT NULL
      GROUP BY ${raw(column)}`,
  );
  const categorySql = sql`SELECT 'categories'::text AS "dim", o."category" AS "value",
        count(DISTINCT o."customerId") FILTER (WHERE ${inPersona})::int AS "n", count(DISTINCT o."customerId")::int AS "b"
      FROM "Order" o LEFT JOIN "persona" p ON p."pid" = o."customerId"
      WHERE o."workspaceId" = ${ws} AND o."category" IS NOT NULL
      GROUP BY o."category"`;
  const grouped = await db.$queryRaw<{ dim: string; value: string; n: number; b: number }[]>(sql`WITH ${persona},
      "g" AS (${Prisma.join([...dimensionSql, categorySql], " UNION ALL ")})
    SELECT "dim", "value", "n", "b" FROM (
      SELECT g.*, row_number() OVER (PARTITION BY "dim" ORDER BY "n" DESC, "value" ASC) AS "rank" FROM "g" g WHERE "n" > 0
    ) r WHERE "rank" <= ${TOP_VALUES}::int
    ORDER BY "dim", "rank"`);
  const top = (dim: string) => liftRows(grouped.filter((r) => r.dim === dim), matching, base);

  const cutoffs = lifecycleCutoffs(now, context.lifecycle);
  const mixes = await db.$queryRaw<{ kind: string; key: string; n: number; b: number }[]>(sql`WITH ${persona}
    SELECT 'rfm'::text AS "kind", r."seg" AS "key", count(p."pid")::int AS "n", count(*)::int AS "b"
      FROM (${rfmSubquery(ws)}) r LEFT JOIN "persona" p ON p."pid" = r."cid"
      GROUP BY r."seg"
    UNION ALL
    SELECT 'lifecycle'::text, ${lifecycleStageSql(
      {
        firstOrderAt: sql`m."firstOrderAt"`,
        lastOrderAt: sql`m."lastOrderAt"`,
        previousOrderAt: previousOrderAtSql(ws, sql`c."id"`, sql`m."lastOrderAt"`),
        firstSeenAt: sql`c."firstSeenAt"`,
        createdAt: sql`(c."createdAt" AT TIME ZONE 'UTC')`,
      },
      cutoffs,
    )} AS "key", count(p."pid")::int, count(*)::int
      FROM "Customer" c
      LEFT JOIN "persona" p ON p."pid" = c."id"
      LEFT JOIN "CustomerMetrics" m ON m."workspaceId" = c."workspaceId" AND m."customerId" = c."id"
      WHERE c."workspaceId" = ${ws}
      GROUP BY 2`);
  const mix = (kind: "rfm" | "lifecycle", order: readonly string[], label: (k: string) => string): MixRow[] => {
    const rows = mixes.filter((r) => r.kind === kind);
    const totalP = rows.reduce((s, r) => s + Number(r.n), 0);
    const totalB = rows.reduce((s, r) => s + Number(r.b), 0);
    return order
      .map((key) => rows.find((r) => r.key === key))
      .filter((r): r is NonNullable<typeof r> => !!r)
      .map((r) => ({
        key: r.key,
        label: label(r.key),
        count: Number(r.n),
        share: ratio(Number(r.n), totalP),
        baseCount: Number(r.b),
        baseShare: ratio(Number(r.b), totalB),
      }));
  };

  return {
    computedAt: now.toISOString(),
    matching,
    base,
    share: ratio(matching, base),
    medianAge: { persona: num(stats?.ageP), base: num(stats?.ageB) },
    medianIncome: { persona: num(stats?.incomeP), base: num(stats?.incomeB) },
    averageClv: { persona: matching > 0 ? num(stats?.clvP) : null, base: num(stats?.clvB) },
    averageOrderValue: { persona: num(stats?.aovP), base: num(stats?.aovB) },
    countries: top("countries"),
    industries: top("industries"),
    channels: top("channels"),
    categories: top("categories"),
    rfm: mix("rfm", RFM_SEGMENTS, (k) => RFM_SEGMENT_LABELS[k as RfmSegmentName] ?? k),
    lifecycle: mix("lifecycle", LIFECYCLE_ORDER, (k) => LIFECYCLE_LABELS[k] ?? k),
    groupSizes: { age: Number(stats?.ageN ?? 0), income: Number(stats?.incomeN ?? 0), withOrders: Number(stats?.ordersN ?? 0) },
  };
}

// ---------------------------------------------------------------------------------------------
// Drift

/** What a review keeps of the evidence: the headline figures drift is measured on. */
export type EvidenceSnapshot = {
  matching: number;
  base: number;
  share: number;
  medianAge: number | null;
  medianIncome: number | null;
  averageClv: number | null;
};

export function snapshotOf(evidence: PersonaEvidence): EvidenceSnapshot {
  return {
    matching: evidence.matching,
    base: evidence.base,
    share: evidence.share,
    medianAge: evidence.medianAge.persona,
    medianIncome: evidence.medianIncome.persona,
    averageClv: evidence.averageClv.persona,
  };
}

export function readSnapshot(value: unknown): EvidenceSnapshot | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const n = (x: unknown) => (typeof x === "number" && Number.isFinite(x) ? x : null);
  const matching = n(v.matching);
  const base = n(v.base);
  const share = n(v.share);
  if (matching === null || base === null || share === null) return null;
  return { matching, base, share, medianAge: n(v.medianAge), medianIncome: n(v.medianIncome), averageClv: n(v.averageClv) };
}

/**
 * When the evidence has drifted: matching customers moved by more than 20 %, their share of the
 * base by more than 5 percentage points, the median age by 3 years or more, or the median income
 * or average lifetime value by more than 20 %.
 */
export const DRIFT_THRESHOLDS = { matching: 0.2, sharePoints: 0.05, ageYears: 3, income: 0.2, clv: 0.2 } as const;

export type DriftItem = {
  metric: "matching" | "share" | "medianAge" | "medianIncome" | "averageClv";
  before: number | null;
  after: number | null;
  /** Relative change (matching, income, CLV), points (share) or years (age). */
  change: number;
  text: string;
};

const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const signed = (n: number, digits = 0) => `${n > 0 ? "+" : n < 0 ? "−" : "±"}${Math.abs(n).toFixed(digits)}`;

function relative(before: number | null, after: number | null): number | null {
  if (before === null || after === null) return null;
  if (before === 0) return after === 0 ? 0 : Infinity;
  return (after - before) / before;
}

export function compareEvidence(snapshot: EvidenceSnapshot, current: EvidenceSnapshot, reviewedAt: Date): DriftItem[] {
  const since = `since the last review on ${DATE.format(reviewedAt)}`;
  const out: DriftItem[] = [];
  const pct = (r: number) => (Number.isFinite(r) ? `${signed(r * 100)}%` : "up from none");

  const m = relative(snapshot.matching, current.matching)!;
  if (Math.abs(m) > DRIFT_THRESHOLDS.matching)
    out.push({ metric: "matching", before: snapshot.matching, after: current.matching, change: m, text: `Matching customers ${pct(m)} ${since}` });

  const s = current.share - snapshot.share;
  if (Math.abs(s) > DRIFT_THRESHOLDS.sharePoints)
    out.push({ metric: "share", before: snapshot.share, after: current.share, change: s, text: `Share of the base ${signed(s * 100, 1)} points ${since}` });

  if (snapshot.medianAge !== null && current.medianAge !== null) {
    const a = current.medianAge - snapshot.medianAge;
    if (Math.abs(a) >= DRIFT_THRESHOLDS.ageYears)
      out.push({ metric: "medianAge", before: snapshot.medianAge, after: current.medianAge, change: a, text: `Median age ${signed(a, 1)} years ${since}` });
  }
  const i = relative(snapshot.medianIncome, current.medianIncome);
  if (i !== null && Math.abs(i) > DRIFT_THRESHOLDS.income)
    out.push({ metric: "medianIncome", before: snapshot.medianIncome, after: current.medianIncome, change: i, text: `Median income ${pct(i)} ${since}` });
  const c = relative(snapshot.averageClv, current.averageClv);
  if (c !== null && Math.abs(c) > DRIFT_THRESHOLDS.clv)
    out.push({ metric: "averageClv", before: snapshot.averageClv, after: current.averageClv, change: c, text: `Average lifetime value ${pct(c)} ${since}` });
  return out;
}
