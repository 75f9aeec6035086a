/**
 * Scoring candidate segments for a targeting strategy (pure). Three factors, each 0–1:
 *
 * - attractiveness: size, growth (from the size history) and share of revenue;
 * - profitability: value per customer (average lifetime value × margin − cost to serve) and average
 *   order value;
 * - compatibility: the team's 1–5 ratings, averaged, as (mean − 1) / 4 (0.5 when nobody rated).
 *
 * Every input is normalised min–max across the candidates (all equal → 0.5; a missing growth is
 * left out of its factor's mean). The score is the weighted sum, 0–100. The zone is the 3×3
 * attractiveness × profitability matrix: invest (both high, or one high and one medium), selective
 * (the diagonal) and avoid (the rest).
 */
import type { StrategyTypeKey, Weights } from "@/lib/validations/strategy";

export type Candidate = {
  segmentId: string;
  name: string;
  size: number;
  /** Size some weeks ago (from the size history); null when unknown. */
  sizeThen: number | null;
  revenue: number;
  orders: number;
  /** Entered by the team on the strategy (null: 100 % margin, no cost). */
  marginPercent: number | null;
  costToServe: number | null;
  ratings: { userId: string; score: number }[];
};

export type Zone = "invest" | "selective" | "avoid";

export type Scored = Candidate & {
  growth: number | null;
  revenueShare: number;
  averageClv: number;
  valuePerCustomer: number;
  averageOrderValue: number;
  compatibilityMean: number | null;
  /** max − min of the ratings (0 with one rating; null with none). */
  ratingSpread: number | null;
  attractiveness: number;
  profitability: number;
  compatibility: number;
  score: number;
  zone: Zone;
  rank: number;
};

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Min–max to 0–1 over the non-null values; all equal → 0.5; null stays null. */
export function normalise(values: (number | null)[]): (number | null)[] {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return values.map(() => null);
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  return values.map((v) => (v === null || !Number.isFinite(v) ? null : hi === lo ? 0.5 : (v - lo) / (hi - lo)));
}

const band = (x: number) => (x >= 2 / 3 ? 2 : x >= 1 / 3 ? 1 : 0);

