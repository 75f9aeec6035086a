/**
 * Per-customer predictions from a fitted BG/NBD + Gamma-Gamma pair, and the model check (fit on a
 * calibration period, compare with the hold-out period). Pure functions: no database; the loaders
 * are lib/analytics/clv-data.ts and the stored model is lib/insights/clv-model.ts.
 */
import {
  expectedPurchases,
  fitBgNbd,
  probabilityAlive,
  type BgNbdFit,
  type BgNbdParams,
  type RfmSummary,
} from "@/lib/analytics/bgnbd";
import {
  expectedAverageSpend,
  fitGammaGamma,
  spendFrequencyCorrelation,
  spendSummaries,
  WEEKS_PER_MONTH,
  type GammaGammaFit,
  type GammaGammaParams,
} from "@/lib/analytics/gamma-gamma";
import { InsufficientDataError } from "@/lib/analytics/insufficient-data";

export type ClvCustomer = RfmSummary & { customerId: number; m: number | null };

export type CustomerPredictionValues = {
  customerId: number;
  /** Expected (repeat) purchases over the horizon. */
  expectedPurchases: number;
  /** Probability the customer is still active. */
  pAlive: number;
  /** Predicted value over the horizon, in the orders' currency (null without a spend model). */
  predictedClv: number | null;
};

export type ClvFit = {
  bgnbd: BgNbdFit;
  /** Null when the spend model could not be fitted (`spendMessage` says why). */
  gammaGamma: GammaGammaFit | null;
  spendMessage: string | null;
  /** Correlation between repeat frequency and mean spend (the spend model assumes ≈ 0). */
  spendCorrelation: number | null;
};

/**
 * Fits both models. BG/NBD data too thin → `InsufficientDataError` (nothing can be predicted);
 * spend data too thin, or a spend model with an infinite mean (q ≤ 1) → purchases and P(alive)
 * are still predicted, value is not.
 */
export function fitClv(customers: readonly ClvCustomer[], options: { minimum?: { customers: number; repeaters: number } } = {}): ClvFit {
  const bgnbd = fitBgNbd(customers, { minimum: options.minimum });
  const spend = spendSummaries(customers);
  let gammaGamma: GammaGammaFit | null = null;
  let spendMessage: string | null = null;
  try {
    gammaGamma = fitGammaGamma(spend, options.minimum ? { minimum: { repeaters: options.minimum.repeaters } } : {});
    if (!(gammaGamma.params.q > 1)) {
      spendMessage = "The spend model's fitted q is 1 or less (the average spend would be unbounded), so no value is predicted.";
      gammaGamma = null;
    }
  } catch (error) {
    if (!(error instanceof InsufficientDataError)) throw error;
    spendMessage = error.message;
  }
  return { bgnbd, gammaGamma, spendMessage, spendCorrelation: spend.length >= 2 ? spendFrequencyCorrelation(spend) : null };
}

/** The horizon in weeks (the models' time unit) for a number of months. */
export function horizonWeeks(months: number): number {
  return months * WEEKS_PER_MONTH;
}

/**
 * One customer's predictions over `months` months. Predicted value is expected purchases ×
 * expected spend per purchase — `customerLifetimeValue` without discounting (d = 0), computed in
 * one step instead of month by month.
 */
export function predictCustomer(
  models: { bgnbd: BgNbdParams; gammaGamma: GammaGammaParams | null },
  c: ClvCustomer,
  months: number,
): CustomerPredictionValues {
  const purchases = expectedPurchases(models.bgnbd, c, horizonWeeks(months));
  const spend = models.gammaGamma ? expectedAverageSpend(models.gammaGamma, c.x, c.m ?? 0) : null;
  return {
    customerId: c.customerId,
    expectedPurchases: purchases,
    pAlive: probabilityAlive(models.bgnbd, c),
    predictedClv: spend === null ? null : Math.round(purchases * spend * 100) / 100,
  };
}

// ---------------------------------------------------------------------------------------------
// Model check

/** Calibration repeat purchases are grouped 0, 1, …, 6 and "7+" (as in the BG/NBD literature). */
export const CHECK_GROUPS = 8;

export type CheckGroup = {
  /** "0" … "6", "7+". */
  label: string;
  customers: number;
  /** Mean predicted and actual repeat purchases in the hold-out period per customer of the group. */
  predicted: number;
  actual: number;
};

export type ModelCheck = {
  groups: CheckGroup[];
  customers: number;
  totalPredicted: number;
  totalActual: number;
  /** (predicted − actual) / actual, null when nothing was bought in the hold-out. */
  percentError: number | null;
  /** Mean |predicted − actual| per customer. */
  meanAbsoluteError: number;
};

/**
 * Compares the calibration fit's conditional expectations over the hold-out period with what each
 * customer actually bought (order days in the hold-out, `holdout`).
 */
export function checkPredictions(params: BgNbdParams, customers: readonly (RfmSummary & { holdout: number })[], holdoutWeeks: number): ModelCheck {
  const sums = Array.from({ length: CHECK_GROUPS }, () => ({ n: 0, predicted: 0, actual: 0 }));
  let totalPredicted = 0;
  let totalActual = 0;
  let absolute = 0;
  for (const c of customers) {
    const predicted = expectedPurchases(params, c, holdoutWeeks);
    const g = sums[Math.min(c.x, CHECK_GROUPS - 1)]!;
    g.n += 1;
    g.predicted += predicted;
    g.actual += c.holdout;
    totalPredicted += predicted;
    totalActual += c.holdout;
    absolute += Math.abs(predicted - c.holdout);
  }
  return {
    groups: sums.map((g, i) => ({
      label: i === CHECK_GROUPS - 1 ? `${i}+` : String(i),
      customers: g.n,
      predicted: g.n ? g.predicted / g.n : 0,
      actual: g.n ? g.actual / g.n : 0,
    })),
    customers: customers.length,
    totalPredicted,
    totalActual,
    percentError: totalActual > 0 ? (totalPredicted - totalActual) / totalActual : null,
    meanAbsoluteError: customers.length ? absolute / customers.length : 0,
  };
}

/** A deterministic sample of at most `max` customers (every k-th by id), for bounded fits. */
export function capCustomers<T extends { customerId: number }>(customers: readonly T[], max: number): T[] {
  if (customers.length <= max) return [...customers];
  const step = customers.length / max;
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(customers[Math.floor(i * step)]!);
  return out;
}
