import { describe, expect, it } from "vitest";
import type { CustomerValueSummary } from "@/lib/dal/customer-value";
import { daysAgo, lifecycleReason, rfmRuleText, scoreExplanation, shareBehind, storedStageDiffers } from "./value-text";

const NOW = new Date("2024-06-15T12:00:00.000Z");
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const thresholds = { newDays: 30, activeDays: 90, churnDays: 180 };

function summary(change: Partial<CustomerValueSummary> = {}): CustomerValueSummary {
  return {
    now: NOW,
    orders: {
      orderCount: 3,
      totalSpent: "1234.50",
      clv: "1234.50",
      averageOrderValue: "411.50",
      firstOrderAt: ago(200),
      lastOrderAt: ago(12),
    },
    rfm: {
      recency: 5,
      frequency: 4,
      monetary: 5,
      segment: "champions",
      segmentLabel: "Champions",
      scoredCustomers: 250,
      behind: { recency: 200, frequency: 155, monetary: 249 },
    },
    lifecycle: { stage: "active", thresholds, stored: null, previousOrderAt: null },
    ...change,
  };
}

describe("value panel text", () => {
  it("explains each score against the customers with orders", () => {
    expect(scoreExplanation("recency", summary())).toBe("Last order 12 days ago — more recent than 80% of the 250 customers with orders.");
    expect(scoreExplanation("frequency", summary())).toBe("3 orders — more orders than 62% of the 250 customers with orders.");
    expect(scoreExplanation("monetary", summary())).toBe("$1,234.50 spent — more spent than 99% of the 250 customers with orders.");
    const alone = summary({ rfm: { ...summary().rfm!, scoredCustomers: 1, behind: { recency: 0, frequency: 0, monetary: 0 } } });
    expect(scoreExplanation("recency", alone)).toBe("Last order 12 days ago — the only customer with orders so far.");
  });

  it("counts whole days and rounds shares down", () => {
    expect(daysAgo(new Date(NOW.getTime() - 1000), NOW)).toBe("today");
    expect(daysAgo(ago(1), NOW)).toBe("1 day ago");
    expect(shareBehind(1, 3)).toBe(33);
    expect(shareBehind(0, 0)).toBe(0);
  });

  it("writes the engine's rule of an RFM segment, leaving out an unconstrained M", () => {
    expect(rfmRuleText("champions")).toBe("R 4–5, F 4–5, M 4–5");
    expect(rfmRuleText("new")).toBe("R 5, F 1");
    expect(rfmRuleText("at_risk")).toBe("R 1–2, F 3–5");
  });

  it("says why the customer is in their lifecycle stage", () => {
    expect(lifecycleReason(summary())).toBe("Last order 12 days ago, within the last 90 days.");
    expect(lifecycleReason(summary({ lifecycle: { stage: "at_risk", thresholds, stored: null, previousOrderAt: null } }))).toBe(
      "Last order 12 days ago: more than 90 days but within 180 days.",
    );
    expect(lifecycleReason(summary({ orders: null, rfm: null, lifecycle: { stage: "new", thresholds, stored: null, previousOrderAt: null } }))).toBe(
      "No orders yet; first seen (or added) within the last 30 days.",
    );
    const previousOrderAt = new Date(summary().now.getTime() - 300 * 86_400_000);
    expect(lifecycleReason(summary({ lifecycle: { stage: "reactivated", thresholds, stored: null, previousOrderAt } }))).toBe(
      "Last order 12 days ago, within the last 90 days, after more than 180 days without ordering (previous order 300 days ago).",
    );
  });

  it("compares the stored lifecycle field with the computed stage, ignoring case and spelling of spaces", () => {
    expect(storedStageDiffers(null, "active")).toBe(false);
    expect(storedStageDiffers("At risk", "at_risk")).toBe(false);
    expect(storedStageDiffers("at-risk", "at_risk")).toBe(false);
    expect(storedStageDiffers("repeat", "active")).toBe(true);
  });
});
