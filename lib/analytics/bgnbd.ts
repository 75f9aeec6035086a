/**
 * The BG/NBD model of repeat buying (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy
 * Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2)).
 *
 * While alive, a customer buys as a Poisson process with rate λ; λ varies across customers as
 * Gamma(r, α) (shape r, rate α). After each repeat purchase the customer drops out with probability
 * p; p varies across customers as Beta(a, b). Each customer is summarised by
 *   x   — the number of repeat purchases (purchases after the first),
 *   t_x — the time of the last purchase, measured from the first (0 when x = 0),
 *   T   — the customer's age: the time from the first purchase to the end of the observation,
 * all in one time unit (weeks here). The four parameters are fitted by maximum likelihood on the
 * customers' summaries (docs/insights.md has the formulas, tolerances and data requirements).
 */
import gammaln from "@stdlib/math-base-special-gammaln";
import hyp2f1 from "@stdlib/math-base-special-hyp2f1";
import { InsufficientDataError, invalidModelInput } from "@/lib/analytics/insufficient-data";
import { minimizeFromStarts } from "@/lib/analytics/optimize";
import { beta, exponential, gamma, seededRng } from "@/lib/analytics/random";

/** One customer's repeat-buying summary, in weeks. */
export type RfmSummary = {
  /** Repeat purchases: purchases after the first (an integer ≥ 0). */
  x: number;
  /** Time of the last purchase from the first (0 when x = 0). */
  tx: number;
  /** Age: time from the first purchase to the end of the observation (> 0). */
  T: number;
};

export type BgNbdParams = { r: number; alpha: number; a: number; b: number };

export type BgNbdFit = {
  params: BgNbdParams;
  /** The maximised log-likelihood. */
  logLikelihood: number;
  /** Customers the model was fitted on, and how many of them bought again. */
  customers: number;
  repeaters: number;
};

/** The least data a fit accepts (overridable, e.g. in tests). */
export const BGNBD_MINIMUM = { customers: 50, repeaters: 20 } as const;

/** Checks one summary; throws on malformed input. */
function checkSummary(s: RfmSummary, i: number): void {
  if (!Number.isInteger(s.x) || s.x < 0) throw invalidModelInput(`Customer ${i + 1}: the number of repeat purchases must be a whole number ≥ 0 (got ${s.x}).`);
  if (!(s.T > 0) || !Number.isFinite(s.T)) throw invalidModelInput(`Customer ${i + 1}: the age T must be a positive number (got ${s.T}).`);
  // (A rounding error's worth of t_x past T is accepted, and clamped when fitting.)
  if (s.x > 0 && !(s.tx >= 0 && s.tx <= s.T * (1 + 1e-9))) throw invalidModelInput(`Customer ${i + 1}: the last purchase time must be between 0 and T (got ${s.tx}, T = ${s.T}).`);
}

/** Throws an `InsufficientDataError` saying what is needed when the data are too thin to fit. */
export function checkBgNbdData(data: readonly RfmSummary[], minimum: { customers: number; repeaters: number } = BGNBD_MINIMUM): void {
  data.forEach(checkSummary);
  const repeaters = data.filter((s) => s.x > 0).length;
  if (data.length < minimum.customers || repeaters < minimum.repeaters)
    throw new InsufficientDataError(
      `Not enough purchase history to predict future purchases: the model needs at least ${minimum.customers} customers with orders ` +
        `and ${minimum.repeaters} of them with a repeat purchase (an order on a later day than their first); ` +
        `there are ${data.length} customers with orders and ${repeaters} with a repeat purchase.`,
      { customers: minimum.customers, repeaters: minimum.repeaters },
      { customers: data.length, repeaters },
    );
}

/** log(e^u + e^v) without overflow. */
function logAddExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  const m = Math.max(u, v);
  return m + Math.log(Math.exp(u - m) + Math.exp(v - m));
}

