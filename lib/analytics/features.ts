/**
 * The feature matrix clustering works on: chosen numeric columns (missing values imputed by the
 * column's median) and optional one-hot categorical ones, and z-score standardisation whose means
 * and standard deviations map centroids back to original units. Pure functions.
 */

export type NumericFeature = {
  key: string;
  label?: string;
  /** Words for a cluster well above / below the average (default "High <label>" / "Low <label>"). */
  high?: string;
  low?: string;
};
export type CategoricalFeature = {
  key: string;
  label?: string;
  /** Most frequent levels kept as their own column; the rest become "Other" (default 8). */
  maxLevels?: number;
};
export type FeatureSpec = { numeric: NumericFeature[]; categorical?: CategoricalFeature[] };

export type FeatureColumn =
  | { kind: "numeric"; key: string; label: string; high: string; low: string }
  | { kind: "category"; key: string; label: string; level: string };

export type FeatureMatrix = {
  columns: FeatureColumn[];
  /** One row per input row, one value per column, in original units (one-hot columns are 0/1). */
  data: number[][];
  /** The median each numeric column's missing values were replaced by, and how many were. */
  imputed: Record<string, { median: number; missing: number }>;
};

/** Missing categorical values form their own level. */
export const MISSING_LEVEL = "Unknown";
export const OTHER_LEVEL = "Other";

function toNumber(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  if (typeof v === "bigint") return Number(v);
  return null;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Builds the matrix: numeric columns as they are, a missing (or non-numeric) value replaced by the
 * column's median (0 when the column has no value at all); categorical columns one-hot encoded,
 * one 0/1 column per level among the `maxLevels` most frequent (ties by name), the rest as
 * "Other", a missing value as "Unknown".
 */
export function buildFeatureMatrix(rows: readonly Record<string, unknown>[], spec: FeatureSpec): FeatureMatrix {
  const columns: FeatureColumn[] = [];
  const imputed: FeatureMatrix["imputed"] = {};
  const numericValues = spec.numeric.map((f) => {
    const raw = rows.map((r) => toNumber(r[f.key]));
    const present = raw.filter((v): v is number => v !== null);
    const med = median(present);
    imputed[f.key] = { median: med, missing: raw.length - present.length };
    const label = f.label ?? f.key;
    columns.push({ kind: "numeric", key: f.key, label, high: f.high ?? `High ${label.toLowerCase()}`, low: f.low ?? `Low ${label.toLowerCase()}` });
    return raw.map((v) => v ?? med);
  });
  const categoricalValues = (spec.categorical ?? []).map((f) => {
    const values = rows.map((r) => {
      const v = r[f.key];
      return v === null || v === undefined || v === "" ? MISSING_LEVEL : String(v);
    });
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    const ranked = [...counts.entries()].sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1)).map(([v]) => v);
    const max = f.maxLevels ?? 8;
    const kept = ranked.length > max ? ranked.slice(0, max - 1) : ranked;
    const levels = ranked.length > max ? [...kept, OTHER_LEVEL] : kept;
    const keptSet = new Set(kept);
    for (const level of levels) columns.push({ kind: "category", key: f.key, label: f.label ?? f.key, level });
    return { levels, values: values.map((v) => (keptSet.has(v) ? v : OTHER_LEVEL)) };
  });
  const data = rows.map((_, i) => {
    const row: number[] = numericValues.map((col) => col[i]!);
    for (const c of categoricalValues) for (const level of c.levels) row.push(c.values[i] === level ? 1 : 0);
    return row;
  });
  return { columns, data, imputed };
}

// ── Standardisation ───────────────────────────────────────────────────────────────────────────

export type Scaler = { means: number[]; sds: number[] };

/** Column means and (population) standard deviations; a constant column gets sd 1. */
export function fitScaler(data: readonly number[][]): Scaler {
  const n = data.length;
  const d = data[0]?.length ?? 0;
  const means = new Array<number>(d).fill(0);
  const sds = new Array<number>(d).fill(0);
  for (const row of data) for (let j = 0; j < d; j++) means[j]! += row[j]!;
  for (let j = 0; j < d; j++) means[j] = n ? means[j]! / n : 0;
  for (const row of data) for (let j = 0; j < d; j++) sds[j]! += (row[j]! - means[j]!) ** 2;
  for (let j = 0; j < d; j++) {
    const sd = n ? Math.sqrt(sds[j]! / n) : 0;
    sds[j] = sd > 1e-12 ? sd : 1;
  }
  return { means, sds };
}

/** z-scores: (value − mean) / sd per column. */
export function standardise(data: readonly number[][], scaler: Scaler = fitScaler(data)): { data: number[][]; scaler: Scaler } {
  return { data: data.map((row) => row.map((v, j) => (v - scaler.means[j]!) / scaler.sds[j]!)), scaler };
}

/** A point in z-scores back in original units. */
export function toOriginalUnits(point: readonly number[], scaler: Scaler): number[] {
  return point.map((z, j) => z * scaler.sds[j]! + scaler.means[j]!);
}