/** The attractiveness × profitability matrix: invest / selective / avoid. */
export function zoneOf(attractiveness: number, profitability: number): Zone {
  const sum = band(attractiveness) + band(profitability);
  return sum >= 3 ? "invest" : sum === 2 ? "selective" : "avoid";
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

export function scoreCandidates(candidates: Candidate[], weights: Weights): Scored[] {
  const facts = candidates.map((c) => {
    const averageClv = c.size > 0 ? c.revenue / c.size : 0;
    const margin = c.marginPercent === null ? 1 : c.marginPercent / 100;
    const ratings = c.ratings.map((r) => r.score);
    return {
      growth: c.sizeThen !== null && c.sizeThen > 0 ? (c.size - c.sizeThen) / c.sizeThen : null,
      averageClv,
      valuePerCustomer: averageClv * margin - (c.costToServe ?? 0),
      averageOrderValue: c.orders > 0 ? c.revenue / c.orders : 0,
      compatibilityMean: ratings.length ? mean(ratings) : null,
      ratingSpread: ratings.length ? Math.max(...ratings) - Math.min(...ratings) : null,
    };
  });
  const revenueAll = candidates.reduce((s, c) => s + c.revenue, 0);
  const size = normalise(candidates.map((c) => c.size));
  const growth = normalise(facts.map((f) => f.growth));
  const share = normalise(candidates.map((c) => (revenueAll > 0 ? c.revenue / revenueAll : 0)));
  const value = normalise(facts.map((f) => f.valuePerCustomer));
  const aov = normalise(facts.map((f) => f.averageOrderValue));
  const scored = candidates.map((c, i) => {
    const f = facts[i]!;
    const attractiveness = mean([size[i], growth[i], share[i]].filter((v): v is number => v !== null));
    const profitability = mean([value[i], aov[i]].filter((v): v is number => v !== null));
    const compatibility = f.compatibilityMean === null ? 0.5 : (f.compatibilityMean - 1) / 4;
    const score = (weights.attractiveness * attractiveness + weights.profitability * profitability + weights.compatibility * compatibility) / 100;
    return {
      ...c,
      ...f,
      revenueShare: revenueAll > 0 ? c.revenue / revenueAll : 0,
      attractiveness: round(attractiveness),
      profitability: round(profitability),
      compatibility: round(compatibility),
      score: round(score * 100, 1),
      zone: zoneOf(attractiveness, profitability),
      rank: 0,
    };
  });
  // Ranked by score; ties by size, then name, so the order never depends on the input's.
  const order = [...scored].sort((a, b) => b.score - a.score || b.size - a.size || a.name.localeCompare(b.name) || a.segmentId.localeCompare(b.segmentId));
  order.forEach((s, i) => (s.rank = i + 1));
  return order;
}

export type Recommendation = { segmentIds: string[]; reasons: string[] };

/**
 * Which candidates fit the chosen type, with reasons. `overlap(a, b)`: customers in both.
 * - concentrated: the top one, and the second when within 10 points and overlapping it by < 30 %;
 * - differentiated: every candidate scoring ≥ `threshold` outside the avoid zone, skipping one that
 *   shares more than half its customers with a better one already chosen;
 * - customized: the best-scoring small segments (≤ 5 % of the base), up to three;
 * - undifferentiated: none (it targets everyone).
 */
export function recommend(type: StrategyTypeKey, ranked: Scored[], overlap: (a: string, b: string) => number, base: number, threshold = 50): Recommendation {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  if (type === "UNDIFFERENTIATED") return { segmentIds: [], reasons: ["An undifferentiated strategy targets every customer with one offer: no segment to choose."] };
  if (ranked.length === 0) return { segmentIds: [], reasons: ["There are no segments to score yet."] };
  if (type === "CONCENTRATED") {
    const [first, second] = ranked;
    const ids = [first!.segmentId];
    const reasons = [`${first!.name}: the highest score (${first!.score}), ${first!.zone} zone.`];
    if (second && first!.score - second.score <= 10 && second.size > 0 && overlap(first!.segmentId, second.segmentId) / second.size < 0.3) {
      ids.push(second.segmentId);
      reasons.push(`${second.name}: within 10 points (${second.score}) and overlapping the first by ${pct(overlap(first!.segmentId, second.segmentId) / second.size)}.`);
    }
    return { segmentIds: ids, reasons };
  }
  if (type === "CUSTOMIZED") {
    const small = ranked.filter((s) => s.size > 0 && base > 0 && s.size / base <= 0.05).slice(0, 3);
    if (small.length === 0) return { segmentIds: [], reasons: ["No segment is small enough (≤ 5 % of customers) for per-customer offers: build a micro-segment or a hand-picked list."] };
    return { segmentIds: small.map((s) => s.segmentId), reasons: small.map((s) => `${s.name}: ${s.size.toLocaleString("en-US")} customers (${pct(s.size / base)} of the base), score ${s.score}.`) };
  }
  const chosen: Scored[] = [];
  const reasons: string[] = [];
  for (const s of ranked) {
    if (s.score < threshold || s.zone === "avoid") continue;
    const clash = chosen.find((c) => s.size > 0 && overlap(c.segmentId, s.segmentId) / s.size > 0.5);
    if (clash) {
      reasons.push(`${s.name} left out: ${pct(overlap(clash.segmentId, s.segmentId) / s.size)} of it is already in ${clash.name}.`);
      continue;
    }
    chosen.push(s);
    reasons.push(`${s.name}: score ${s.score}, ${s.zone} zone.`);
  }
  if (chosen.length < 2) reasons.push(`Fewer than two segments score ${threshold} or more outside the avoid zone: consider a concentrated strategy, or lower the threshold.`);
  return { segmentIds: chosen.map((c) => c.segmentId), reasons };
}