/** Identical summaries grouped with a count, so the likelihood visits each once. */
type Grouped = {
  x: Int32Array;
  n: Float64Array;
  distinctX: number[];
  xIndex: Int32Array;
  /** Distinct T and t_x values (few: whole days in practice) and each row's index into them. */
  distinctT: Float64Array;
  tIndex: Int32Array;
  distinctTx: Float64Array;
  txIndex: Int32Array;
};

function indexOf(values: ArrayLike<number>): { distinct: Float64Array; index: Int32Array } {
  const map = new Map<number, number>();
  const index = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let k = map.get(values[i]!);
    if (k === undefined) {
      k = map.size;
      map.set(values[i]!, k);
    }
    index[i] = k;
  }
  return { distinct: Float64Array.from(map.keys()), index };
}

function group(data: readonly RfmSummary[]): Grouped {
  const map = new Map<string, number>();
  const rows: { x: number; tx: number; T: number; n: number }[] = [];
  for (const s of data) {
    const tx = s.x === 0 ? 0 : Math.min(s.tx, s.T);
    const key = `${s.x}|${tx}|${s.T}`;
    const at = map.get(key);
    if (at === undefined) {
      map.set(key, rows.length);
      rows.push({ x: s.x, tx, T: s.T, n: 1 });
    } else rows[at]!.n += 1;
  }
  const distinctX = [...new Set(rows.map((r) => r.x))].sort((p, q) => p - q);
  const pos = new Map(distinctX.map((x, i) => [x, i]));
  const t = indexOf(rows.map((r) => r.T));
  const tx = indexOf(rows.map((r) => r.tx));
  return {
    x: Int32Array.from(rows, (r) => r.x),
    n: Float64Array.from(rows, (r) => r.n),
    distinctX,
    xIndex: Int32Array.from(rows, (r) => pos.get(r.x)!),
    distinctT: t.distinct,
    tIndex: t.index,
    distinctTx: tx.distinct,
    txIndex: tx.index,
  };
}

/**
 * The log-likelihood of the grouped data (FHL 2005, eq. 6, in log space):
 *   L = A1·A2·(A3 + δ(x>0)·A4) with
 *   ln A1 = lnΓ(r+x) − lnΓ(r) + r ln α,
 *   ln A2 = lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x),
 *   ln A3 = −(r+x) ln(α+T),
 *   ln A4 = ln a − ln(b+x−1) − (r+x) ln(α+t_x).
 * The terms that depend on x alone are computed once per distinct x.
 */
function groupedLogLikelihood(g: Grouped, { r, alpha, a, b }: BgNbdParams): number {
  const common = gammaln(a + b) - gammaln(b) - gammaln(r) + r * Math.log(alpha);
  const perX = new Float64Array(g.distinctX.length);
  const logA4Const = new Float64Array(g.distinctX.length);
  g.distinctX.forEach((x, i) => {
    perX[i] = common + gammaln(r + x) + gammaln(b + x) - gammaln(a + b + x);
    logA4Const[i] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity;
  });
  const logAlphaT = g.distinctT.map((T) => Math.log(alpha + T));
  const logAlphaTx = g.distinctTx.map((tx) => Math.log(alpha + tx));
  let ll = 0;
  for (let i = 0; i < g.x.length; i++) {
    const x = g.x[i]!;
    const k = g.xIndex[i]!;
    const rx = r + x;
    const lnA3 = -rx * logAlphaT[g.tIndex[i]!]!;
    const lnA4 = x > 0 ? logA4Const[k]! - rx * logAlphaTx[g.txIndex[i]!]! : -Infinity;
    ll += g.n[i]! * (perX[k]! + logAddExp(lnA3, lnA4));
  }
  return ll;
}

/** The BG/NBD log-likelihood of the customers' summaries under the parameters. */
export function bgNbdLogLikelihood(data: readonly RfmSummary[], params: BgNbdParams): number {
  return groupedLogLikelihood(group(data), params);
}

