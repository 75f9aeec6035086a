/**
 * The computation of a clustering run (Insights → Clusters), without the database: feature matrix
 * → standardise → for each k, seeded k-means++ with restarts on a sample (at most FIT_SAMPLE rows),
 * then every customer assigned to the nearest centroid, the centroids recomputed as the means of
 * their customers, clusters renumbered by decreasing size; WCSS on all rows, silhouette on a
 * bounded sample, profiles, suggested names and, per cluster and numeric feature, the 10th–90th
 * percentile range (for the rule-based segment). Plus a bounded scatter sample with the first two
 * principal components and the original values. Pure apart from the awaited `step` callback
 * (progress and cancellation between k's).
 */
import { clusterProfiles, kmeansSeeded, pca2d, silhouette, type ClusterProfile } from "@/lib/analytics/clustering";
import { buildFeatureMatrix, standardise, toOriginalUnits, type FeatureSpec } from "@/lib/analytics/features";
import { sampleIndices, seededRng } from "@/lib/analytics/random";

/** Rows each k is fitted on at most (a seeded sample above that). */
export const FIT_SAMPLE = 10_000;
/** Points of the scatter kept in the result. */
export const SCATTER_SAMPLE = 2_000;
/** Restarts of k-means++ per k. */
export const RESTARTS = 3;
/**
 * Lloyd's iterations per restart at most. From k-means++ seeds the sum of squares barely moves
 * after a few dozen iterations, while data without clear clusters can take 100+ to settle.
 */
export const MAX_ITERATIONS = 50;

export type FeatureRange = { key: string; low: number; high: number; known: number };

export type ClusterSummary = Omit<ClusterProfile, "centroid"> & {
  /** 10th and 90th percentile of each numeric feature among the cluster's customers with a value. */
  ranges: FeatureRange[];
  /** Mean silhouette of the cluster's points in the scored sample (null when none). */
  silhouette: number | null;
};

export type KResult = {
  k: number;
  /** Within-cluster sum of squares (standardised units) over all customers. */
  wcss: number;
  /** Mean silhouette on the scored sample. */
  silhouette: number | null;
  sizes: number[];
  /** Centroids in original units, one value per matrix column (one-hot columns as shares). */
  centroids: number[][];
  /** The centroids on the two principal components. */
  centroidsPca: [number, number][];
  clusters: ClusterSummary[];
};

export type ClusterResult = {
  version: 1;
  customers: number;
  /** Customers in the workspace when the run loaded them (set by the job; more than `customers` when sampled). */
  total?: number;
  sampled?: boolean;
  columns: { key: string; label: string; kind: "numeric" | "category"; level?: string }[];
  numeric: { key: string; label: string }[];
  imputed: Record<string, { median: number; missing: number }>;
  kMin: number;
  kMax: number;
  /** k with the highest mean silhouette (the smallest such k on ties). */
  bestK: number;
  silhouetteSample: number;
  fitSample: number;
  results: KResult[];
  scatter: {
    /** Share of the variance the two components explain. */
    explained: [number, number];
    /** Each numeric feature's weight in the two components. */
    loadings: [number[], number[]];
    /** Per point: the two components. */
    pca: [number, number][];
    /** Per point: the numeric features in original units (null where missing). */
    values: (number | null)[][];
    /** Per k (index k − kMin): each point's cluster. */
    labels: number[][];
  };
};

export type ComputeInput = {
  ids: number[];
  rows: Record<string, unknown>[];
  spec: FeatureSpec;
  kMin: number;
  kMax: number;
  seed: number;
};

export type Step = (progress: number, stage: string) => Promise<void>;

function round(x: number, digits = 6): number {
  if (!Number.isFinite(x)) return x;
  const p = 10 ** digits;
  return Math.round(x * p) / p;
}

/** Significant digits, for the scatter (keeps the JSON small). */
function sig(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(5)) : x;
}

function nearest(row: readonly number[], centroids: readonly number[][]): { c: number; d2: number } {
  let best = 0;
  let bestD = Infinity;
  for (let c = 0; c < centroids.length; c++) {
    const centroid = centroids[c]!;
    let s = 0;
    for (let j = 0; j < row.length; j++) {
      const diff = row[j]! - centroid[j]!;
      s += diff * diff;
    }
    if (s < bestD) {
      bestD = s;
      best = c;
    }
  }
  return { c: best, d2: bestD };
}

