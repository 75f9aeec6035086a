/**
 * Times the clustering path on 100,000 customers × 6 features, k = 5: standardise, k-means++
 * with 5 restarts, silhouette (sampled), PCA projection and profiles; then the elbow (k = 2…10).
 * Run: npx tsx scripts/bench-clustering.ts
 */
import { clusterProfiles, elbow, kmeansSeeded, pca2d, silhouette } from "../lib/analytics/clustering";
import { standardise, type FeatureMatrix } from "../lib/analytics/features";
import { normal, seededRng } from "../lib/analytics/random";

const N = 100_000;
const D = 6;
const K = 5;
const rng = seededRng(2024);
const centres = Array.from({ length: K }, () => Array.from({ length: D }, () => 10 * normal(rng)));
const raw = Array.from({ length: N }, (_, i) => centres[i % K]!.map((c) => c + 3 * normal(rng)));
const matrix: FeatureMatrix = {
  columns: Array.from({ length: D }, (_, j) => ({ kind: "numeric" as const, key: `f${j}`, label: `F${j}`, high: `High f${j}`, low: `Low f${j}` })),
  data: raw,
  imputed: {},
};

function time<T>(label: string, f: () => T): T {
  const t0 = performance.now();
  const result = f();
  console.log(`${label.padEnd(44)} ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  return result;
}

const total = performance.now();
const { data } = time("standardise", () => standardise(raw));
const fit = time(`k-means k=${K}, 5 restarts`, () => kmeansSeeded(data, K, { seed: 1, restarts: 5 }));
time("silhouette (sample of 2,000)", () => silhouette(data, fit.labels, { seed: 1 }));
time("PCA 2-D projection", () => pca2d(data));
time("profiles", () => clusterProfiles(matrix, fit.labels, K));
console.log(`${"one clustering, total".padEnd(44)} ${((performance.now() - total) / 1000).toFixed(2)} s`);
time("elbow k=2…10 (3 restarts each, silhouettes)", () => elbow(data, { seed: 1 }));
