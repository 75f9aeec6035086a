/**
 * A small seeded random source for the demo data. mulberry32 is fast, has a 2^32 period (plenty for
 * a few hundred thousand draws) and, unlike Math.random, gives the same sequence for the same seed.
 */

export type Weighted<T> = readonly (readonly [T, number])[];

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  float(min: number, max: number): number;
  /** Uniform integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One value, drawn with probability proportional to its weight. */
  weighted<T>(entries: Weighted<T>): T;
  /** Normal(mean, sd), by Box–Muller. */
  normal(mean: number, sd: number): number;
  /** exp(Normal(mu, sigma)): `median` is exp(mu). */
  lognormal(median: number, sigma: number): number;
  /** Poisson(lambda) (Knuth's method; lambda is expected to be small). */
  poisson(lambda: number): number;
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** `count` distinct items, in random order (all of them when count ≥ items.length). */
  sample<T>(items: readonly T[], count: number): T[];
  /** `count` distinct items, each draw proportional to the remaining weights. */
  weightedSample<T>(entries: Weighted<T>, count: number): T[];
  /** Uniform instant in [start, end) (millisecond precision). */
  dateBetween(start: Date, end: Date): Date;
};

/** The mulberry32 generator: a function returning uniform floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError("seed must be a finite number");
  const next = mulberry32(Math.trunc(seed));

  const float = (min: number, max: number) => min + (max - min) * next();
  const int = (min: number, max: number) => {
    const lo = Math.ceil(Math.min(min, max));
    const hi = Math.floor(Math.max(min, max));
    return lo + Math.floor(next() * (hi - lo + 1));
  };

  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[Math.floor(next() * items.length)] as T;
  };

  const weighted = <T>(entries: Weighted<T>): T => {
    let total = 0;
    for (const [, w] of entries) total += Math.max(0, w);
    if (!(total > 0)) throw new RangeError("weighted pick needs a positive total weight");
    let r = next() * total;
    for (const [value, w] of entries) {
      r -= Math.max(0, w);
      if (r < 0) return value;
    }
    // Rounding can leave r at ~0 after the last entry: return the last entry with weight.
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i];
      if (entry && entry[1] > 0) return entry[0];
    }
    throw new RangeError("unreachable");
  };

  const normal = (mean: number, sd: number) => {
    // 1 - next() is in (0, 1], so the log is finite.
    const u = 1 - next();
    const v = next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };

  const lognormal = (median: number, sigma: number) => median * Math.exp(normal(0, sigma));

  const poisson = (lambda: number) => {
    if (!(lambda > 0)) return 0;
    if (lambda > 30) return Math.max(0, Math.round(normal(lambda, Math.sqrt(lambda))));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = next();
    while (p > limit) {
      k++;
      p *= next();
    }
    return k;
  };

  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  };

  const sample = <T>(items: readonly T[], count: number): T[] => shuffle(items).slice(0, Math.max(0, count));

  const weightedSample = <T>(entries: Weighted<T>, count: number): T[] => {
    const pool = entries.filter(([, w]) => w > 0).map(([v, w]) => [v, w] as const);
    const out: T[] = [];
    while (out.length < count && pool.length > 0) {
      const chosen = weighted(pool.map(([, w], i) => [i, w] as const));
      const entry = pool[chosen];
      if (!entry) break;
      out.push(entry[0]);
      pool.splice(chosen, 1);
    }
    return out;
  };

  const dateBetween = (start: Date, end: Date) => {
    const a = start.getTime();
    const b = end.getTime();
    return new Date(Math.floor(a + (b - a) * next()));
  };

  return {
    next,
    float,
    int,
    chance: (p) => next() < p,
    pick,
    weighted,
    normal,
    lognormal,
    poisson,
    shuffle,
    sample,
    weightedSample,
    dateBetween,
  };
}
