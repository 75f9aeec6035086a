import { describe, expect, it } from "vitest";
import { expectedPurchases, probabilityAlive } from "@/lib/analytics/bgnbd";
import { capCustomers, checkPredictions, predictCustomer } from "@/lib/analytics/clv-predict";
import { customerLifetimeValue } from "@/lib/analytics/gamma-gamma";

const bgnbd = { r: 0.25, alpha: 4.4, a: 0.8, b: 2.4 };
const gammaGamma = { p: 6.25, q: 3.74, v: 15.44 };

describe("per-customer predictions", () => {
  it("value = expected purchases × expected spend, the undiscounted CLV month by month", () => {
    const c = { customerId: 7, x: 2, tx: 30.43, T: 38.86, m: 35.5 };
    const p = predictCustomer({ bgnbd, gammaGamma }, c, 12);
    expect(p.expectedPurchases).toBeCloseTo(expectedPurchases(bgnbd, c, (12 * 365.25) / 12 / 7), 12);
    expect(p.pAlive).toBe(probabilityAlive(bgnbd, c));
    expect(p.predictedClv).toBeCloseTo(customerLifetimeValue({ bgnbd, gammaGamma }, c, { months: 12 })!, 2);
    expect(predictCustomer({ bgnbd, gammaGamma: null }, c, 12).predictedClv).toBeNull();
  });
});

describe("model check", () => {
  it("groups by calibration repeat purchases (7 and more together) and sums the errors", () => {
    const customers = [
      { x: 0, tx: 0, T: 10, holdout: 1 },
      { x: 0, tx: 0, T: 20, holdout: 0 },
      { x: 3, tx: 8, T: 10, holdout: 2 },
      { x: 7, tx: 9, T: 10, holdout: 4 },
      { x: 12, tx: 10, T: 10, holdout: 6 },
    ];
    const r = checkPredictions(bgnbd, customers, 5);
    const e = customers.map((c) => expectedPurchases(bgnbd, c, 5));
    expect(r.groups.map((g) => g.label)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    expect(r.groups.map((g) => g.customers)).toEqual([2, 0, 0, 1, 0, 0, 0, 2]);
    expect(r.groups[0]!.actual).toBe(0.5);
    expect(r.groups[0]!.predicted).toBeCloseTo((e[0]! + e[1]!) / 2, 12);
    expect(r.groups[7]!.actual).toBe(5);
    expect(r.groups[1]!.predicted).toBe(0);
    expect(r.totalActual).toBe(13);
    expect(r.totalPredicted).toBeCloseTo(e.reduce((s, v) => s + v, 0), 12);
    expect(r.meanAbsoluteError).toBeCloseTo(customers.reduce((s, c, i) => s + Math.abs(e[i]! - c.holdout), 0) / 5, 12);
    expect(r.percentError).toBeCloseTo((r.totalPredicted - 13) / 13, 12);
    expect(checkPredictions(bgnbd, [{ x: 0, tx: 0, T: 5, holdout: 0 }], 5).percentError).toBeNull();
    expect(checkPredictions(bgnbd, [], 5)).toMatchObject({ customers: 0, meanAbsoluteError: 0, percentError: null });
  });

  it("caps customers with an evenly spread, deterministic sample", () => {
    const all = Array.from({ length: 10 }, (_, i) => ({ customerId: i + 1 }));
    expect(capCustomers(all, 4).map((c) => c.customerId)).toEqual([1, 3, 6, 8]);
    expect(capCustomers(all, 20)).toHaveLength(10);
  });
});
