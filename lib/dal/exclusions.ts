import "server-only";
/**
 * Negative personas as exclusions: who a segment (or the whole base) loses when everyone matching
 * a negative persona is left out, and what each negative persona removes — customers, revenue and
 * their average lifetime value. One statement per call (evaluate's "exclusions" mode), under the
 * statement time limit.
 */
import { db } from "@/lib/db";
import { withStatementTimeout } from "@/lib/db/statement-timeout";
import { evaluate, loadEvaluationContext, type EvaluationClient, type ExclusionRef } from "@/lib/segments/evaluate";
import { MAX_EXCLUSION_BASES, MAX_EXCLUSIONS, type ExclusionCounts, type Reach } from "@/lib/segments/queries";
import type { SegmentDefinition } from "@/lib/segments/definition";
import { getSegment } from "@/lib/segments/store";

export type NegativePersona = { id: string; name: string };

/**
 * The workspace's negative personas that can exclude anyone: those with rules or a linked segment
 * (at most MAX_EXCLUSIONS, by name). The others are counted in `withoutRules`.
 */
export async function negativePersonas(workspaceId: string, client: EvaluationClient = db): Promise<{ usable: NegativePersona[]; withoutRules: number }> {
  const rows = await client.persona.findMany({
    where: { workspaceId, isNegative: true },
    select: { id: true, name: true, segmentId: true, definition: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const grounded = rows.filter((r) => r.segmentId !== null || r.definition !== null);
  return { usable: grounded.slice(0, MAX_EXCLUSIONS).map(({ id, name }) => ({ id, name })), withoutRules: rows.length - grounded.length };
}

/** What one exclusion removes: customers, revenue and their average lifetime value (null: none). */
export type Removal = Reach & { averageClv: number | null };
export type ExclusionSummary = {
  before: Reach;
  after: Reach;
  /** Removed by all exclusions together (a customer matching two is counted once). */
  removed: Removal;
  byPersona: (NegativePersona & Removal)[];
};

const removal = (r: Reach): Removal => ({ ...r, averageClv: r.customers > 0 ? Math.round((r.revenue / r.customers) * 100) / 100 : null });

function summarize(counts: ExclusionCounts, personas: NegativePersona[]): ExclusionSummary {
  return {
    before: counts.before,
    after: counts.after,
    removed: removal({ customers: counts.before.customers - counts.after.customers, revenue: Math.round((counts.before.revenue - counts.after.revenue) * 100) / 100 }),
    byPersona: personas.map((p, j) => ({ ...p, ...removal(counts.removedBy[j]!) })),
  };
}

const EVERYONE: SegmentDefinition = { version: 1, root: { type: "group", op: "and", children: [] } };

/** A segment before and after leaving out every negative persona; null when there is none to apply. */
export async function segmentExclusions(workspaceId: string, segmentId: string, now = new Date()): Promise<ExclusionSummary | null> {
  return withStatementTimeout(async (tx) => {
    const { usable } = await negativePersonas(workspaceId, tx);
    if (usable.length === 0) return null;
    const segment = await getSegment(tx, workspaceId, segmentId);
    const context = await loadEvaluationContext(tx, workspaceId, { now });
    const exclude: ExclusionRef[] = usable.map((p) => ({ kind: "persona", id: p.id }));
    const { results } = await evaluate(tx, workspaceId, segment.definition, { as: "exclusions", exclude, context });
    return summarize(results[0]!, usable);
  });
}

/**
 * The whole customer base and up to MAX_EXCLUSION_BASES − 1 saved segments after leaving out every
 * negative persona (the segments list's "After exclusions" column). Null when there is no negative
 * persona to apply.
 */
export async function segmentsAfterExclusions(
  workspaceId: string,
  segmentIds: string[],
  now = new Date(),
): Promise<{ base: ExclusionSummary; segments: Map<string, ExclusionSummary>; personas: NegativePersona[]; omitted: number } | null> {
  return withStatementTimeout(async (tx) => {
    const { usable } = await negativePersonas(workspaceId, tx);
    if (usable.length === 0) return null;
    const ids = segmentIds.slice(0, MAX_EXCLUSION_BASES - 1);
    const context = await loadEvaluationContext(tx, workspaceId, { now });
    const exclude: ExclusionRef[] = usable.map((p) => ({ kind: "persona", id: p.id }));
    const { results } = await evaluate(tx, workspaceId, EVERYONE, { as: "exclusions", exclude, segmentIds: ids, context });
    const segments = new Map(ids.map((id, i) => [id, summarize(results[i + 1]!, usable)]));
    return { base: summarize(results[0]!, usable), segments, personas: usable, omitted: segmentIds.length - ids.length };
  });
}
