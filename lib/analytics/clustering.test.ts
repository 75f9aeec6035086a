/**
 * Clustering: well-separated blobs recovered, the Mall Customers dataset's published k = 5
 * centroids, a silhouette computed by hand, determinism with a seed, imputation and one-hot.
 */
import { describe, expect, it } from "vitest";
import { clusterProfiles, clusterRows, elbow, kmeansSeeded, pca2d, silhouette } from "@/lib/analytics/clustering";
import { buildFeatureMatrix, standardise, toOriginalUnits } from "@/lib/analytics/features";
import { fixturePath, readNumericCsv } from "@/lib/analytics/fixtures/load";
import { normal, seededRng } from "@/lib/analytics/random";

function blobs(centres: [number, number][], sizes: number[], sd: number, seed: number) {
  const rng = seededRng(seed);
  return centres.flatMap(([x, y], c) => Array.from({ length: sizes[c]! }, () => ({ spend: x + sd * normal(rng), orders: y + sd * normal(rng), truth: c })));
}

describe("k-means", () => {
  it("recovers well-separated blobs: every point in its blob, centres in original units", () => {
    const centres: [number, number][] = [
      [100, 5],
      [400, 20],
      [250, 40],
    ];
    const rows = blobs(centres, [300, 200, 100], 4, 7);
    const result = clusterRows(rows, { numeric: [{ key: "spend", label: "Spend" }, { key: "orders", label: "Orders", high: "Frequent", low: "Occasional" }] }, 3, { seed: 1, restarts: 4 });
    expect(result.fit.sizes).toEqual([300, 200, 100]);
    // Every blob is one cluster …
    rows.forEach((r, i) => expect(result.fit.labels[i]).toBe(r.truth));
    result.centroids.forEach((c, i) => {
      // … whose centroid, mapped back to original units, is the blob's mean (to rounding) …
      const members = rows.filter((r) => r.truth === i);
      expect(c[0]!).toBeCloseTo(members.reduce((s, r) => s + r.spend, 0) / members.length, 9);
      expect(c[1]!).toBeCloseTo(members.reduce((s, r) => s + r.orders, 0) / members.length, 9);
      // … within 1.0 of the centre it was drawn around (sd 4: at least 2.5 standard errors).
      expect(Math.abs(c[0]! - centres[i]![0])).toBeLessThan(1);
      expect(Math.abs(c[1]! - centres[i]![1])).toBeLessThan(1);
    });
    expect(result.silhouette.mean!).toBeGreaterThan(0.8);
    // Orders of the second blob are only 0.3 sd above the average: not part of its name.
    expect(result.profiles.map((p) => p.name)).toEqual(["Low spend · Occasional", "High spend", "Frequent"]);
    // The same seed gives the same clustering.
    const again = clusterRows(rows, { numeric: [{ key: "spend" }, { key: "orders" }] }, 3, { seed: 1, restarts: 4 });
    expect(again.fit.labels).toEqual(result.fit.labels);
    expect(again.fit.wcss).toBe(result.fit.wcss);
  });

  const mallFile = fixturePath("mall-customers.csv");
  it.skipIf(!mallFile)("finds the published k = 5 centroids of the Mall Customers dataset (needs fixtures/mall-customers.csv)", () => {
    const rows = readNumericCsv(mallFile!);
    expect(rows).toHaveLength(200);
    const result = clusterRows(rows, { numeric: [{ key: "Annual_Income" }, { key: "Spending_Score" }] }, 5, { seed: 42, restarts: 10 });
    // (income k$, spending score) and size of each cluster, as published for k = 5.
    const published = [
      { c: [55.3, 49.5], n: 81 },
      { c: [86.5, 82.1], n: 39 },
      { c: [88.2, 17.1], n: 35 },
      { c: [26.3, 20.9], n: 23 },
      { c: [25.7, 79.4], n: 22 },
    ];
    expect(result.fit.sizes).toEqual(published.map((p) => p.n));
    result.centroids.forEach((c, i) => {
      expect(Math.abs(c[0]! - published[i]!.c[0]!)).toBeLessThan(0.1);
      expect(Math.abs(c[1]! - published[i]!.c[1]!)).toBeLessThan(0.1);
    });
    // The elbow: WCSS falls with k; the silhouette peaks at k = 5.
    const points = elbow(standardise(readNumericCsv(mallFile!).map((r) => [r.Annual_Income!, r.Spending_Score!])).data, { seed: 42 });
    expect(points.map((p) => p.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    points.slice(1).forEach((p, i) => expect(p.wcss).toBeLessThan(points[i]!.wcss));
    const bestK = points.reduce((b, p) => (p.silhouette! > b.silhouette! ? p : b)).k;
    expect(bestK).toBe(5);
  });
});

describe("silhouette", () => {
  it("matches a configuration computed by hand, exact and on a sample", () => {
    // 1-D: {0, 1}, {4, 5}, {10}. Point 0: a = 1, b = mean(4, 5) = 4.5 → 7/9; point 1: a = 1, b = 3.5 → 5/7;
    // by symmetry 4 → 5/7, 5 → 7/9 (the singleton at 10 is farther); the singleton scores 0.
    const data = [[0], [1], [4], [5], [10]];
    const s = silhouette(data, [0, 0, 1, 1, 2]);
    expect(s.mean!).toBeCloseTo((2 * (7 / 9) + 2 * (5 / 7)) / 5, 12);
    expect(s.perCluster[0]!).toBeCloseTo((7 / 9 + 5 / 7) / 2, 12);
    expect(s.perCluster[2]).toBe(0);
    expect(s.sampled).toBe(false);
    // Above the sample size, a seeded sample of that size.
    const big = Array.from({ length: 60 }, (_, i) => [i < 30 ? i * 0.01 : 100 + i * 0.01]);
    const labels = big.map((_, i) => (i < 30 ? 0 : 1));
    const sampled = silhouette(big, labels, { sampleSize: 20, seed: 3 });
    expect(sampled).toMatchObject({ scored: 20, sampled: true });
    expect(sampled.mean!).toBeGreaterThan(0.99);
    expect(silhouette(big, labels, { sampleSize: 20, seed: 3 })).toEqual(sampled);
  });
});

describe("features, PCA and profiles", () => {
  it("imputes missing numbers by the median, one-hot encodes categories, projects and names clusters", () => {
    const rows = [
      { spend: 10, channel: "web" },
      { spend: null, channel: "web" },
      { spend: 30, channel: null },
      { spend: "20", channel: "store" },
      { spend: 1000, channel: "web" },
    ];
    const m = buildFeatureMatrix(rows, { numeric: [{ key: "spend", label: "Spend" }], categorical: [{ key: "channel", maxLevels: 2 }] });
    expect(m.imputed.spend).toEqual({ median: 25, missing: 1 });
    expect(m.columns.map((c) => (c.kind === "category" ? c.level : c.key))).toEqual(["spend", "web", "Other"]);
    expect(m.data[1]).toEqual([25, 1, 0]);
    expect(m.data[2]).toEqual([30, 0, 1]);

    const { data, scaler } = standardise(m.data);
    expect(toOriginalUnits(data[4]!, scaler)[0]).toBeCloseTo(1000, 9);
    const projection = pca2d(data);
    expect(projection.points).toHaveLength(5);
    expect(projection.explained[0]! + projection.explained[1]!).toBeLessThanOrEqual(1 + 1e-9);
    expect(projection.explained[0]!).toBeGreaterThanOrEqual(projection.explained[1]!);

    const profiles = clusterProfiles(m, [0, 0, 0, 0, 1], 2);
    expect(profiles[1]).toMatchObject({ size: 1, share: 0.2, name: "High spend · Mostly web" });
    expect(profiles[1]!.numeric[0]).toMatchObject({ mean: 1000, baseMean: 217 });
    expect(profiles[0]!.categorical[0]!.top[0]).toEqual({ level: "web", share: 0.5, baseShare: 0.6 });
  });

  it("is deterministic for a seed and different across seeds' restarts only through the chosen optimum", () => {
    const rng = seededRng(5);
    const data = Array.from({ length: 500 }, () => [normal(rng), normal(rng), normal(rng)]);
    const a = kmeansSeeded(data, 4, { seed: 9, restarts: 3 });
    const b = kmeansSeeded(data, 4, { seed: 9, restarts: 3 });
    expect(b).toEqual(a);
    expect(a.sizes.reduce((s, n) => s + n, 0)).toBe(500);
    expect([...a.sizes].sort((p, q) => q - p)).toEqual(a.sizes);
  });
});
