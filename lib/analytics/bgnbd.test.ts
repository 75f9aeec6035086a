/**
 * BG/NBD and Gamma-Gamma: the published CDNOW fits (Fader, Hardie & Lee 2005; Fader & Hardie's
 * notes and spreadsheets) and parameters recovered from data simulated with known values.
 * Tolerances (docs/insights.md): published parameters ±1% relative, the log-likelihood ±0.1,
 * forecasts ±0.002 purchases, expected spend ±0.1; simulated parameters ±15% relative.
 */
import { describe, expect, it } from "vitest";
import {
  bgNbdLogLikelihood,
  expectedPurchases,
  expectedPurchasesUnconditional,
  fitBgNbd,
  probabilityAlive,
  simulateBgNbd,
  type RfmSummary,
} from "@/lib/analytics/bgnbd";
import { fixturePath, readNumericCsv } from "@/lib/analytics/fixtures/load";
import {
  customerLifetimeValue,
  expectedAverageSpend,
  fitGammaGamma,
  populationMeanSpend,
  simulateGammaGamma,
  spendSummaries,
  WEEKS_PER_MONTH,
} from "@/lib/analytics/gamma-gamma";
import { InsufficientDataError } from "@/lib/analytics/insufficient-data";

const within = (actual: number, expected: number, relative: number) => expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(relative);

const CDNOW_BGNBD = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const CDNOW_GG = { p: 6.25, q: 3.74, v: 15.44 };
const cdnowFile = fixturePath("cdnow-summary.csv");

describe.skipIf(!cdnowFile)("CDNOW sample: the published fits (needs fixtures/cdnow-summary.csv)", () => {
  const rows = cdnowFile ? readNumericCsv(cdnowFile) : [];
  const summaries: RfmSummary[] = rows.map((r) => ({ x: r.x!, tx: r.t_x!, T: r.T! }));

  it("BG/NBD: log-likelihood −9582.4 at the published parameters, and the fit recovers them", () => {
    expect(summaries).toHaveLength(2357);
    expect(bgNbdLogLikelihood(summaries, CDNOW_BGNBD)).toBeCloseTo(-9582.4, 1);
    const fit = fitBgNbd(summaries);
    for (const k of ["r", "alpha", "a", "b"] as const) within(fit.params[k], CDNOW_BGNBD[k], 0.01);
    expect(fit.logLikelihood).toBeCloseTo(-9582.43, 1);
    expect(fit.repeaters).toBe(946);

    // Fader & Hardie's spreadsheet: a customer with x = 2, t_x = 30.43, T = 38.86 buys 1.226 times in the next 39 weeks.
    const customer = { x: 2, tx: 30.43, T: 38.86 };
    expect(Math.abs(expectedPurchases(fit.params, customer, 39) - 1.226)).toBeLessThan(0.002);
    // By hand: a/(b+x−1) · ((α+T)/(α+t_x))^(r+x) = 0.2315 · (43.274/34.844)^2.243 = 0.3763 → 1/1.3763.
    expect(probabilityAlive(fit.params, customer)).toBeCloseTo(0.7266, 3);
    // … and the expected repeat purchases of a new customer over time.
    const times = [0.1429, 1, 3, 31.8571, 32, 78];
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) => expect(Math.abs(expectedPurchasesUnconditional(fit.params, t) - expected[i]!)).toBeLessThan(0.002));
  });

  it("Gamma-Gamma: the fit on the 946 repeat buyers recovers p, q, v, and the expected spends match the spreadsheet", () => {
    const spend = spendSummaries(rows.map((r) => ({ x: r.x!, m: r.zbar! })));
    expect(spend).toHaveLength(946);
    const fit = fitGammaGamma(spend);
    for (const k of ["p", "q", "v"] as const) within(fit.params[k], CDNOW_GG[k], 0.01);
    // Fader & Hardie's note 025: E[M] of the first ten customers.
    const published = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    rows.slice(0, 10).forEach((r, i) => expect(Math.abs(expectedAverageSpend(CDNOW_GG, r.x!, r.zbar!)! - published[i]!)).toBeLessThan(0.1));
  });
});

describe("BG/NBD and Gamma-Gamma on simulated data", () => {
  it("BG/NBD recovers the parameters it was simulated with", () => {
    const truth = { r: 0.5, alpha: 6, a: 0.7, b: 3 };
    const Ts = Array.from({ length: 4000 }, (_, i) => 26 + (i % 27));
    const data = simulateBgNbd(truth, Ts, 1);
    const fit = fitBgNbd(data);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(data, truth));
    within(fit.params.r, truth.r, 0.15);
    within(fit.params.alpha, truth.alpha, 0.15);
    // a and b are strongly correlated; their mean drop-out probability a/(a+b) is well identified.
    within(fit.params.a / (fit.params.a + fit.params.b), truth.a / (truth.a + truth.b), 0.15);
    within(expectedPurchasesUnconditional(fit.params, 52), expectedPurchasesUnconditional(truth, 52), 0.05);
    // Deterministic: the same data give the same fit.
    expect(fitBgNbd(data).params).toEqual(fit.params);
  });

  it("Gamma-Gamma recovers the parameters it was simulated with", () => {
    const truth = { p: 6, q: 4, v: 15 };
    const xs = Array.from({ length: 2000 }, (_, i) => 1 + (i % 8));
    const fit = fitGammaGamma(simulateGammaGamma(truth, xs, 1));
    for (const k of ["p", "q", "v"] as const) within(fit.params[k], truth[k], 0.25);
    within(populationMeanSpend(fit.params)!, populationMeanSpend(truth)!, 0.05);
  });

  it("says what is needed when the data are too thin", () => {
    const thin = simulateBgNbd({ r: 0.5, alpha: 6, a: 0.7, b: 3 }, Array.from({ length: 30 }, () => 40), 2);
    const error = (() => {
      try {
        fitBgNbd(thin);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InsufficientDataError);
    expect((error as InsufficientDataError).message).toMatch(/needs at least 50 customers with orders and 20 of them with a repeat purchase .*; there are 30 customers with orders/);
    expect((error as InsufficientDataError).found.customers).toBe(30);
    expect(() => fitGammaGamma([{ x: 1, m: 10 }])).toThrow(/at least 20 customers with a repeat purchase/);
    expect(() => fitBgNbd([{ x: 1, tx: 5, T: 3 }], { minimum: { customers: 1, repeaters: 1 } })).toThrow(/between 0 and T/);
  });

  it("edge cases: a customer who never bought again is alive; CLV without discount is E[Y] × E[M]", () => {
    const params = CDNOW_BGNBD;
    expect(probabilityAlive(params, { x: 0, tx: 0, T: 30 })).toBe(1);
    // Many repeat purchases long ago: almost surely gone (no overflow to NaN).
    expect(probabilityAlive(params, { x: 300, tx: 1, T: 300 })).toBeLessThan(1e-6);
    expect(Number.isFinite(expectedPurchases(params, { x: 300, tx: 1, T: 300 }, 52))).toBe(true);
    const customer = { x: 2, tx: 30.43, T: 38.86, m: 22.35 };
    const models = { bgnbd: params, gammaGamma: CDNOW_GG };
    const clv = customerLifetimeValue(models, customer, { months: 12 })!;
    expect(clv).toBeCloseTo(expectedPurchases(params, customer, 12 * WEEKS_PER_MONTH) * expectedAverageSpend(CDNOW_GG, 2, 22.35)!, 9);
    expect(customerLifetimeValue(models, customer, { months: 12, monthlyDiscountRate: 0.01 })!).toBeLessThan(clv);
  });
});
