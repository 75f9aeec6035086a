/**
 * Lifecycle stages, computed from a customer's orders (the same rules in SQL and in memory):
 *
 * 1. **new** — the first order was placed within the last `newDays` days; a customer without orders
 *    is new while first seen (or, when unknown, added) within the last `newDays` days;
 * 2. **reactivated** — otherwise, the last order was within the last `activeDays` days and the
 *    customer had churned just before it: their previous order (the latest one placed strictly
 *    before the last order's instant — orders at the very same instant count as one purchase) came
 *    more than `churnDays` days before the last order (`previous < last − churnDays`);
 * 3. **active** — otherwise, the last order was within the last `activeDays` days;
 * 4. **at_risk** — otherwise, the last order was within the last `churnDays` days;
 * 5. **churned** — everyone else (including customers without orders who are no longer new).
 *
 * "Within the last N days" means at or after `now − N × 24 h`. Thresholds come from
 * `Workspace.settings.lifecycle` and default to 30 / 90 / 180 days; `newDays ≤ activeDays <
 * churnDays` is enforced when they are saved. "New" goes first: a customer whose first order is
 * recent has no order older than `newDays` days, so with `newDays < churnDays` they can never look
 * reactivated anyway. A single order, or several at one instant, never makes a customer reactivated.
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

/** The cut-off instants for `now`, and `churnDays` for the reactivation gap (measured from the last order). */
export type LifecycleCutoffs = { newSince: Date; activeSince: Date; churnSince: Date; churnDays: number };

const DAY_MS = 86_400_000;

export function lifecycleCutoffs(now: Date, t: LifecycleThresholds): LifecycleCutoffs {
  return {
    newSince: subtractUnits(now, t.newDays, "days"),
    activeSince: subtractUnits(now, t.activeDays, "days"),
    churnSince: subtractUnits(now, t.churnDays, "days"),
    churnDays: t.churnDays,
  };
}

/** First, last and previous order instants of a list of orders, as `lifecycleStage` reads them. */
export function lifecycleOrderInstants(orders: readonly { orderedAt: Date }[]): Pick<LifecycleInput, "firstOrderAt" | "lastOrderAt" | "previousOrderAt"> {
  let first = Infinity;
  let last = -Infinity;
  for (const o of orders) {
    const t = o.orderedAt.getTime();
    if (t < first) first = t;
    if (t > last) last = t;
  }
  if (orders.length === 0) return { firstOrderAt: null, lastOrderAt: null, previousOrderAt: null };
  let previous = -Infinity;
  for (const o of orders) {
    const t = o.orderedAt.getTime();
    if (t < last && t > previous) previous = t;
  }
  return { firstOrderAt: new Date(first), lastOrderAt: new Date(last), previousOrderAt: previous === -Infinity ? null : new Date(previous) };
}

export type LifecycleInput = {
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  /** The latest order instant strictly before `lastOrderAt` (null with orders at one instant only). */
  previousOrderAt: Date | null;
  firstSeenAt: Date | null;
  createdAt: Date;
};

export function lifecycleStage(input: LifecycleInput, cutoffs: LifecycleCutoffs): LifecycleStage {
  const since = (d: Date | null, cut: Date) => d !== null && d.getTime() >= cut.getTime();
  if (input.firstOrderAt !== null) {
    if (since(input.firstOrderAt, cutoffs.newSince)) return "new";
  } else if (since(input.firstSeenAt ?? input.createdAt, cutoffs.newSince)) return "new";
  if (since(input.lastOrderAt, cutoffs.activeSince)) {
    const gapMs = input.lastOrderAt!.getTime() - cutoffs.churnDays * DAY_MS;
    return input.previousOrderAt !== null && input.previousOrderAt.getTime() < gapMs ? "reactivated" : "active";
  }
  if (since(input.lastOrderAt, cutoffs.churnSince)) return "at_risk";
  return "churned";
}

/**
 * The stage as a SQL text expression, from expressions for the customer's first and last order
 * instants (NULL without orders), the previous order instant (see `previousOrderAtSql`), first-seen
 * instant (nullable) and creation instant, all `timestamptz`.
 *
 * The previous-order expression sits in a nested CASE, so PostgreSQL evaluates it only for
 * customers whose last order is within `activeDays` and who are not new — with
 * `previousOrderAtSql` that is one backward probe of the `(workspaceId, customerId, orderedAt)`
 * index per such customer.
 */
export function lifecycleStageSql(
  x: { firstOrderAt: Sql; lastOrderAt: Sql; previousOrderAt: Sql; firstSeenAt: Sql; createdAt: Sql },
  cutoffs: LifecycleCutoffs,
): Sql {
  const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  return sql`(CASE
        WHEN ${x.firstOrderAt} >= ${ts(cutoffs.newSince)} THEN 'new'
        WHEN ${x.firstOrderAt} IS NULL AND COALESCE(${x.firstSeenAt}, ${x.createdAt}) >= ${ts(cutoffs.newSince)} THEN 'new'
        WHEN ${x.lastOrderAt} >= ${ts(cutoffs.activeSince)} THEN (CASE
          WHEN ${x.previousOrderAt} < ${x.lastOrderAt} - make_interval(hours => ${cutoffs.churnDays * 24}::int) THEN 'reactivated'
          ELSE 'active' END)
        WHEN ${x.lastOrderAt} >= ${ts(cutoffs.churnSince)} THEN 'at_risk'
        ELSE 'churned' END)`;
}

/**
 * The latest order instant of customer `customerId` strictly before `before` (NULL when none):
 * a correlated subquery reading one index entry.
 */
export function previousOrderAtSql(workspaceId: Sql, customerId: Sql, before: Sql): Sql {
  return sql`(SELECT max(po."orderedAt") FROM "Order" po
      WHERE po."workspaceId" = ${workspaceId} AND po."customerId" = ${customerId} AND po."orderedAt" < ${before})`;
}

/** `"Customer" c`'s first-seen and creation instants as `lifecycleStageSql` reads them. */
export const CUSTOMER_LIFECYCLE_COLUMNS = {
  firstSeenAt: sql`c."firstSeenAt"`,
  /** `createdAt` is a `timestamp` holding UTC wall-clock time. */
  createdAt: sql`(c."createdAt" AT TIME ZONE 'UTC')`,
};
