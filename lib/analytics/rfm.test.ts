import { describe, expect, it } from "vitest";
import { lifecycleStage, lifecycleCutoffs, lifecycleOrderInstants, lifecycleThresholdsFromSettings, DEFAULT_LIFECYCLE_THRESHOLDS } from "@/lib/analytics/lifecycle";
import { computeRfmScores, ntile, rfmSegment } from "@/lib/analytics/rfm";
import { toCents } from "@/lib/analytics/money";
import { anniversaryMonthDays, subtractUnits, windowRange } from "@/lib/segments/time";

describe("ntile", () => {
  it("matches PostgreSQL: the first n mod k buckets get one more row", () => {
    expect(Array.from({ length: 7 }, (_, i) => ntile(i, 7))).toEqual([1, 1, 2, 2, 3, 4, 5]);
    expect(Array.from({ length: 3 }, (_, i) => ntile(i, 3))).toEqual([1, 2, 3]);
    expect(Array.from({ length: 10 }, (_, i) => ntile(i, 10))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(Array.from({ length: 12 }, (_, i) => ntile(i, 12))).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5]);
  });
});

describe("RFM", () => {
  it("scores by quintile with ties broken by customer id", () => {
    const t = (d: number) => new Date(Date.UTC(2024, 0, d));
    const scores = computeRfmScores([
      { customerId: 3, orderCount: 1, totalCents: 100, lastOrderAt: t(1) },
      { customerId: 1, orderCount: 1, totalCents: 100, lastOrderAt: t(1) },
      { customerId: 2, orderCount: 5, totalCents: 900, lastOrderAt: t(9) },
      { customerId: 4, orderCount: 2, totalCents: 50, lastOrderAt: t(5) },
      { customerId: 5, orderCount: 3, totalCents: 300, lastOrderAt: t(7) },
    ]);
    expect(scores.get(1)).toEqual({ recency: 1, frequency: 1, monetary: 2 });
    expect(scores.get(3)).toEqual({ recency: 2, frequency: 2, monetary: 3 });
    expect(scores.get(2)).toEqual({ recency: 5, frequency: 5, monetary: 5 });
  });

  it("names every R/F/M combination", () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) seen.add(rfmSegment({ recency: r, frequency: f, monetary: m }));
    expect(seen.size).toBe(11);
    expect(rfmSegment({ recency: 5, frequency: 5, monetary: 5 })).toBe("champions");
    expect(rfmSegment({ recency: 1, frequency: 5, monetary: 1 })).toBe("cant_lose_them");
    expect(rfmSegment({ recency: 5, frequency: 1, monetary: 1 })).toBe("new");
    expect(rfmSegment({ recency: 1, frequency: 1, monetary: 5 })).toBe("lost");
  });

  it("adds money in exact cents", () => {
    expect(toCents("0.10") + toCents("0.20")).toBe(30);
    expect(toCents("12.5")).toBe(1250);
    expect(toCents(3)).toBe(300);
    expect(toCents("-1.05")).toBe(-105);
  });
});

