import { describe, expect, it } from "vitest";
import { createRng, mulberry32 } from "@/lib/demo/random";

describe("mulberry32", () => {
  it("repeats its sequence for a seed and differs between seeds", () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const c = mulberry32(2);
    const seqA = Array.from({ length: 20 }, () => a());
    const seqB = Array.from({ length: 20 }, () => b());
    const seqC = Array.from({ length: 20 }, () => c());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
    expect(new Set(seqA).size).toBe(20);
    for (const x of seqA) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});

describe("createRng", () => {
  it("draws integers over the whole inclusive range", () => {
    const rng = createRng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(1, 5);
      expect(Number.isInteger(n)).toBe(true);
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(5);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("follows the weights of a weighted pick and never picks a zero weight", () => {
    const rng = createRng(11);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 20_000; i++) counts[rng.weighted([["a", 1], ["b", 3], ["c", 0]] as const)]++;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.7);
    expect(counts.b / counts.a).toBeLessThan(3.3);
    expect(() => rng.weighted([["x", 0]])).toThrow();
  });

  it("gives normal and lognormal draws with the asked centre and spread", () => {
    const rng = createRng(5);
    const xs = Array.from({ length: 20_000 }, () => rng.normal(10, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);
    const ys = Array.from({ length: 20_001 }, () => rng.lognormal(50, 0.5)).sort((a, b) => a - b);
    const median = ys[10_000] ?? 0;
    expect(median).toBeGreaterThan(47);
    expect(median).toBeLessThan(53);
    expect(ys.every((y) => y > 0)).toBe(true);
  });

  it("draws Poisson counts with the asked mean", () => {
    const rng = createRng(8);
    const xs = Array.from({ length: 20_000 }, () => rng.poisson(3));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(2.9);
    expect(mean).toBeLessThan(3.1);
    expect(rng.poisson(0)).toBe(0);
  });

  it("shuffles into a permutation, samples distinct items, keeps dates in range", () => {
    const rng = createRng(9);
    const items = Array.from({ length: 30 }, (_, i) => i);
    const shuffled = rng.shuffle(items);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    const sample = rng.sample(items, 5);
    expect(new Set(sample).size).toBe(5);
    expect(rng.sample(items, 50)).toHaveLength(30);
    const ws = rng.weightedSample([["a", 1], ["b", 1], ["c", 0]] as const, 3);
    expect([...ws].sort()).toEqual(["a", "b"]);
    const start = new Date("2025-01-01T00:00:00Z");
    const end = new Date("2025-02-01T00:00:00Z");
    for (let i = 0; i < 500; i++) {
      const d = rng.dateBetween(start, end).getTime();
      expect(d).toBeGreaterThanOrEqual(start.getTime());
      expect(d).toBeLessThan(end.getTime());
    }
  });
});
