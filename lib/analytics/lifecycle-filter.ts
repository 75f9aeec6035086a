/**
 * The lifecycle filter of the customers list (`?stage=&stageFrom=&stagePeriod=`), as Insights →
 * Lifecycle links to it: the stage now and/or the stage at the start of a period. Pure, so the
 * list's URL state (client and server) can use it; the SQL is lib/analytics/lifecycle-report.ts.
 */
import { LIFECYCLE_STAGES, type LifecycleStage } from "@/lib/segments/definition";

/** The periods Insights → Lifecycle offers, in days. */
export const LIFECYCLE_PERIODS = [30, 90, 180, 365] as const;
export type LifecyclePeriod = (typeof LIFECYCLE_PERIODS)[number];
export const DEFAULT_LIFECYCLE_PERIOD: LifecyclePeriod = 90;

/** A stage at the start of the period, or "none": not yet a customer then. */
export type StartStage = LifecycleStage | "none";
export const START_STAGES: readonly StartStage[] = ["none", ...LIFECYCLE_STAGES];

export type LifecycleFilter = { stage: LifecycleStage | null; from: { stage: StartStage; periodDays: LifecyclePeriod } | null };

export function isLifecycleStage(v: string | undefined): v is LifecycleStage {
  return (LIFECYCLE_STAGES as readonly string[]).includes(v ?? "");
}

export function parsePeriod(v: string | undefined): LifecyclePeriod | null {
  const n = Number(v);
  return (LIFECYCLE_PERIODS as readonly number[]).includes(n) ? (n as LifecyclePeriod) : null;
}

/** The filter from raw parameters; anything malformed is dropped (null when nothing is left). */
export function parseLifecycleFilter(raw: { stage?: string; stageFrom?: string; stagePeriod?: string }): LifecycleFilter | null {
  const stage = isLifecycleStage(raw.stage) ? raw.stage : null;
  const period = parsePeriod(raw.stagePeriod);
  const fromStage = (START_STAGES as readonly string[]).includes(raw.stageFrom ?? "") ? (raw.stageFrom as StartStage) : null;
  const from = fromStage && period ? { stage: fromStage, periodDays: period } : null;
  return stage || from ? { stage, from } : null;
}

/** The query parameters for a filter (the inverse of parseLifecycleFilter). */
export function lifecycleFilterParams(filter: LifecycleFilter | null): [string, string][] {
  if (!filter) return [];
  const out: [string, string][] = [];
  if (filter.stage) out.push(["stage", filter.stage]);
  if (filter.from) out.push(["stageFrom", filter.from.stage], ["stagePeriod", String(filter.from.periodDays)]);
  return out;
}
