/**
 * Customer clustering over a feature matrix (lib/analytics/features.ts): seeded
 * k-means++ with restarts (ml-kmeans), the elbow (within-cluster sum of squares for k = 2…10) and
 * silhouette scores to choose k, a 2-D PCA projection (ml-pca) for the scatter, and per-cluster
 * profiles in original units with a suggested name. Pure functions; docs/insights.md describes the
 * methods and their choices.
 */
import { kmeans } from "ml-kmeans";
import { PCA } from "ml-pca";
import { buildFeatureMatrix, fitScaler, MISSING_LEVEL, OTHER_LEVEL, standardise, toOriginalUnits, type FeatureMatrix, type FeatureSpec, type Scaler } from "@/lib/analytics/features";
import { sampleIndices, seededRng } from "@/lib/analytics/random";

// ── k-means ───────────────────────────────────────────────────────────────────────────────────

export type KMeansOptions = { seed?: number; restarts?: number; maxIterations?: number };

export type KMeansFit = {
  k: number;
  /** Cluster of each row, 0…k−1, numbered by decreasing size (ties by first centroid coordinate). */
  labels: number[];
  centroids: number[][];
  sizes: number[];
  /** Within-cluster sum of squared Euclidean distances to the centroids. */
  wcss: number;
};

function squaredDistance(p: readonly number[], q: readonly number[]): number {
  let s = 0;
  for (let j = 0; j < p.length; j++) {
    const d = p[j]! - q[j]!;
    s += d * d;
  }
  return s;
}

/** Centroids (means), sizes and WCSS of a labelling. */
function summarise(data: readonly number[][], labels: readonly number[], k: number): { centroids: number[][]; sizes: number[]; wcss: number } {
  const d = data[0]?.length ?? 0;
  const centroids = Array.from({ length: k }, () => new Array<number>(d).fill(0));
  const sizes = new Array<number>(k).fill(0);
  data.forEach((row, i) => {
    const c = labels[i]!;
    sizes[c]! += 1;
    for (let j = 0; j < d; j++) centroids[c]![j]! += row[j]!;
  });
  centroids.forEach((c, i) => c.forEach((_, j) => (c[j] = sizes[i] ? c[j]! / sizes[i]! : Number.NaN)));
  let wcss = 0;
  data.forEach((row, i) => (wcss += squaredDistance(row, centroids[labels[i]!]!)));
  return { centroids, sizes, wcss };
}

/**
 * k-means++ seeding (Arthur & Vassilvitskii 2007) in its greedy form (as scikit-learn): the first
 * centre is a random row; each next one is the best, by the resulting sum of squared distances, of
 * 2 + ⌊ln k⌋ rows drawn with probability proportional to their squared distance to the nearest
 * centre so far. On flat typed arrays: ml-kmeans's own k-means++ goes through ml-matrix and takes
 * about a second on 100,000 rows, where this takes a few milliseconds.
 */
export function kmeansPlusPlus(data: readonly number[][], k: number, seed: number): number[][] {
  const n = data.length;
  const d = data[0]?.length ?? 0;
  const flat = new Float64Array(n * d);
  data.forEach((row, i) => flat.set(row, i * d));
  const rng = seededRng(seed);
  const trials = 2 + Math.floor(Math.log(k));
  const distTo = (c: number, out: Float64Array, current?: Float64Array) => {
    let pot = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const diff = flat[i * d + j]! - flat[c * d + j]!;
        s += diff * diff;
      }
      const v = current ? Math.min(current[i]!, s) : s;
      out[i] = v;
      pot += v;
    }
    return pot;
  };
  const chosen = [Math.floor(rng() * n)];
  let closest = new Float64Array(n);
  let potential = distTo(chosen[0]!, closest);
  let candidate = new Float64Array(n);
  let bestCandidate = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let bestIndex = -1;
    let bestPotential = Infinity;
    for (let t = 0; t < trials; t++) {
      // A row drawn with probability ∝ its squared distance (uniformly when every row is a centre).
      let target = rng() * potential;
      let pick = n - 1;
      if (potential > 0) {
        for (let i = 0; i < n; i++) {
          target -= closest[i]!;
          if (target < 0) {
            pick = i;
            break;
          }
        }
      } else pick = Math.floor(rng() * n);
      const pot = distTo(pick, candidate, closest);
      if (pot < bestPotential) {
        bestPotential = pot;
        bestIndex = pick;
        [bestCandidate, candidate] = [candidate, bestCandidate];
      }
    }
    chosen.push(bestIndex);
    [closest, bestCandidate] = [bestCandidate, closest];
    potential = bestPotential;
  }
  return chosen.map((i) => Array.from(data[i]!));
}

