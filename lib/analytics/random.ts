/**
 * A small seeded pseudo-random generator and the draws the analytics models need (uniform,
 * normal, gamma, beta, Poisson-process waiting times). Deterministic for a given seed, so
 * clustering restarts, silhouette samples and simulations are reproducible.
 */

export type Rng = () => number;

/** mulberry32: a fast 32-bit generator; uniform in [0, 1). */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller). */
export function normal(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** A Gamma(shape, rate) draw (Marsaglia & Tsang 2000; shape < 1 boosted by U^(1/shape)). */
export function gamma(rng: Rng, shape: number, rate = 1): number {
  if (shape < 1) {
    let u = 0;
    while (u === 0) u = rng();
    return gamma(rng, shape + 1, rate) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
  }
}

/** A Beta(a, b) draw. */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  return x / (x + y);
}

/** An exponential waiting time with the given rate. */
export function exponential(rng: Rng, rate: number): number {
  let u = 0;
  while (u === 0) u = rng();
  return -Math.log(u) / rate;
}

/** `size` distinct indices out of 0..n−1 (partial Fisher–Yates), in draw order. */
export function sampleIndices(rng: Rng, n: number, size: number): number[] {
  const m = Math.min(n, size);
  const pool = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const vj = pool.get(j) ?? j;
    pool.set(j, pool.get(i) ?? i);
    out.push(vj);
  }
  return out;
}
