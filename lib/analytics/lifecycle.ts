/**
 * Lifecycle stages, computed from a customer's orders (the same rules in SQL and in memory):
 *
 * 1. **new** — the first order was placed within the last `newDays` days; a customer without orders
 *    is new while first seen (or, when unknown, added) within the last `newDays` days;
 * 2. **active** — otherwise, the last order was within the last `activeDays` days;
 * 3. **at_risk** — otherwise, the last order was within the last `churnDays` days;
 * 4. **churned** — everyone else (including customers without orders who are no longer new).
 *
 * "Within the last N days" means at or after `now − N × 24 h`. Thresholds come from
 * `Workspace.settings.lifecycle` and default to 30 / 90 / 180 days.
 *
 * `lifecycleStage` decides in memory, `lifecycleStageSql` in SQL, against the same cut-off instants
 * (computed here from `now` and passed as parameters); lifecycle.parity.integration.test.ts proves
 * they agree.
 */
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import type { LifecycleStage } from "@/lib/segments/definition";
import { subtractUnits } from "@/lib/segments/time";

const { sql } = Prisma;
type Sql = Prisma.Sql;

export type LifecycleThresholds = { newDays: number; activeDays: number; churnDays: number };

export const DEFAULT_LIFECYCLE_THRESHOLDS: LifecycleThresholds = { newDays: 30, activeDays: 90, churnDays: 180 };

const days = z.number().int().min(1).max(3650);
const settingsSchema = z.object({
  lifecycle: z
    .object({ newDays: days.optional(), activeDays: days.optional(), churnDays: days.optional() })
    .optional()
    .catch(undefined),
});

/** Thresholds from Workspace.settings (anything missing or malformed falls back to the default). */
export function lifecycleThresholdsFromSettings(settings: unknown): LifecycleThresholds {
  const parsed = settingsSchema.safeParse(settings ?? {});
  const lifecycle = parsed.success ? parsed.data.lifecycle : undefined;
  return {
    newDays: lifecycle?.newDays ?? DEFAULT_LIFECYCLE_THRESHOLDS.newDays,
    activeDays: lifecycle?.activeDays ?? DEFAULT_LIFECYCLE_THRESHOLDS.activeDays,
    churnDays: lifecycle?.churnDays ?? DEFAULT_LIFECYCLE_THRESHOLDS.churnDays,
  };
}

export type LifecycleCutoffs = { newSince: Date; activeSince: Date; churnSince: Date };

export function lifecycleCutoffs(now: Date, t: LifecycleThresholds): LifecycleCutoffs {
  return {
    newSince: subtractUnits(now, t.newDays, "days"),
    activeSince: subtractUnits(now, t.activeDays, "days"),
    churnSince: subtractUnits(now, t.churnDays, "days"),
  };
}

export type LifecycleInput = {
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  firstSeenAt: Date | null;
  createdAt: Date;
};

export function lifecycleStage(input: LifecycleInput, cutoffs: LifecycleCutoffs): LifecycleStage {
  const since = (d: Date | null, cut: Date) => d !== null && d.getTime() >= cut.getTime();
  if (input.firstOrderAt !== null) {
    if (since(input.firstOrderAt, cutoffs.newSince)) return "new";
  } else if (since(input.firstSeenAt ?? input.createdAt, cutoffs.newSince)) return "new";
  if (since(input.lastOrderAt, cutoffs.activeSince)) return "active";
  if (since(input.lastOrderAt, cutoffs.churnSince)) return "at_risk";
  return "churned";
}

/**
 * The stage as a SQL text expression, from expressions for the customer's first and last order
 * instants (NULL without orders), first-seen instant (nullable) and creation instant, all
 * `timestamptz`.
 */
export function lifecycleStageSql(
  x: { firstOrderAt: Sql; lastOrderAt: Sql; firstSeenAt: Sql; createdAt: Sql },
  cutoffs: LifecycleCutoffs,
): Sql {
  const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  return sql`(CASE
        WHEN ${x.firstOrderAt} >= ${ts(cutoffs.newSince)} THEN 'new'
        WHEN ${x.firstOrderAt} IS NULL AND COALESCE(${x.firstSeenAt}, ${x.createdAt}) >= ${ts(cutoffs.newSince)} THEN 'new'
        WHEN ${x.lastOrderAt} >= ${ts(cutoffs.activeSince)} THEN 'active'
        WHEN ${x.lastOrderAt} >= ${ts(cutoffs.churnSince)} THEN 'at_risk'
        ELSE 'churned' END)`;
}

/** `"Customer" c`'s first-seen and creation instants as `lifecycleStageSql` reads them. */
export const CUSTOMER_LIFECYCLE_COLUMNS = {
  firstSeenAt: sql`c."firstSeenAt"`,
  /** `createdAt` is a `timestamp` holding UTC wall-clock time. */
  createdAt: sql`(c."createdAt" AT TIME ZONE 'UTC')`,
};
