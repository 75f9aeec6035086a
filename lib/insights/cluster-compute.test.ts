/**
 * The computation of a clustering run without the database: blobs recovered at every k from the
 * fit sample with all rows assigned, clusters numbered by size, percentile ranges as PostgreSQL's
 * percentile_cont, a bounded scatter, progress steps in order.
 */
import { describe, expect, it } from "vitest";
import { assignAll, computeClusters, FIT_SAMPLE, quantileSorted, SCATTER_SAMPLE } from "@/lib/insights/cluster-compute";
import { normal, seededRng } from "@/lib/analytics/random";

describe("quantileSorted", () => {
  it("interpolates linearly between order statistics (percentile_cont)", () => {
    const v = [10, 20, 30, 40, 50];
    expect(quantileSorted(v, 0)).toBe(10);
    expect(quantileSorted(v, 1)).toBe(50);
    expect(quantileSorted(v, 0.5)).toBe(30);
    // position (5 − 1) · 0.1 = 0.4: 10 + 0.4 · 10
    expect(quantileSorted(v, 0.1)).toBeCloseTo(14, 12);
    expect(quantileSorted(v, 0.9)).toBeCloseTo(46, 12);
    expect(quantileSorted([7], 0.9)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe("assignAll", () => {
  it("assigns each row to its nearest centroid, recomputes means, numbers clusters by size and drops empty ones", () => {
    const data = [[0], [1], [10], [11], [12]];
    // The third centroid is nearest to nobody.
    const out = assignAll(data, [[0.5], [11], [100]]);
    expect(out.labels).toEqual([1, 1, 0, 0, 0]);
    expect(out.centroids).toEqual([[11], [0.5]]);
    expect(out.sizes).toEqual([3, 2]);
    // (1 + 0 + 1) + (0.25 + 0.25)
    expect(out.wcss).toBeCloseTo(2.5, 12);
  });
});

describe("computeClusters", () => {
  it("recovers three blobs on more rows than the fit sample, with every k stored and a bounded scatter", async () => {
    const rng = seededRng(11);
    const centres = [
      [20, 1_000],
      [45, 9_000],
      [70, 4_000],
    ];
    const sizes = [12_000, 8_000, 5_000];
    const rows: Record<string, unknown>[] = [];
    const truth: number[] = [];
    centres.forEach(([age, spend], c) => {
      for (let i = 0; i < sizes[c]!; i++) {
        // Every 50th age is missing: imputed with the median for the fit, left out of the ranges.
        rows.push({ age: i % 50 === 0 ? null : age! + 2 * normal(rng), spend: spend! + 200 * normal(rng) });
        truth.push(c);
      }
    });
    expect(rows.length).toBeGreaterThan(FIT_SAMPLE);
    const steps: number[] = [];
    const { result, labels } = await computeClusters(
      { ids: rows.map((_, i) => i + 1), rows, spec: { numeric: [{ key: "age", label: "Age" }, { key: "spend", label: "Spend" }] }, kMin: 2, kMax: 5, seed: 4 },
      async (progress) => void steps.push(progress),
    );
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(result.results.map((r) => r.k)).toEqual([2, 3, 4, 5]);
    expect(result.bestK).toBe(3);
    expect(result.fitSample).toBe(FIT_SAMPLE);
    const k3 = result.results[1]!;
    // Numbered by size: blob c is cluster c, for every customer with both values (a customer whose
    // age was imputed with the median, 45, may land in another blob).
    const at3 = labels.get(3)!;
    rows.forEach((r, i) => {
      if (r.age !== null && at3[i] !== truth[i]) throw new Error(`customer ${i} of blob ${truth[i]} in cluster ${at3[i]}`);
    });
    k3.sizes.forEach((n, c) => expect(Math.abs(n - sizes[c]!)).toBeLessThanOrEqual(sizes[c]! / 50));
    expect(k3.sizes.reduce((a, b) => a + b, 0)).toBe(rows.length);
    // Every k labels every customer.
    for (const k of [2, 3, 4, 5]) expect(labels.get(k)).toHaveLength(rows.length);
    // The ranges leave the missing ages out.
    expect(k3.clusters[0]!.ranges.find((r) => r.key === "age")!.known).toBe(at3.filter((c, i) => c === 0 && rows[i]!.age !== null).length);
    expect(k3.clusters[0]!.ranges.find((r) => r.key === "spend")!.known).toBe(k3.sizes[0]);
    const spendRange = k3.clusters[1]!.ranges.find((r) => r.key === "spend")!;
    // 10th and 90th percentile of a normal(9000, 200): 9000 ∓ 1.2816 · 200, within sampling error.
    expect(spendRange.low).toBeGreaterThan(9000 - 256 - 15);
    expect(spendRange.low).toBeLessThan(9000 - 256 + 15);
    expect(spendRange.high).toBeGreaterThan(9000 + 256 - 15);
    expect(spendRange.high).toBeLessThan(9000 + 256 + 15);
    // The scatter is bounded, with one label per point for every k.
    expect(result.scatter.pca).toHaveLength(SCATTER_SAMPLE);
    expect(result.scatter.values).toHaveLength(SCATTER_SAMPLE);
    expect(result.scatter.labels).toHaveLength(4);
    result.scatter.labels.forEach((l) => expect(l).toHaveLength(SCATTER_SAMPLE));
    // Centroids in original units: the blob's mean spend.
    const blob1 = rows.filter((_, i) => at3[i] === 1).map((r) => r.spend as number);
    expect(k3.centroids[1]![1]).toBeCloseTo(blob1.reduce((s, v) => s + v, 0) / blob1.length, 4);
  });

  it("refuses too few rows for the smallest k", async () => {
    await expect(computeClusters({ ids: [1, 2], rows: [{ a: 1, b: 2 }, { a: 2, b: 1 }], spec: { numeric: [{ key: "a" }, { key: "b" }] }, kMin: 2, kMax: 10, seed: 1 })).rejects.toThrow(/Too few customers/);
  });
});