const toParams = (v: number[]): BgNbdParams => ({ r: Math.exp(v[0]!), alpha: Math.exp(v[1]!), a: Math.exp(v[2]!), b: Math.exp(v[3]!) });

/**
 * Fits r, α, a, b by maximum likelihood: Nelder–Mead on the log-parameters from three fixed
 * starting points (one neutral, two scaled to the observed purchase rate), keeping the best.
 * Deterministic. Throws `InsufficientDataError` below `minimum`.
 */
export function fitBgNbd(data: readonly RfmSummary[], options: { minimum?: { customers: number; repeaters: number } } = {}): BgNbdFit {
  checkBgNbdData(data, options.minimum);
  const g = group(data);
  let sumX = 0;
  let sumT = 0;
  for (const s of data) {
    sumX += s.x;
    sumT += s.T;
  }
  // The observed repeat rate per unit of time, to scale α (the rate's scale) to the data's time unit.
  const rate = Math.max(sumX / sumT, 1e-6);
  const starts = [
    [0, 0, 0, 0],
    [Math.log(1), Math.log(1 / rate), Math.log(1), Math.log(3)],
    [Math.log(0.3), Math.log(0.3 / rate), Math.log(0.5), Math.log(2)],
  ];
  const best = minimizeFromStarts((v) => -groupedLogLikelihood(g, toParams(v)), starts);
  return { params: toParams(best.x), logLikelihood: -best.fx, customers: data.length, repeaters: data.filter((s) => s.x > 0).length };
}

/**
 * P(alive | x, t_x, T) (FHL 2005, eq. 11):
 *   1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)); 1 for a customer who never bought again.
 */
export function probabilityAlive({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: RfmSummary): number {
  if (x === 0) return 1;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * Expected repeat purchases in the next `t` periods, given the customer's history (FHL 2005, eq. 10):
 *   E[Y(t) | x, t_x, T] =
 *     (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *     / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)).
 * (The formula has a removable singularity at a = 1, nudged away from.)
 */
export function expectedPurchases(params: BgNbdParams, { x, tx, T }: RfmSummary, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, b } = params;
  const a = Math.abs(params.a - 1) < 1e-9 ? 1 + 1e-9 : params.a;
  const rx = r + x;
  const z = t / (alpha + T + t);
  const head = (a + b + x - 1) / (a - 1);
  const pow = Math.exp(rx * (Math.log(alpha + T) - Math.log(alpha + T + t)));
  const numerator = head * (1 - pow * hyp2f1(rx, b + x, a + b + x - 1, z));
  const denominator = x > 0 ? 1 + Math.exp(Math.log(a) - Math.log(b + x - 1) + rx * (Math.log(alpha + T) - Math.log(alpha + tx))) : 1;
  return numerator / denominator;
}

/**
 * Expected repeat purchases in (0, t] of a new customer picked at random (FHL 2005, eq. 9):
 *   E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b; a+b−1; t/(α+t))].
 */
export function expectedPurchasesUnconditional(params: BgNbdParams, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, b } = params;
  const a = Math.abs(params.a - 1) < 1e-9 ? 1 + 1e-9 : params.a;
  return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, t / (alpha + t)));
}

/**
 * Customers' summaries drawn from the model with known parameters (seeded): each first buys at
 * time 0 and is watched for `T` periods. For tests and for checking a fit recovers what it should.
 */
export function simulateBgNbd(params: BgNbdParams, Ts: readonly number[], seed: number): RfmSummary[] {
  const rng = seededRng(seed);
  return Ts.map((T) => {
    const lambda = gamma(rng, params.r, params.alpha);
    const p = beta(rng, params.a, params.b);
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += exponential(rng, lambda);
      if (t > T) break;
      x += 1;
      tx = t;
      if (rng() < p) break;
    }
    return { x, tx, T };
  });
}
