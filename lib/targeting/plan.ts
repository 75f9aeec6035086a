import "server-only";
/**
 * A strategy's plan, computed in the database: the deduplicated reach (a waterfall over the chosen
 * segments in priority order, minus exclusions, with the seeded holdout), what each exclusion
 * removes, the expected value, and the scores of the candidate segments with a recommendation.
 * Nothing loads members into memory except the export's keyset stream.
 */

import { withStatementTimeout } from "@/lib/db/statement-timeout";
import { negativePersonas } from "@/lib/dal/exclusions";
import type { SegmentDefinition } from "@/lib/segments/definition";
import { evaluate, loadEvaluationContext, streamAudience, type EvaluationClient, type ExclusionRef } from "@/lib/segments/evaluate";
import type { Reach } from "@/lib/segments/queries";
import { recommend, scoreCandidates, type Candidate, type Recommendation, type Scored } from "@/lib/targeting/scoring";
import type { StrategyConfig, StrategyTypeKey } from "@/lib/validations/strategy";

export type StrategyLike = { id: string; type: StrategyTypeKey; config: StrategyConfig };

export const EVERYONE: SegmentDefinition = { version: 1, root: { type: "group", op: "and", children: [] } };
/** The suppression list: customers who opted out of e-mail. */
export const OPTED_OUT: SegmentDefinition = { version: 1, root: { type: "group", op: "and", children: [{ type: "field", field: "emailOptIn", operator: "is_false" }] } };

/** Scoring looks at the chosen segments and the most recently updated others, up to this many in all. */
export const MAX_CANDIDATES = 12;

export type ExclusionLine = { kind: "persona" | "segment" | "suppression"; id: string | null; name: string };

/** What the strategy leaves out: every usable negative persona not switched off, its segments, the suppression list. */
async function exclusionsOf(tx: EvaluationClient, workspaceId: string, config: StrategyConfig) {
  const off = new Set(config.exclusions.personasOff.map((p) => p.personaId));
  const { usable } = await negativePersonas(workspaceId, tx);
  const segments = config.exclusions.segmentIds.length
    ? await tx.segment.findMany({ where: { workspaceId, id: { in: config.exclusions.segmentIds } }, select: { id: true, name: true } })
    : [];
  const lines: ExclusionLine[] = [
    ...usable.filter((p) => !off.has(p.id)).map((p) => ({ kind: "persona" as const, id: p.id, name: p.name })),
    ...segments.map((s) => ({ kind: "segment" as const, id: s.id, name: s.name })),
    ...(config.exclusions.suppressOptedOut ? [{ kind: "suppression" as const, id: null, name: "Opted out of e-mail" }] : []),
  ];
  const refs: ExclusionRef[] = lines.map((l) => (l.kind === "suppression" ? { kind: "rule", definition: OPTED_OUT } : { kind: l.kind, id: l.id! }));
  return { lines, refs, negatives: usable };
}

const targetIds = (s: StrategyLike) => (s.type === "UNDIFFERENTIATED" ? [] : s.config.targets.map((t) => t.segmentId));
const holdoutOf = (s: StrategyLike) => (s.config.holdoutPercent > 0 ? { percent: s.config.holdoutPercent, seed: s.id } : null);

export type PlanTarget = {
  segmentId: string | null;
  name: string;
  priority: number;
  size: Reach;
  assigned: Reach;
  heldOut: Reach;
  /** Customers reached (assigned, not held out). */
  contacted: number;
  /** Σ lifetime value × margin − cost to serve over the contacted customers. */
  expectedValue: number;
};

export type StrategyPlan = {
  base: Reach;
  targets: PlanTarget[];
  audience: Reach;
  heldOut: Reach;
  contacted: number;
  expectedValue: number;
  sumOfSizes: number;
  exclusions: (ExclusionLine & { removed: Reach })[];
  excluded: Reach;
  /** Pairs of chosen targets sharing more than 20 % of the smaller one. */
  overlapWarnings: { a: string; b: string; shared: number; share: number }[];
  scores: Scored[];
  recommendation: Recommendation;
  negativePersonas: { id: string; name: string; off: string | null }[];
};

