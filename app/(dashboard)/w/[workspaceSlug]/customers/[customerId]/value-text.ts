/**
 * The sentences of the profile's *Value* panel: what each RFM score, the RFM segment and the
 * lifecycle stage mean for this customer. Pure text from the summary the segment engine computed.
 */
import type { CustomerValueSummary, RfmDimension } from "@/lib/dal/customer-value";
import type { LifecycleStage, RfmSegmentName } from "@/lib/segments/definition";
import { RFM_RULES } from "@/lib/analytics/rfm";
import { formatAmount, plural } from "@/lib/customers/format";

const DAY_MS = 86_400_000;

/** Whole days from `at` to `now` (0 on the same day, never negative). */
export function daysBetween(at: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - at.getTime()) / DAY_MS));
}

export function daysAgo(at: Date, now: Date): string {
  const days = daysBetween(at, now);
  return days === 0 ? "today" : `${plural(days, "day")} ago`;
}

/** Share (0–100, rounded down) of the scored customers strictly behind this one. */
export function shareBehind(behind: number, scored: number): number {
  return scored > 0 ? Math.floor((behind / scored) * 100) : 0;
}

const COMPARISON: Record<RfmDimension, string> = {
  recency: "more recent than",
  frequency: "more orders than",
  monetary: "more spent than",
};

/** "Last order 12 days ago — more recent than 80% of the 250 customers with orders." */
export function scoreExplanation(dimension: RfmDimension, summary: CustomerValueSummary): string {
  const { orders, rfm } = summary;
  if (!orders || !rfm) return "No orders yet.";
  const fact =
    dimension === "recency"
      ? `Last order ${daysAgo(orders.lastOrderAt, summary.now)}`
      : dimension === "frequency"
        ? plural(orders.orderCount, "order")
        : `${formatAmount(orders.totalSpent, { cents: true })} spent`;
  if (rfm.scoredCustomers <= 1) return `${fact} — the only customer with orders so far.`;
  const share = shareBehind(rfm.behind[dimension], rfm.scoredCustomers);
  return `${fact} — ${COMPARISON[dimension]} ${share}% of the ${rfm.scoredCustomers.toLocaleString("en-US")} customers with orders.`;
}

const range = (letter: string, [lo, hi]: [number, number]) => (lo === hi ? `${letter} ${lo}` : `${letter} ${lo}–${hi}`);

/** The engine's rule for a named RFM segment: "R 4–5, F 4–5, M 4–5". */
export function rfmRuleText(segment: RfmSegmentName): string {
  const rule = RFM_RULES.find((r) => r.segment === segment);
  if (!rule) return "";
  const parts = [range("R", rule.r), range("F", rule.f)];
  if (rule.m[0] !== 1 || rule.m[1] !== 5) parts.push(range("M", rule.m));
  return parts.join(", ");
}

/** Why the engine puts the customer in their lifecycle stage. */
export function lifecycleReason(summary: CustomerValueSummary): string {
  const { stage, thresholds: t } = summary.lifecycle;
  const { orders, now } = summary;
  if (!orders) {
    return stage === "new"
      ? `No orders yet; first seen (or added) within the last ${plural(t.newDays, "day")}.`
      : `No orders, and first seen (or added) more than ${plural(t.newDays, "day")} ago.`;
  }
  const last = daysAgo(orders.lastOrderAt, now);
  switch (stage) {
    case "new":
      return `First order ${daysAgo(orders.firstOrderAt, now)}, within the last ${plural(t.newDays, "day")}.`;
    case "reactivated":
      return `Last order ${last}, within the last ${plural(t.activeDays, "day")}, after more than ${plural(t.churnDays, "day")} without ordering${
        summary.lifecycle.previousOrderAt ? ` (previous order ${daysAgo(summary.lifecycle.previousOrderAt, now)})` : ""
      }.`;
    case "active":
      return `Last order ${last}, within the last ${plural(t.activeDays, "day")}.`;
    case "at_risk":
      return `Last order ${last}: more than ${plural(t.activeDays, "day")} but within ${plural(t.churnDays, "day")}.`;
    case "churned":
      return `Last order ${last}, more than ${plural(t.churnDays, "day")} ago.`;
  }
}

/** Whether the stored lifecycle field says something other than the computed stage ("At risk" = at_risk). */
export function storedStageDiffers(stored: string | null, stage: LifecycleStage): boolean {
  if (stored === null) return false;
  return stored.trim().toLowerCase().replace(/[\s-]+/g, "_") !== stage;
}