/** Linear-interpolation quantile of sorted values (as PostgreSQL's percentile_cont). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Labels every row with its nearest centroid, recomputes the centroids as means, and renumbers
 * the clusters by decreasing size (ties by the first coordinate). Clusters left empty are dropped.
 */
export function assignAll(data: readonly number[][], centroids: readonly number[][]): { labels: number[]; centroids: number[][]; sizes: number[]; wcss: number } {
  const k = centroids.length;
  const d = data[0]?.length ?? 0;
  const raw = data.map((row) => nearest(row, centroids).c);
  const sums = Array.from({ length: k }, () => new Array<number>(d).fill(0));
  const sizes = new Array<number>(k).fill(0);
  raw.forEach((c, i) => {
    sizes[c]! += 1;
    const row = data[i]!;
    for (let j = 0; j < d; j++) sums[c]![j]! += row[j]!;
  });
  const means = sums.map((s, c) => s.map((v) => v / Math.max(1, sizes[c]!)));
  const order = sizes
    .map((_, c) => c)
    .filter((c) => sizes[c]! > 0)
    .sort((p, q) => sizes[q]! - sizes[p]! || means[p]![0]! - means[q]![0]!);
  const rank = new Array<number>(k).fill(-1);
  order.forEach((c, r) => (rank[c] = r));
  const labels = raw.map((c) => rank[c]!);
  const newCentroids = order.map((c) => means[c]!);
  let wcss = 0;
  data.forEach((row, i) => {
    const centroid = newCentroids[labels[i]!]!;
    for (let j = 0; j < d; j++) wcss += (row[j]! - centroid[j]!) ** 2;
  });
  return { labels, centroids: newCentroids, sizes: order.map((c) => sizes[c]!), wcss };
}