export async function strategyPlan(workspaceId: string, strategy: StrategyLike, now = new Date()): Promise<StrategyPlan> {
  return withStatementTimeout(async (tx) => {
    const context = await loadEvaluationContext(tx, workspaceId, { now });
    const { lines, refs, negatives } = await exclusionsOf(tx, workspaceId, strategy.config);
    const ids = targetIds(strategy);
    const wf = await evaluate(tx, workspaceId, EVERYONE, { as: "waterfall", segmentIds: ids, exclude: refs, holdout: holdoutOf(strategy), context });
    const names = new Map((await tx.segment.findMany({ where: { workspaceId, id: { in: ids } }, select: { id: true, name: true } })).map((s) => [s.id, s.name]));
    const targets: PlanTarget[] = wf.targets.map((t, i) => {
      const chosen = strategy.type === "UNDIFFERENTIATED" ? null : strategy.config.targets[i]!;
      const margin = chosen?.marginPercent == null ? 1 : chosen.marginPercent / 100;
      const contacted = t.assigned.customers - t.heldOut.customers;
      const contactedRevenue = t.assigned.revenue - t.heldOut.revenue;
      return {
        segmentId: chosen?.segmentId ?? null,
        name: chosen ? (names.get(chosen.segmentId) ?? "Deleted segment") : "Everyone",
        priority: i + 1,
        size: t.size,
        assigned: t.assigned,
        heldOut: t.heldOut,
        contacted,
        expectedValue: round2(contactedRevenue * margin - contacted * (chosen?.costToServe ?? 0)),
      };
    });
    const overlapWarnings: StrategyPlan["overlapWarnings"] = [];
    for (let i = 0; i < targets.length; i++)
      for (let j = i + 1; j < targets.length; j++) {
        const shared = wf.overlaps[i]![j]!;
        const smaller = Math.min(targets[i]!.size.customers, targets[j]!.size.customers);
        if (smaller > 0 && shared / smaller > 0.2) overlapWarnings.push({ a: targets[i]!.name, b: targets[j]!.name, shared, share: shared / smaller });
      }

    const scored = await scoreSegments(tx, workspaceId, strategy, context, now);
    const off = new Map(strategy.config.exclusions.personasOff.map((p) => [p.personaId, p.reason]));
    return {
      base: wf.base,
      targets,
      audience: wf.audience,
      heldOut: wf.heldOut,
      contacted: wf.audience.customers - wf.heldOut.customers,
      expectedValue: round2(targets.reduce((s, t) => s + t.expectedValue, 0)),
      sumOfSizes: targets.reduce((s, t) => s + t.size.customers, 0),
      exclusions: lines.map((l, j) => ({ ...l, removed: wf.removedBy[j]! })),
      excluded: wf.excluded,
      overlapWarnings,
      scores: scored.scores,
      recommendation: scored.recommendation,
      negativePersonas: negatives.map((p) => ({ ...p, off: off.get(p.id) ?? null })),
    };
  });
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const DAY = 86_400_000;

/** Scores the chosen segments and the most recently updated other active ones (up to MAX_CANDIDATES). */
async function scoreSegments(tx: EvaluationClient, workspaceId: string, strategy: StrategyLike, context: Awaited<ReturnType<typeof loadEvaluationContext>>, now: Date) {
  const chosen = strategy.config.targets.map((t) => t.segmentId);
  const others = await tx.segment.findMany({
    where: { workspaceId, archivedAt: null, id: { notIn: chosen } },
    select: { id: true },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: Math.max(0, MAX_CANDIDATES - chosen.length),
  });
  const ids = [...chosen, ...others.map((o) => o.id)];
  if (ids.length === 0) return { scores: [], recommendation: recommend(strategy.type, [], () => 0, 0) };
  const [wf, segments, snapshots, ratings] = await Promise.all([
    evaluate(tx, workspaceId, EVERYONE, { as: "waterfall", segmentIds: ids, exclude: [], holdout: null, context }),
    tx.segment.findMany({ where: { workspaceId, id: { in: ids } }, select: { id: true, name: true } }),
    // Growth: the size about four weeks ago (the latest snapshot at least 28 days old, else the oldest one at least 7 days old).
    tx.segmentSnapshot.findMany({
      where: { workspaceId, segmentId: { in: ids }, takenAt: { lte: new Date(now.getTime() - 7 * DAY) } },
      select: { segmentId: true, size: true, takenAt: true },
      orderBy: { takenAt: "asc" },
      take: 5000,
    }),
    tx.strategyRating.findMany({ where: { workspaceId, strategyId: strategy.id, segmentId: { in: ids } }, select: { segmentId: true, userId: true, score: true } }),
  ]);
  const name = new Map(segments.map((s) => [s.id, s.name]));
  const cutoff = now.getTime() - 28 * DAY;
  const then = new Map<string, number>();
  for (const id of ids) {
    const rows = snapshots.filter((s) => s.segmentId === id);
    const old = rows.filter((s) => s.takenAt.getTime() <= cutoff);
    const pick = old.length ? old[old.length - 1] : rows[0];
    if (pick) then.set(id, pick.size);
  }
  const target = new Map(strategy.config.targets.map((t) => [t.segmentId, t]));
  const candidates: Candidate[] = ids.map((id, i) => ({
    segmentId: id,
    name: name.get(id) ?? "Deleted segment",
    size: wf.targets[i]!.size.customers,
    sizeThen: then.get(id) ?? null,
    revenue: wf.targets[i]!.size.revenue,
    orders: wf.targets[i]!.orders,
    marginPercent: target.get(id)?.marginPercent ?? null,
    costToServe: target.get(id)?.costToServe ?? null,
    ratings: ratings.filter((r) => r.segmentId === id).map((r) => ({ userId: r.userId, score: r.score })),
  }));
  const scores = scoreCandidates(candidates, strategy.config.weights);
  const index = new Map(ids.map((id, i) => [id, i]));
  const overlap = (a: string, b: string) => wf.overlaps[index.get(a)!]![index.get(b)!]!;
  return { scores, recommendation: recommend(strategy.type, scores, overlap, wf.base.customers) };
}

/** The strategy's audience, batch by batch: customer, target index, holdout flag. */
export async function* strategyAudience(tx: EvaluationClient, workspaceId: string, strategy: StrategyLike, now = new Date()) {
  const context = await loadEvaluationContext(tx, workspaceId, { now });
  const { refs } = await exclusionsOf(tx, workspaceId, strategy.config);
  yield* streamAudience(tx, workspaceId, EVERYONE, { segmentIds: targetIds(strategy), exclude: refs, holdout: holdoutOf(strategy), context, batch: 2000 });
}

/** The ids of the customers the strategy holds out now (stored on activation). */
export async function audienceHoldoutIds(tx: EvaluationClient, workspaceId: string, strategy: StrategyLike): Promise<number[]> {
  const ids: number[] = [];
  for await (const rows of strategyAudience(tx, workspaceId, strategy)) for (const r of rows) if (r.held) ids.push(r.id);
  return ids;
}


/**
 * The strategy's audience before the holdout, as one definition: in any chosen segment (everyone
 * for an undifferentiated strategy) and matching none of its exclusions.
 */
async function audienceDefinition(tx: EvaluationClient, workspaceId: string, strategy: StrategyLike): Promise<SegmentDefinition> {
  const { lines } = await exclusionsOf(tx, workspaceId, strategy.config);
  const ids = targetIds(strategy);
  const children: SegmentDefinition["root"]["children"] = [];
  if (ids.length) children.push({ type: "group", op: "or", children: ids.map((id) => ({ type: "membership" as const, target: "segment" as const, operator: "in" as const, id })) });
  for (const l of lines) {
    if (l.kind === "persona") children.push({ type: "membership", target: "persona", operator: "not_matches", id: l.id! });
    else if (l.kind === "segment") children.push({ type: "membership", target: "segment", operator: "not_in", id: l.id! });
    else children.push({ ...OPTED_OUT.root, negate: true });
  }
  return { version: 1, root: { type: "group", op: "and", children } };
}

export type StrategyComparison = {
  plans: [StrategyPlan, StrategyPlan];
  /** Customers in both audiences (before holdouts). */
  shared: number;
};

/** Two strategies side by side: their plans and how many customers their audiences share. */
export async function compareStrategies(workspaceId: string, a: StrategyLike, b: StrategyLike, now = new Date()): Promise<StrategyComparison> {
  const [planA, planB] = [await strategyPlan(workspaceId, a, now), await strategyPlan(workspaceId, b, now)];
  const shared = await withStatementTimeout(async (tx) => {
    const context = await loadEvaluationContext(tx, workspaceId, { now });
    const [defA, defB] = [await audienceDefinition(tx, workspaceId, a), await audienceDefinition(tx, workspaceId, b)];
    const { results } = await evaluate(tx, workspaceId, defA, { as: "exclusions", exclude: [{ kind: "rule", definition: defB }], context });
    return results[0]!.removedBy[0]!.customers;
  });
  return { plans: [planA, planB], shared };
}
