/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV: Using
 * Iso-Value Curves for Customer Base Analysis", Journal of Marketing Research 42(4); Fader & Hardie
 * 2013, "The Gamma-Gamma Model of Monetary Value").
 *
 * A customer's transaction values are Gamma(p, ν) (shape p, rate ν); ν varies across customers as
 * Gamma(q, γ). A customer with x ≥ 1 repeat transactions of mean value m_x contributes
 *   f(m_x | x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q · m_x^(px−1) · x^(px) / (γ + x·m_x)^(px+q),
 * and p, q, γ ("v") are fitted by maximum likelihood. The model assumes spend per transaction is
 * independent of how often a customer buys; `spendFrequencyCorrelation` lets a caller check it.
 *
 * `customerLifetimeValue` combines it with the BG/NBD forecast (see its comment for the formula).
 */
import gammaln from "@stdlib/math-base-special-gammaln";
import { expectedPurchases, type BgNbdParams, type RfmSummary } from "@/lib/analytics/bgnbd";
import { InsufficientDataError, invalidModelInput } from "@/lib/analytics/insufficient-data";
import { minimizeFromStarts } from "@/lib/analytics/optimize";
import { gamma, seededRng } from "@/lib/analytics/random";

/** A repeat customer's spend: x repeat transactions of mean value m (m > 0). */
export type SpendSummary = { x: number; m: number };

export type GammaGammaParams = { p: number; q: number; v: number };

export type GammaGammaFit = { params: GammaGammaParams; logLikelihood: number; customers: number };

/** The least data a fit accepts: customers with at least one repeat purchase of positive value. */
export const GAMMA_GAMMA_MINIMUM = { repeaters: 20 } as const;

/** The customers the model can use: x ≥ 1 and a positive mean spend. */
export function spendSummaries(rows: readonly { x: number; m: number | null }[]): SpendSummary[] {
  return rows.filter((r): r is SpendSummary => r.x >= 1 && r.m !== null && r.m > 0 && Number.isFinite(r.m));
}

/** Throws an `InsufficientDataError` saying what is needed when there are too few repeat buyers. */
export function checkGammaGammaData(data: readonly SpendSummary[], minimum: { repeaters: number } = GAMMA_GAMMA_MINIMUM): void {
  data.forEach((s, i) => {
    if (!Number.isInteger(s.x) || s.x < 1) throw invalidModelInput(`Customer ${i + 1}: spend needs at least one repeat purchase (got x = ${s.x}).`);
    if (!(s.m > 0) || !Number.isFinite(s.m)) throw invalidModelInput(`Customer ${i + 1}: the mean spend must be a positive amount (got ${s.m}).`);
  });
  if (data.length < minimum.repeaters)
    throw new InsufficientDataError(
      `Not enough repeat purchases to model spend: the model needs at least ${minimum.repeaters} customers with a repeat purchase ` +
        `of positive value; there are ${data.length}.`,
      { repeaters: minimum.repeaters },
      { repeaters: data.length },
    );
}

/** The Gamma-Gamma log-likelihood of the repeat customers' mean spends. */
export function gammaGammaLogLikelihood(data: readonly SpendSummary[], params: GammaGammaParams): number {
  return prepared(data)(params);
}

/**
 * The log-likelihood as a function of the parameters, with what depends on the data alone
 * (ln m, x·m, the distinct x) computed once.
 */
function prepared(data: readonly SpendSummary[]): (params: GammaGammaParams) => number {
  const n = data.length;
  const x = Float64Array.from(data, (d) => d.x);
  const xm = Float64Array.from(data, (d) => d.x * d.m);
  const logM = Float64Array.from(data, (d) => Math.log(d.m));
  const distinct = [...new Set(data.map((d) => d.x))];
  const pos = new Map(distinct.map((v, i) => [v, i]));
  const xIndex = Int32Array.from(data, (d) => pos.get(d.x)!);
  const perX = new Float64Array(distinct.length);
  return ({ p, q, v }) => {
    const common = -gammaln(q) + q * Math.log(v);
    // lnΓ(px+q) − lnΓ(px) + px·ln x depends on x alone: once per distinct x.
    distinct.forEach((xv, i) => (perX[i] = common + gammaln(p * xv + q) - gammaln(p * xv) + p * xv * Math.log(xv)));
    let ll = 0;
    for (let i = 0; i < n; i++) {
      const px = p * x[i]!;
      ll += perX[xIndex[i]!]! + (px - 1) * logM[i]! - (px + q) * Math.log(v + xm[i]!);
    }
    return ll;
  };
}

const toParams = (w: number[]): GammaGammaParams => ({ p: Math.exp(w[0]!), q: Math.exp(w[1]!), v: Math.exp(w[2]!) });

/**
 * Fits p, q, v by maximum likelihood (Nelder–Mead on the log-parameters from three fixed starts,
 * one scaled to the mean spend). Deterministic. Throws `InsufficientDataError` below `minimum`.
 */
export function fitGammaGamma(data: readonly SpendSummary[], options: { minimum?: { repeaters: number } } = {}): GammaGammaFit {
  checkGammaGammaData(data, options.minimum);
  const meanSpend = data.reduce((s, d) => s + d.m, 0) / data.length;
  const starts = [
    [0, 0, 0],
    [Math.log(2), Math.log(3), Math.log(meanSpend)],
    [Math.log(5), Math.log(5), Math.log(meanSpend)],
  ];
  const logLikelihood = prepared(data);
  const best = minimizeFromStarts((w) => -logLikelihood(toParams(w)), starts);
  return { params: toParams(best.x), logLikelihood: -best.fx, customers: data.length };
}

/**
 * The expected mean spend per transaction of a customer with x repeat transactions of mean m
 * (FHL 2005, eq. 5):
 *   E[M | p, q, γ, m_x, x] = p(γ + x·m_x) / (p·x + q − 1)
 *     = (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · m_x,
 * a weighted mean of the population mean pγ/(q−1) and the customer's own mean. With x = 0 it is
 * the population mean. Needs q > 1 (otherwise the population mean is infinite: null).
 */
export function expectedAverageSpend({ p, q, v }: GammaGammaParams, x: number, m: number): number | null {
  if (!(q > 1)) return null;
  if (x === 0) return (p * v) / (q - 1);
  return (p * (v + x * m)) / (p * x + q - 1);
}

/** The population's mean spend per transaction, pγ/(q−1) (null when q ≤ 1). */
export function populationMeanSpend({ p, q, v }: GammaGammaParams): number | null {
  return q > 1 ? (p * v) / (q - 1) : null;
}

/** Pearson correlation between repeat frequency and mean spend (the model assumes ≈ 0). */
export function spendFrequencyCorrelation(data: readonly SpendSummary[]): number {
  const n = data.length;
  if (n < 2) return 0;
  const mx = data.reduce((s, d) => s + d.x, 0) / n;
  const mm = data.reduce((s, d) => s + d.m, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const d of data) {
    sxy += (d.x - mx) * (d.m - mm);
    sxx += (d.x - mx) ** 2;
    syy += (d.m - mm) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/** Repeat customers' spends drawn from the model with known parameters (seeded), for tests. */
export function simulateGammaGamma(params: GammaGammaParams, xs: readonly number[], seed: number): SpendSummary[] {
  const rng = seededRng(seed);
  return xs.map((x) => {
    const nu = gamma(rng, params.q, params.v);
    let sum = 0;
    for (let i = 0; i < x; i++) sum += gamma(rng, params.p, nu);
    return { x, m: sum / x };
  });
}

/** Weeks in an average month (365.25 / 12 / 7). */
export const WEEKS_PER_MONTH = 365.25 / 12 / 7;

/**
 * A customer's expected lifetime value over the next `months` months, in the spend's currency:
 *
 *   CLV = Σ_{i=1..H} ( E[Y(i·L) | x, t_x, T] − E[Y((i−1)·L) | x, t_x, T] ) · E[M] · margin / (1 + d)^i
 *
 * with H = months, L = weeks per month (time is in weeks), E[Y] the BG/NBD conditional expected
 * number of purchases, E[M] the Gamma-Gamma expected spend per purchase (`expectedAverageSpend`),
 * `margin` the share of spend that is profit (default 1: revenue) and d the monthly discount rate
 * (default 0, where the sum is simply E[Y(H·L)] · E[M] · margin). Purchases in month i are
 * discounted as if made at its end. Null when the expected spend is undefined (q ≤ 1).
 */
export function customerLifetimeValue(
  models: { bgnbd: BgNbdParams; gammaGamma: GammaGammaParams },
  customer: RfmSummary & { m: number | null },
  options: { months: number; monthlyDiscountRate?: number; margin?: number },
): number | null {
  const spend = expectedAverageSpend(models.gammaGamma, customer.x, customer.m ?? 0);
  if (spend === null) return null;
  const d = options.monthlyDiscountRate ?? 0;
  const margin = options.margin ?? 1;
  let value = 0;
  let previous = 0;
  for (let i = 1; i <= options.months; i++) {
    const cumulative = expectedPurchases(models.bgnbd, customer, i * WEEKS_PER_MONTH);
    value += (cumulative - previous) / Math.pow(1 + d, i);
    previous = cumulative;
  }
  return value * spend * margin;
}
