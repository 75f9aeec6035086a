/**
 * RFM scores and segments, computed identically by SQL and in memory.
 *
 * Only customers with at least one order are scored. Over the workspace's scored customers:
 * - recency R: `ntile(5)` ordered by the last order instant ascending (most recent → 5);
 * - frequency F: `ntile(5)` ordered by the number of orders ascending (most orders → 5);
 * - monetary M: `ntile(5)` ordered by total spend ascending (largest spend → 5);
 * ties are broken by customer id ascending, so scores are deterministic. `ntile` gives the first
 * (n mod 5) buckets one row more than the others, exactly as PostgreSQL does.
 *
 * The named segment is the first rule below that matches (every R/F pair matches one rule).
 */
import type { RfmSegmentName } from "@/lib/segments/definition";

export type RfmScores = { recency: number; frequency: number; monetary: number };

export type RfmRule = {
  segment: RfmSegmentName;
  label: string;
  r: [number, number];
  f: [number, number];
  m: [number, number];
};

export const RFM_RULES: readonly RfmRule[] = [
  { segment: "champions", label: "Champions", r: [4, 5], f: [4, 5], m: [4, 5] },
  { segment: "loyal", label: "Loyal", r: [3, 5], f: [4, 5], m: [1, 5] },
  { segment: "cant_lose_them", label: "Can't lose them", r: [1, 1], f: [4, 5], m: [1, 5] },
  { segment: "at_risk", label: "At risk", r: [1, 2], f: [3, 5], m: [1, 5] },
  { segment: "potential_loyalists", label: "Potential loyalists", r: [4, 5], f: [2, 3], m: [1, 5] },
  { segment: "new", label: "New", r: [5, 5], f: [1, 1], m: [1, 5] },
  { segment: "promising", label: "Promising", r: [4, 4], f: [1, 1], m: [1, 5] },
  { segment: "need_attention", label: "Need attention", r: [3, 3], f: [2, 3], m: [1, 5] },
  { segment: "about_to_sleep", label: "About to sleep", r: [3, 3], f: [1, 1], m: [1, 5] },
  { segment: "hibernating", label: "Hibernating", r: [2, 2], f: [1, 2], m: [1, 5] },
  { segment: "lost", label: "Lost", r: [1, 1], f: [1, 2], m: [1, 5] },
];

export const RFM_SEGMENT_LABELS: Record<RfmSegmentName, string> = Object.fromEntries(
  RFM_RULES.map((r) => [r.segment, r.label]),
) as Record<RfmSegmentName, string>;

const within = (v: number, [lo, hi]: [number, number]) => v >= lo && v <= hi;

export function rfmSegment(s: RfmScores): RfmSegmentName {
  const rule = RFM_RULES.find((r) => within(s.recency, r.r) && within(s.frequency, r.f) && within(s.monetary, r.m));
  // Unreachable for scores 1–5: the rules cover every R/F pair.
  return rule?.segment ?? "lost";
}

/** PostgreSQL's `ntile(k)` over `n` rows: the 1-based bucket of the row at 0-based position `i`. */
export function ntile(i: number, n: number, k = 5): number {
  const buckets = Math.min(k, n);
  const size = Math.floor(n / buckets);
  const extra = n % buckets;
  const big = extra * (size + 1);
  return i < big ? Math.floor(i / (size + 1)) + 1 : extra + Math.floor((i - big) / size) + 1;
}

export type RfmInput = {
  customerId: number;
  orderCount: number;
  /** Total spend in cents (an integer, so sums are exact). */
  totalCents: number;
  lastOrderAt: Date;
};

function scoreBy(rows: RfmInput[], cmp: (a: RfmInput, b: RfmInput) => number): Map<number, number> {
  const sorted = [...rows].sort((a, b) => cmp(a, b) || a.customerId - b.customerId);
  return new Map(sorted.map((r, i) => [r.customerId, ntile(i, sorted.length)]));
}

/** RFM scores of every customer with orders, as SQL computes them. */
export function computeRfmScores(rows: RfmInput[]): Map<number, RfmScores> {
  const r = scoreBy(rows, (a, b) => a.lastOrderAt.getTime() - b.lastOrderAt.getTime());
  const f = scoreBy(rows, (a, b) => a.orderCount - b.orderCount);
  const m = scoreBy(rows, (a, b) => a.totalCents - b.totalCents);
  return new Map(
    rows.map((row) => [
      row.customerId,
      { recency: r.get(row.customerId) ?? 1, frequency: f.get(row.customerId) ?? 1, monetary: m.get(row.customerId) ?? 1 },
    ]),
  );
}

/** Decimal text (`"12.30"`, `12.3`, Prisma Decimal) → integer cents. */
export function toCents(amount: { toString(): string } | number | string): number {
  const text = typeof amount === "number" ? amount.toFixed(2) : amount.toString();
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return Math.round(Number(text) * 100);
  const [, sign, whole = "", frac = ""] = m;
  const cents = Number(whole || "0") * 100 + Number((frac + "00").slice(0, 2));
  return sign === "-" ? -cents : cents;
}
