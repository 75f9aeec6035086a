/**
 * A persona's evidence, computed in SQL, equals an independent computation in JavaScript over the
 * same generated customers (NULL ages and incomes, ties in the top values, customers without
 * orders), for a persona grounded in its own rules and one grounded in a linked segment; drift is
 * flagged exactly past its thresholds.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DEFAULT_LIFECYCLE_THRESHOLDS, lifecycleCutoffs, lifecycleOrderInstants, lifecycleStage } from "@/lib/analytics/lifecycle";
import { orderSummary } from "@/lib/analytics/clv";
import { toCents } from "@/lib/analytics/money";
import { computeRfmScores, rfmInput, rfmSegment, RFM_SEGMENT_LABELS } from "@/lib/analytics/rfm";
import {
  compareEvidence,
  computeEvidence,
  personaDefinition,
  TOP_VALUES,
  type EvidenceSnapshot,
  type LiftRow,
  type PersonaEvidence,
} from "@/lib/personas/evidence";
import type { SegmentDefinition } from "@/lib/segments/definition";
import { loadEvaluationContext } from "@/lib/segments/evaluate";
import { createSegment } from "@/lib/segments/store";
import { blankCustomer, createTestWorkspace, insertPopulation, type PopulationMember } from "@/lib/segments/test-fixtures";

const NOW = new Date("2024-06-15T12:00:00.000Z");
const DAY = 86_400_000;

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTRIES = ["US", "DE", "FR", "GB", null];
const INDUSTRIES = ["Retail", "Software", "Health", null];
const CHANNELS = ["Ads", "Email", "Organic", "Referral", "Social", "Partner", null];
const CATEGORIES = ["Books", "Games", "Music", "Toys", "Tools", "Garden", null];

function population(n: number): PopulationMember[] {
  const r = rng(42);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const id = i + 1;
    // Some NULL birth dates and incomes; incomes drawn from a few values so medians tie.
    const birthDate = r() < 0.2 ? null : new Date(Date.UTC(1950 + Math.floor(r() * 55), Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
    const annualIncome = r() < 0.25 ? null : pick([30_000, 45_000, 45_000, 60_000, 82_500.5, 120_000]);
    const orderCount = r() < 0.3 ? 0 : 1 + Math.floor(r() * 4);
    const orders = Array.from({ length: orderCount }, () => ({
      orderedAt: new Date(NOW.getTime() - Math.floor(r() * 400) * DAY - 3_600_000),
      amount: (Math.floor(r() * 20_000) + 100) / 100,
      category: pick(CATEGORIES),
      channel: null,
    }));
    return {
      customer: blankCustomer(id, {
        country: pick(COUNTRIES),
        industry: pick(INDUSTRIES),
        acquisitionChannel: pick(CHANNELS),
        birthDate,
        annualIncome,
        firstSeenAt: r() < 0.5 ? null : new Date(NOW.getTime() - Math.floor(r() * 300) * DAY),
        createdAt: new Date(NOW.getTime() - Math.floor(r() * 500) * DAY),
      }),
      history: { orders, events: [] },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The independent computation

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return (s[Math.floor(mid)]! + s[Math.ceil(mid)]!) / 2;
}

function ageAt(birth: Date, now: Date): number {
  let years = now.getUTCFullYear() - birth.getUTCFullYear();
  const before = now.getUTCMonth() < birth.getUTCMonth() || (now.getUTCMonth() === birth.getUTCMonth() && now.getUTCDate() < birth.getUTCDate());
  if (before) years -= 1;
  return years;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function tops(members: PopulationMember[], all: PopulationMember[], valuesOf: (m: PopulationMember) => (string | null)[]): LiftRow[] {
  const count = (set: PopulationMember[]) => {
    const map = new Map<string, number>();
    for (const m of set) for (const v of new Set(valuesOf(m))) if (v !== null) map.set(v, (map.get(v) ?? 0) + 1);
    return map;
  };
  const p = count(members);
  const b = count(all);
  return [...p.entries()]
    .sort((x, y) => y[1] - x[1] || byText(x[0], y[0]))
    .slice(0, TOP_VALUES)
    .map(([value, n]) => {
      const share = n / members.length;
      const baseShare = b.get(value)! / all.length;
      return { value, count: n, share, baseCount: b.get(value)!, baseShare, lift: share / baseShare };
    });
}

function expected(all: PopulationMember[], isMember: (m: PopulationMember) => boolean) {
  const members = all.filter(isMember);
  const ages = (set: PopulationMember[]) => set.filter((m) => m.customer.birthDate).map((m) => ageAt(m.customer.birthDate!, NOW));
  const incomes = (set: PopulationMember[]) => set.filter((m) => m.customer.annualIncome !== null).map((m) => Number(m.customer.annualIncome));
  const cents = (set: PopulationMember[]) => set.reduce((s, m) => s + m.history.orders.reduce((t, o) => t + toCents(o.amount), 0), 0);
  const orders = (set: PopulationMember[]) => set.reduce((s, m) => s + m.history.orders.length, 0);
  const avg = (c: number, n: number) => (n > 0 ? Math.round(c / n) / 100 : null);

  const scores = computeRfmScores(
    all.map((m) => rfmInput(m.customer.id, orderSummary(m.history.orders))).filter((x): x is NonNullable<typeof x> => x !== null),
  );
  const mix = (keyOf: (m: PopulationMember) => string | null) => {
    const scored = all.filter((m) => keyOf(m) !== null);
    const inP = scored.filter(isMember);
    const keys = [...new Set(scored.map((m) => keyOf(m)!))];
    return new Map(
      keys.map((k) => {
        const n = inP.filter((m) => keyOf(m) === k).length;
        const b = scored.filter((m) => keyOf(m) === k).length;
        return [k, { count: n, baseCount: b, share: inP.length ? n / inP.length : 0, baseShare: b / scored.length }];
      }),
    );
  };
  const cutoffs = lifecycleCutoffs(NOW, DEFAULT_LIFECYCLE_THRESHOLDS);
  return {
    matching: members.length,
    base: all.length,
    medianAge: { persona: median(ages(members)), base: median(ages(all)) },
    medianIncome: { persona: median(incomes(members)), base: median(incomes(all)) },
    averageClv: { persona: avg(cents(members), members.length), base: avg(cents(all), all.length) },
    averageOrderValue: { persona: avg(cents(members), orders(members)), base: avg(cents(all), orders(all)) },
    countries: tops(members, all, (m) => [m.customer.country]),
    industries: tops(members, all, (m) => [m.customer.industry]),
    channels: tops(members, all, (m) => [m.customer.acquisitionChannel]),
    categories: tops(members, all, (m) => m.history.orders.map((o) => o.category)),
    rfm: mix((m) => {
      const s = scores.get(m.customer.id);
      return s ? rfmSegment(s) : null;
    }),
    lifecycle: mix((m) => {
      return lifecycleStage(
        {
          ...lifecycleOrderInstants(m.history.orders),
          firstSeenAt: m.customer.firstSeenAt,
          createdAt: m.customer.createdAt,
        },
        cutoffs,
      );
    }),
  };
}

function expectSame(actual: PersonaEvidence, want: ReturnType<typeof expected>) {
  expect(actual.matching).toBe(want.matching);
  expect(actual.base).toBe(want.base);
  expect(actual.share).toBeCloseTo(want.matching / want.base, 10);
  for (const key of ["medianAge", "medianIncome", "averageClv", "averageOrderValue"] as const) {
    expect(actual[key].persona, `${key} (persona)`).toBeCloseTo(want[key].persona!, 2);
    expect(actual[key].base, `${key} (base)`).toBeCloseTo(want[key].base!, 2);
  }
  for (const key of ["countries", "industries", "channels", "categories"] as const) {
    expect(actual[key].map((r) => [r.value, r.count, r.baseCount]), key).toEqual(want[key].map((r) => [r.value, r.count, r.baseCount]));
    actual[key].forEach((r, i) => {
      expect(r.share).toBeCloseTo(want[key][i]!.share, 10);
      expect(r.lift!).toBeCloseTo(want[key][i]!.lift!, 10);
    });
  }
  for (const key of ["rfm", "lifecycle"] as const) {
    const got = new Map(actual[key].map((r) => [r.key, r]));
    expect([...got.keys()].sort(), key).toEqual([...want[key].keys()].sort());
    for (const [k, w] of want[key]) {
      expect(got.get(k)!.count, `${key} ${k}`).toBe(w.count);
      expect(got.get(k)!.baseCount, `${key} ${k}`).toBe(w.baseCount);
      expect(got.get(k)!.share).toBeCloseTo(w.share, 10);
    }
  }
  for (const row of actual.rfm) expect(row.label).toBe(RFM_SEGMENT_LABELS[row.key as keyof typeof RFM_SEGMENT_LABELS]);
}

let ws = "";
const all = population(240);
const rules: SegmentDefinition = {
  version: 1,
  root: { type: "group", op: "and", children: [{ type: "field", field: "country", operator: "in", value: ["US", "DE"] }] },
};
const isUsOrDe = (m: PopulationMember) => m.customer.country === "US" || m.customer.country === "DE";

beforeAll(async () => {
  ws = await createTestWorkspace(db);
  await insertPopulation(db, ws, all);
});

async function evidenceOf(definition: SegmentDefinition) {
  return computeEvidence(db, ws, definition, await loadEvaluationContext(db, ws, { now: NOW }));
}

describe("computeEvidence", () => {
  it("a persona grounded in its own rules: every figure equals the computation in JavaScript", async () => {
    // The population has ties among the top values and NULLs in every dimension.
    expect(all.some((m) => m.customer.birthDate === null) && all.some((m) => m.customer.annualIncome === null)).toBe(true);
    const actual = await evidenceOf(personaDefinition({ definition: rules, segmentId: null })!);
    const want = expected(all, isUsOrDe);
    expect(want.matching).toBeGreaterThan(0);
    expect(want.matching).toBeLessThan(all.length);
    expectSame(actual, want);
    // Lift: the rules select US and DE, so the countries' lifts are above 1 and no other appears.
    expect(actual.countries.map((r) => r.value).sort()).toEqual(["DE", "US"]);
    for (const row of actual.countries) expect(row.lift!).toBeGreaterThan(1);
  });

  it("a persona grounded in a linked segment and its own rules: the intersection", async () => {
    const { segment } = await createSegment(db, ws, {
      name: "Has income",
      definition: { version: 1, root: { type: "group", op: "and", children: [{ type: "field", field: "annualIncome", operator: "gte", value: 45_000 }] } },
    });
    const actual = await evidenceOf(personaDefinition({ definition: rules, segmentId: segment.id })!);
    const want = expected(all, (m) => isUsOrDe(m) && m.customer.annualIncome !== null && Number(m.customer.annualIncome) >= 45_000);
    expectSame(actual, want);
    expect(actual.medianIncome.persona!).toBeGreaterThanOrEqual(45_000);
  });

  it("a persona nobody matches has a zero count, null medians and empty tops", async () => {
    const none: SegmentDefinition = { version: 1, root: { type: "group", op: "and", children: [{ type: "field", field: "country", operator: "eq", value: "ZZ" }] } };
    const actual = await evidenceOf(none);
    expect(actual.matching).toBe(0);
    expect(actual.share).toBe(0);
    expect(actual.medianAge.persona).toBeNull();
    expect(actual.averageClv.persona).toBeNull();
    expect(actual.countries).toEqual([]);
    expect(actual.medianAge.base).toBeCloseTo(expected(all, () => false).medianAge.base!, 6);
  });

  it("without rules or a segment there is nothing to compute", () => {
    expect(personaDefinition({ definition: null, segmentId: null })).toBeNull();
    expect(personaDefinition({ definition: { version: 1, root: { type: "group", op: "and", children: [] } }, segmentId: null })).toBeNull();
  });
});

describe("compareEvidence (drift)", () => {
  const base: EvidenceSnapshot = { matching: 100, base: 1000, share: 0.1, medianAge: 40, medianIncome: 50_000, averageClv: 200 };
  const at = new Date("2024-11-03T10:00:00Z");

  it("flags matching customers moved by more than 20 %, with the review date", () => {
    expect(compareEvidence(base, { ...base, matching: 120 }, at)).toEqual([]);
    expect(compareEvidence(base, { ...base, matching: 80 }, at)).toEqual([]);
    const down = compareEvidence(base, { ...base, matching: 68 }, at);
    expect(down.map((d) => d.text)).toEqual(["Matching customers −32% since the last review on 3 Nov"]);
    expect(compareEvidence(base, { ...base, matching: 121 }, at)[0]!.metric).toBe("matching");
  });

  it("flags the share, median age, median income and average CLV past their thresholds only", () => {
    expect(compareEvidence(base, { ...base, share: 0.15, medianAge: 42.9, medianIncome: 60_000, averageClv: 240 }, at)).toEqual([]);
    const moved = compareEvidence(base, { ...base, share: 0.16, medianAge: 43, medianIncome: 60_001, averageClv: 160 - 1 }, at);
    expect(moved.map((d) => d.metric)).toEqual(["share", "medianAge", "medianIncome", "averageClv"]);
    expect(moved[0]!.text).toBe("Share of the base +6.0 points since the last review on 3 Nov");
  });

  it("a missing median on either side is not drift; from zero matching customers any growth is", () => {
    expect(compareEvidence(base, { ...base, medianAge: null, medianIncome: null }, at)).toEqual([]);
    const fromZero = compareEvidence({ ...base, matching: 0 }, { ...base, matching: 5 }, at);
    expect(fromZero[0]!.text).toBe("Matching customers up from none since the last review on 3 Nov");
  });
});