describe("lifecycle", () => {
  const now = new Date("2024-03-01T12:00:00Z");
  const cut = lifecycleCutoffs(now, DEFAULT_LIFECYCLE_THRESHOLDS);
  const at = (days: number) => new Date(now.getTime() - days * 86_400_000);
  it("applies the documented thresholds", () => {
    const base = { firstSeenAt: null, createdAt: at(1000), previousOrderAt: null };
    expect(lifecycleStage({ ...base, firstOrderAt: at(30), lastOrderAt: at(30) }, cut)).toBe("new");
    expect(lifecycleStage({ ...base, firstOrderAt: at(31), lastOrderAt: at(90) }, cut)).toBe("active");
    expect(lifecycleStage({ ...base, firstOrderAt: at(300), lastOrderAt: at(91) }, cut)).toBe("at_risk");
    expect(lifecycleStage({ ...base, firstOrderAt: at(300), lastOrderAt: at(181) }, cut)).toBe("churned");
    expect(lifecycleStage({ firstOrderAt: null, lastOrderAt: null, previousOrderAt: null, firstSeenAt: at(3), createdAt: at(1000) }, cut)).toBe("new");
    expect(lifecycleStage({ ...base, firstOrderAt: null, lastOrderAt: null }, cut)).toBe("churned");
  });
  it("reactivated: last order within activeDays after a gap of more than churnDays", () => {
    const base = { firstSeenAt: null, createdAt: at(1000) };
    // Last order 10 days ago; previous one 190.000… days ago: a gap of more than 180 days.
    expect(lifecycleStage({ ...base, firstOrderAt: at(400), lastOrderAt: at(10), previousOrderAt: at(190.001) }, cut)).toBe("reactivated");
    // A gap of exactly 180 days: the customer was at risk, not churned, before the last order.
    expect(lifecycleStage({ ...base, firstOrderAt: at(400), lastOrderAt: at(10), previousOrderAt: at(190) }, cut)).toBe("active");
    // Last order exactly activeDays ago still counts; one millisecond more does not.
    expect(lifecycleStage({ ...base, firstOrderAt: at(400), lastOrderAt: at(90), previousOrderAt: at(400) }, cut)).toBe("reactivated");
    expect(lifecycleStage({ ...base, firstOrderAt: at(400), lastOrderAt: at(90.00000002), previousOrderAt: at(400) }, cut)).toBe("at_risk");
    // "New" goes first.
    expect(lifecycleStage({ ...base, firstOrderAt: at(5), lastOrderAt: at(1), previousOrderAt: at(5) }, cut)).toBe("new");
  });
  it("finds the previous order instant, orders at one instant counting once", () => {
    const o = (d: number) => ({ orderedAt: at(d) });
    expect(lifecycleOrderInstants([])).toEqual({ firstOrderAt: null, lastOrderAt: null, previousOrderAt: null });
    expect(lifecycleOrderInstants([o(3)])).toEqual({ firstOrderAt: at(3), lastOrderAt: at(3), previousOrderAt: null });
    expect(lifecycleOrderInstants([o(3), o(3)])).toEqual({ firstOrderAt: at(3), lastOrderAt: at(3), previousOrderAt: null });
    expect(lifecycleOrderInstants([o(3), o(200), o(3), o(100)])).toEqual({ firstOrderAt: at(200), lastOrderAt: at(3), previousOrderAt: at(100) });
  });
  it("reads thresholds from workspace settings, falling back to defaults", () => {
    expect(lifecycleThresholdsFromSettings({ lifecycle: { newDays: 14 } })).toEqual({ newDays: 14, activeDays: 90, churnDays: 180 });
    expect(lifecycleThresholdsFromSettings({ lifecycle: "nonsense" })).toEqual(DEFAULT_LIFECYCLE_THRESHOLDS);
    expect(lifecycleThresholdsFromSettings(null)).toEqual(DEFAULT_LIFECYCLE_THRESHOLDS);
  });
});

describe("time", () => {
  it("clamps month arithmetic to the end of the month", () => {
    expect(subtractUnits(new Date("2024-03-31T10:00:00Z"), 1, "months").toISOString()).toBe("2024-02-29T10:00:00.000Z");
    expect(subtractUnits(new Date("2023-03-31T10:00:00Z"), 1, "months").toISOString()).toBe("2023-02-28T10:00:00.000Z");
    expect(subtractUnits(new Date("2024-01-15T00:00:00Z"), 13, "months").toISOString()).toBe("2022-12-15T00:00:00.000Z");
  });
  it("includes the boundary instant of 'last N days' and now itself", () => {
    const now = new Date("2024-03-01T12:00:00Z");
    const r = windowRange({ kind: "last", amount: 30, unit: "days" }, now);
    expect(r.from?.toISOString()).toBe("2024-01-31T12:00:00.000Z");
    expect(r.to?.getTime()).toBe(now.getTime() + 1);
  });
  it("celebrates 29 February on 28 February in common years", () => {
    expect(anniversaryMonthDays(new Date("2023-02-28T00:00:00Z"), 0)).toEqual(["02-28", "02-29"]);
    expect(anniversaryMonthDays(new Date("2024-02-28T00:00:00Z"), 0)).toEqual(["02-28"]);
    expect(anniversaryMonthDays(new Date("2024-12-31T23:59:59Z"), 1)).toEqual(["01-01", "12-31"]);
  });
});