export async function computeClusters(input: ComputeInput, step: Step = async () => {}): Promise<{ result: ClusterResult; labels: Map<number, number[]> }> {
  const { rows, spec, seed } = input;
  const n = rows.length;
  const kMin = input.kMin;
  const kMax = Math.min(input.kMax, n - 1);
  if (kMax < kMin) throw new Error(`Too few customers (${n}) for k = ${kMin}`);
  await step(12, "Standardising the features");
  const matrix = buildFeatureMatrix(rows, spec);
  const { data, scaler } = standardise(matrix.data);
  const numericCols = matrix.columns.flatMap((c, j) => (c.kind === "numeric" ? [j] : []));
  const numericKeys = numericCols.map((j) => matrix.columns[j]!.key);

  // The raw (non-imputed) numeric values, per feature, for the percentile ranges and the scatter.
  const rawValues = numericKeys.map((key) =>
    rows.map((r) => {
      const v = r[key];
      return typeof v === "number" && Number.isFinite(v) ? v : null;
    }),
  );

  // Each feature's customers with a value, in increasing order of it (for the percentile ranges).
  const sortedOrder = rawValues.map((col) => {
    const present: number[] = [];
    col.forEach((v, i) => {
      if (v !== null) present.push(i);
    });
    return Int32Array.from(present).sort((p, q) => col[p]! - col[q]! || p - q);
  });

  const fitIdx = n > FIT_SAMPLE ? sampleIndices(seededRng(seed), n, FIT_SAMPLE).sort((p, q) => p - q) : data.map((_, i) => i);
  const fitData = fitIdx.map((i) => data[i]!);
  const scatterIdx = n > SCATTER_SAMPLE ? sampleIndices(seededRng(seed + 7), n, SCATTER_SAMPLE).sort((p, q) => p - q) : data.map((_, i) => i);
  const scatterData = scatterIdx.map((i) => data[i]!);
  // Silhouettes on a fixed sample of at most 2,000 points, the same for every k.
  const silIdx = n > 2000 ? sampleIndices(seededRng(seed + 13), n, 2000).sort((p, q) => p - q) : data.map((_, i) => i);
  const silData = silIdx.map((i) => data[i]!);

  // PCA on the scatter sample; centroids are projected with the same means and loadings.
  const projection = pca2d(scatterData);
  const pcaMeans = new Array<number>(data[0]?.length ?? 0).fill(0);
  for (const row of scatterData) row.forEach((v, j) => (pcaMeans[j]! += v / scatterData.length));
  const project = (z: readonly number[]): [number, number] => {
    let x = 0;
    let y = 0;
    z.forEach((v, j) => {
      x += (v - pcaMeans[j]!) * projection.loadings[0][j]!;
      y += (v - pcaMeans[j]!) * projection.loadings[1][j]!;
    });
    return [sig(x), sig(y)];
  };

  const results: KResult[] = [];
  const labels = new Map<number, number[]>();
  const scatterLabels: number[][] = [];
  for (let k = kMin; k <= kMax; k++) {
    await step(15 + Math.round((70 * (k - kMin)) / (kMax - kMin + 1)), `Fitting k = ${k} of ${kMin}–${kMax}`);
    const fit = kmeansSeeded(fitData, k, { seed, restarts: RESTARTS, maxIterations: MAX_ITERATIONS });
    const all = assignAll(data, fit.centroids);
    const kk = all.centroids.length;
    const sil = silhouette(silData, silIdx.map((i) => all.labels[i]!), { sampleSize: 2000, seed });
    const profiles = clusterProfiles(matrix, all.labels, kk);
    // Percentile ranges of each numeric feature per cluster (raw values, missing ones left out):
    // walking the customers in the feature's sorted order fills each cluster's values already sorted.
    const ranges: FeatureRange[][] = Array.from({ length: kk }, () => []);
    numericKeys.forEach((key, f) => {
      const order = sortedOrder[f]!;
      const values = rawValues[f]!;
      const counts = new Array<number>(kk).fill(0);
      for (const i of order) counts[all.labels[i]!]! += 1;
      const perCluster = counts.map((n) => new Float64Array(n));
      const filled = new Array<number>(kk).fill(0);
      for (const i of order) {
        const c = all.labels[i]!;
        perCluster[c]![filled[c]!++] = values[i]!;
      }
      perCluster.forEach((sorted, c) => {
        ranges[c]!.push({ key, low: round(quantileSorted(sorted, 0.1)), high: round(quantileSorted(sorted, 0.9)), known: sorted.length });
      });
    });
    labels.set(k, all.labels);
    scatterLabels.push(scatterIdx.map((i) => all.labels[i]!));
    results.push({
      k,
      wcss: round(all.wcss, 3),
      silhouette: sil.mean === null ? null : round(sil.mean, 4),
      sizes: all.sizes,
      centroids: all.centroids.map((c) => toOriginalUnits(c, scaler).map((v) => round(v))),
      centroidsPca: all.centroids.map(project),
      clusters: profiles.map(({ centroid: _centroid, ...p }, c) => ({
        ...p,
        share: round(p.share),
        numeric: p.numeric.map((x) => ({ ...x, mean: round(x.mean), baseMean: round(x.baseMean), difference: round(x.difference), standardisedDifference: round(x.standardisedDifference, 4) })),
        categorical: p.categorical.map((x) => ({ ...x, top: x.top.map((t) => ({ ...t, share: round(t.share, 4), baseShare: round(t.baseShare, 4) })) })),
        ranges: ranges[c]!,
        silhouette: sil.perCluster[c] === null || sil.perCluster[c] === undefined ? null : round(sil.perCluster[c]!, 4),
      })),
    });
  }
  const bestK = results.reduce((best, r) => ((r.silhouette ?? -2) > (best.silhouette ?? -2) ? r : best), results[0]!).k;

  return {
    labels,
    result: {
      version: 1,
      customers: n,
      columns: matrix.columns.map((c) => (c.kind === "numeric" ? { key: c.key, label: c.label, kind: "numeric" as const } : { key: c.key, label: c.label, kind: "category" as const, level: c.level })),
      numeric: numericCols.map((j) => ({ key: matrix.columns[j]!.key, label: matrix.columns[j]!.label })),
      imputed: matrix.imputed,
      kMin,
      kMax,
      bestK,
      silhouetteSample: silIdx.length,
      fitSample: fitIdx.length,
      results,
      scatter: {
        explained: [round(projection.explained[0], 4), round(projection.explained[1], 4)],
        loadings: [numericCols.map((j) => round(projection.loadings[0][j]!, 4)), numericCols.map((j) => round(projection.loadings[1][j]!, 4))],
        pca: scatterIdx.map((_, r) => projection.points[r]!.map(sig) as [number, number]),
        values: scatterIdx.map((i) => rawValues.map((col) => (col[i] === null ? null : sig(col[i]!)))),
        labels: scatterLabels,
      },
    },
  };
}