/**
 * k-means: k-means++ seeding (`kmeansPlusPlus`, seeds seed, seed+1, … for `restarts` runs), then
 * Lloyd's iterations (ml-kmeans) to convergence; the restart with the lowest WCSS wins (a restart
 * that leaves a cluster empty is discarded). Deterministic for a given seed. Clusters are
 * renumbered by decreasing size.
 */
export function kmeansSeeded(data: readonly number[][], k: number, options: KMeansOptions = {}): KMeansFit {
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a whole number ≥ 1 (got ${k})`);
  if (data.length < k) throw new Error(`k-means needs at least k = ${k} rows (got ${data.length})`);
  const seed = options.seed ?? 1;
  const restarts = Math.max(1, options.restarts ?? 5);
  const rows = data as number[][];
  let best: { labels: number[]; centroids: number[][]; sizes: number[]; wcss: number } | null = null;
  for (let i = 0; i < restarts; i++) {
    const result = kmeans(rows, k, { initialization: kmeansPlusPlus(rows, k, seed + i), maxIterations: options.maxIterations ?? 300 });
    const s = summarise(rows, result.clusters, k);
    if (s.sizes.some((n) => n === 0)) continue;
    if (!best || s.wcss < best.wcss) best = { labels: result.clusters, ...s };
  }
  if (!best) throw new Error(`k-means left a cluster empty in every restart: the data have fewer than ${k} distinct points`);
  // Renumber by decreasing size, then by the first coordinate of the centroid.
  const order = best.sizes.map((_, c) => c).sort((p, q) => best.sizes[q]! - best.sizes[p]! || best.centroids[p]![0]! - best.centroids[q]![0]!);
  const rank = new Array<number>(k);
  order.forEach((c, r) => (rank[c] = r));
  return {
    k,
    labels: best.labels.map((c) => rank[c]!),
    centroids: order.map((c) => best.centroids[c]!),
    sizes: order.map((c) => best.sizes[c]!),
    wcss: best.wcss,
  };
}

// ── Silhouette ────────────────────────────────────────────────────────────────────────────────

export type Silhouette = {
  /** Mean silhouette over the points scored (null with fewer than two clusters among them). */
  mean: number | null;
  /** Mean silhouette per cluster (null for a cluster with no scored point). */
  perCluster: (number | null)[];
  /** Points scored: all of them, or the seeded sample. */
  scored: number;
  sampled: boolean;
};

export const SILHOUETTE_SAMPLE = 2000;

/**
 * The silhouette (Rousseeuw 1987) with Euclidean distances: for a point, a = mean distance to the
 * other points of its cluster, b = the lowest mean distance to the points of another cluster,
 * s = (b − a) / max(a, b); a point alone in its cluster scores 0. Exact (all pairs) for up to
 * `sampleSize` points (default 2,000); above that, computed on a seeded random sample of
 * `sampleSize` points, distances taken within the sample (as scikit-learn's `sample_size`).
 */
export function silhouette(data: readonly number[][], labels: readonly number[], options: { sampleSize?: number; seed?: number } = {}): Silhouette {
  const sampleSize = options.sampleSize ?? SILHOUETTE_SAMPLE;
  const sampled = data.length > sampleSize;
  const idx = sampled ? sampleIndices(seededRng(options.seed ?? 1), data.length, sampleSize).sort((p, q) => p - q) : data.map((_, i) => i);
  const k = labels.reduce((m, c) => Math.max(m, c + 1), 0);
  const m = idx.length;
  const d = data[0]?.length ?? 0;
  // The scored points on a flat array, with their clusters.
  const flat = new Float64Array(m * d);
  const lab = new Int32Array(m);
  idx.forEach((i, r) => {
    flat.set(data[i]!, r * d);
    lab[r] = labels[i]!;
  });
  const counts = new Array<number>(k).fill(0);
  for (const c of lab) counts[c]! += 1;
  const sums = new Float64Array(k);
  const perClusterSum = new Array<number>(k).fill(0);
  let total = 0;
  const populated = counts.filter((n) => n > 0).length;
  for (let r = 0; r < m; r++) {
    sums.fill(0);
    for (let q = 0; q < m; q++) {
      if (q === r) continue;
      let s2 = 0;
      for (let j = 0; j < d; j++) {
        const diff = flat[r * d + j]! - flat[q * d + j]!;
        s2 += diff * diff;
      }
      sums[lab[q]!]! += Math.sqrt(s2);
    }
    const own = lab[r]!;
    let s = 0;
    if (counts[own]! > 1 && populated > 1) {
      const a = sums[own]! / (counts[own]! - 1);
      let b = Infinity;
      for (let c = 0; c < k; c++) if (c !== own && counts[c]! > 0) b = Math.min(b, sums[c]! / counts[c]!);
      const top = Math.max(a, b);
      s = top > 0 ? (b - a) / top : 0;
    }
    total += s;
    perClusterSum[own]! += s;
  }
  return {
    mean: populated > 1 && m ? total / m : null,
    perCluster: counts.map((n, c) => (n ? perClusterSum[c]! / n : null)),
    scored: idx.length,
    sampled,
  };
}

// ── Elbow ─────────────────────────────────────────────────────────────────────────────────────

export type ElbowPoint = { k: number; wcss: number; silhouette: number | null };

/** Rows the elbow fits on, at most (a seeded sample above that). */
export const ELBOW_SAMPLE = 20_000;

/**
 * WCSS and silhouette for each k in [kMin, kMax] (default 2…10, capped at the number of rows),
 * each k fitted with `kmeansSeeded` (default 3 restarts), for the elbow chart and to choose k.
 * Above `fitSample` rows (default 20,000) the fits run on a seeded random sample of that size and
 * the WCSS is scaled up by rows / sample, an estimate for the whole population: the elbow's shape
 * is what matters, and it keeps 100,000 customers to a few seconds.
 */
export function elbow(data: readonly number[][], options: KMeansOptions & { kMin?: number; kMax?: number; sampleSize?: number; fitSample?: number } = {}): ElbowPoint[] {
  const fitSample = options.fitSample ?? ELBOW_SAMPLE;
  const rows = data.length > fitSample ? sampleIndices(seededRng(options.seed ?? 1), data.length, fitSample).sort((p, q) => p - q).map((i) => data[i]!) : data;
  const scale = data.length / rows.length;
  const kMin = Math.max(2, options.kMin ?? 2);
  const kMax = Math.min(options.kMax ?? 10, rows.length);
  const points: ElbowPoint[] = [];
  for (let k = kMin; k <= kMax; k++) {
    const fit = kmeansSeeded(rows, k, { restarts: 3, ...options });
    points.push({ k, wcss: fit.wcss * scale, silhouette: silhouette(rows, fit.labels, { sampleSize: options.sampleSize, seed: options.seed }).mean });
  }
  return points;
}

// ── PCA ───────────────────────────────────────────────────────────────────────────────────────

export type Projection = {
  /** Each row's coordinates on the first two principal components. */
  points: [number, number][];
  /** Share of the total variance each of the two components explains. */
  explained: [number, number];
  /** Each column's weight in the two components (the eigenvectors). */
  loadings: [number[], number[]];
};

/**
 * The first two principal components of (already standardised) data, from the eigenvectors of the
 * covariance matrix (ml-pca). Each component's sign is fixed so that its largest loading is
 * positive, so the picture does not flip between runs.
 */
export function pca2d(data: readonly number[][]): Projection {
  const d = data[0]?.length ?? 0;
  if (d < 2) throw new Error("A 2-D projection needs at least two features");
  const pca = new PCA(data as number[][], { method: "covarianceMatrix", center: true, scale: false });
  const vectors = pca.getEigenvectors();
  const explainedAll = pca.getExplainedVariance();
  const loadings = [0, 1].map((c) => {
    const v = vectors.getColumn(c);
    const big = v.reduce((m, x) => (Math.abs(x) > Math.abs(m) ? x : m), 0);
    return big < 0 ? v.map((x) => -x) : v;
  }) as [number[], number[]];
  const means = new Array<number>(d).fill(0);
  for (const row of data) for (let j = 0; j < d; j++) means[j]! += row[j]! / data.length;
  const points = data.map((row): [number, number] => {
    let x = 0;
    let y = 0;
    for (let j = 0; j < d; j++) {
      const c = row[j]! - means[j]!;
      x += c * loadings[0][j]!;
      y += c * loadings[1][j]!;
    }
    return [x, y];
  });
  return { points, explained: [explainedAll[0] ?? 0, explainedAll[1] ?? 0], loadings };
}

// ── Profiles ──────────────────────────────────────────────────────────────────────────────────

export type NumericProfile = {
  key: string;
  label: string;
  mean: number;
  baseMean: number;
  /** mean − baseMean, in original units and in standard deviations of the whole population. */
  difference: number;
  standardisedDifference: number;
};
export type CategoryProfile = {
  key: string;
  label: string;
  /** The cluster's most frequent levels (up to 3) with their share in it and in the whole population. */
  top: { level: string; share: number; baseShare: number }[];
};
export type ClusterProfile = {
  cluster: number;
  size: number;
  share: number;
  /** The centroid in original units (numeric columns; one-hot columns as shares). */
  centroid: number[];
  numeric: NumericProfile[];
  categorical: CategoryProfile[];
  name: string;
};

/** A descriptor is used in a name when at least this many standard deviations from the average. */
const NAME_THRESHOLD = 0.5;

/**
 * Per cluster: size, share, means in original units against the whole population's (difference
 * and standardised difference), the top categorical levels with their share against the base
 * share, and a suggested name from the (up to) two most distinctive features: numeric columns at
 * least 0.5 sd from the average ("High spend", or the feature's own words), a level held by at
 * least 60% of the cluster and 20 points more than the base ("Mostly web"); "Typical" otherwise.
 * Names repeated across clusters get a number.
 */
export function clusterProfiles(matrix: FeatureMatrix, labels: readonly number[], k: number): ClusterProfile[] {
  const n = matrix.data.length;
  const { means: baseMeans, sds } = fitScaler(matrix.data);
  const { centroids, sizes } = summarise(matrix.data, labels, k);
  const profiles = centroids.map((centroid, cluster): ClusterProfile & { candidates: { score: number; word: string }[] } => {
    const numeric: NumericProfile[] = [];
    const categorical = new Map<string, CategoryProfile>();
    const candidates: { score: number; word: string }[] = [];
    matrix.columns.forEach((col, j) => {
      const mean = centroid[j]!;
      const baseMean = baseMeans[j]!;
      if (col.kind === "numeric") {
        const z = (mean - baseMean) / sds[j]!;
        numeric.push({ key: col.key, label: col.label, mean, baseMean, difference: mean - baseMean, standardisedDifference: z });
        if (Math.abs(z) >= NAME_THRESHOLD) candidates.push({ score: Math.abs(z), word: z > 0 ? col.high : col.low });
      } else {
        const profile = categorical.get(col.key) ?? { key: col.key, label: col.label, top: [] };
        categorical.set(col.key, profile);
        profile.top.push({ level: col.level, share: mean, baseShare: baseMean });
        if (mean >= 0.6 && mean - baseMean >= 0.2 && col.level !== MISSING_LEVEL && col.level !== OTHER_LEVEL)
          candidates.push({ score: (mean - baseMean) / Math.sqrt(Math.max(baseMean * (1 - baseMean), 1e-9)), word: `Mostly ${col.level}` });
      }
    });
    for (const p of categorical.values()) p.top = p.top.sort((a, b) => b.share - a.share).slice(0, 3);
    const name = candidates.sort((a, b) => b.score - a.score).slice(0, 2).map((c) => c.word).join(" · ") || "Typical";
    return { cluster, size: sizes[cluster]!, share: n ? sizes[cluster]! / n : 0, centroid, numeric, categorical: [...categorical.values()], name, candidates };
  });
  const seen = new Map<string, number>();
  return profiles.map(({ candidates: _candidates, ...p }) => {
    const count = (seen.get(p.name) ?? 0) + 1;
    seen.set(p.name, count);
    return count > 1 ? { ...p, name: `${p.name} ${count}` } : p;
  });
}

// ── All together ──────────────────────────────────────────────────────────────────────────────

export type Clustering = {
  matrix: FeatureMatrix;
  scaler: Scaler;
  fit: KMeansFit;
  /** Centroids in original units. */
  centroids: number[][];
  profiles: ClusterProfile[];
  silhouette: Silhouette;
};

/** Matrix → standardise → k-means → centroids in original units, profiles and silhouette. */
export function clusterRows(rows: readonly Record<string, unknown>[], spec: FeatureSpec, k: number, options: KMeansOptions = {}): Clustering {
  const matrix = buildFeatureMatrix(rows, spec);
  const { data, scaler } = standardise(matrix.data);
  const fit = kmeansSeeded(data, k, options);
  return {
    matrix,
    scaler,
    fit,
    centroids: fit.centroids.map((c) => toOriginalUnits(c, scaler)),
    profiles: clusterProfiles(matrix, fit.labels, k),
    silhouette: silhouette(data, fit.labels, { seed: options.seed }),
  };
}
