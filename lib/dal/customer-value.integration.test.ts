/**
 * The profile's value summary agrees with the segment engine: for generated populations, a customer
 * whose profile says R = 5 is a member of "RFM recency = 5" and of no other recency score, and the
 * same for F, M, the RFM segment, lifetime value and the lifecycle stage (with the workspace's own
 * thresholds from its settings).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { customerValueSummary, type CustomerValueSummary, type RfmDimension } from "@/lib/dal/customer-value";
import { segmentMemberIds } from "@/lib/segments/queries";
import { loadContext, type EvaluationContext } from "@/lib/segments/context";
import { LIFECYCLE_STAGES, RFM_SEGMENTS, type Condition, type SegmentDefinition } from "@/lib/segments/definition";
import { toCents } from "@/lib/analytics/money";
import {
  blankCustomer,
  createTestWorkspace,
  insertPopulation,
  populationRfm,
  type PopulationMember,
} from "@/lib/segments/test-fixtures";

const NOW = new Date("2024-06-15T12:00:00.000Z");
const DAY = 86_400_000;
const ago = (days: number, jitterMs = 0) => new Date(NOW.getTime() - days * DAY + jitterMs);

const single = (condition: Condition): SegmentDefinition => ({ version: 1, root: { type: "group", op: "and", children: [condition] } });

const METRIC: Record<RfmDimension, "rfm_recency" | "rfm_frequency" | "rfm_monetary"> = {
  recency: "rfm_recency",
  frequency: "rfm_frequency",
  monetary: "rfm_monetary",
};
const DIMENSIONS = Object.keys(METRIC) as RfmDimension[];

type Thresholds = { newDays: number; activeDays: number; churnDays: number };
const THRESHOLDS: Thresholds[] = [
  { newDays: 30, activeDays: 90, churnDays: 180 },
  { newDays: 14, activeDays: 60, churnDays: 120 },
  { newDays: 7, activeDays: 30, churnDays: 45 },
];

// ---- generated populations ----------------------------------------------------------------------

/** Instants on and around every threshold used above (± 1 ms), and some in between. */
const instantArb = fc.tuple(
  fc.constantFrom(0, 1, 5, 7, 14, 20, 30, 45, 60, 75, 90, 120, 150, 180, 200, 400),
  fc.constantFrom(0, 0, 1, -1, 3_600_000),
).map(([days, jitter]) => ago(days, jitter));

/** Few distinct amounts, so totals tie and ties are broken by customer id. */
const orderArb = fc.record({
  orderedAt: instantArb,
  amount: fc.constantFrom("5.00", "10.00", "10.50", "25.99", "100.00"),
  category: fc.constant(null),
  channel: fc.constant(null),
});

const memberArb = fc.record({
  orders: fc.oneof(
    { arbitrary: fc.array(orderArb, { maxLength: 0 }), weight: 1 },
    { arbitrary: fc.array(orderArb, { minLength: 1, maxLength: 5 }), weight: 4 },
  ),
  firstSeenAt: fc.option(instantArb, { nil: null }),
  createdAt: instantArb,
  stored: fc.constantFrom(null, "", "churned", "Active", "vip"),
});

const populationArb = fc.array(memberArb, { minLength: 10, maxLength: 30 }).map((members): PopulationMember[] =>
  members.map((m, i) => ({
    customer: blankCustomer(i + 1, { firstSeenAt: m.firstSeenAt, createdAt: m.createdAt, lifecycleStage: m.stored }),
    history: { orders: m.orders, events: [] },
  })),
);

async function members(workspaceId: string, condition: Condition, ctx: EvaluationContext): Promise<Set<number>> {
  return new Set(await segmentMemberIds(db, workspaceId, single(condition), ctx));
}

/** Checks every customer's summary against the engine's members of each score, segment and stage. */
async function checkAgainstEngine(workspaceId: string, population: PopulationMember[]) {
  const ctx = await loadContext(db, workspaceId, [], { now: NOW });
  const summaries = new Map<number, CustomerValueSummary>();
  for (const p of population) {
    const summary = await customerValueSummary(workspaceId, p.customer.id, NOW);
    expect(summary, `customer ${p.customer.id}`).not.toBeNull();
    summaries.set(p.customer.id, summary!);
  }
  const ids = population.map((p) => p.customer.id);

  for (const dimension of DIMENSIONS) {
    for (let score = 1; score <= 5; score++) {
      const engine = await members(workspaceId, { type: "value", metric: METRIC[dimension], operator: "eq", value: score }, ctx);
      const profile = ids.filter((id) => summaries.get(id)!.rfm?.[dimension] === score);
      expect([...engine].sort((a, b) => a - b), `${dimension} = ${score}`).toEqual(profile);
    }
  }
  for (const segment of RFM_SEGMENTS) {
    const engine = await members(workspaceId, { type: "value", metric: "rfm_segment", operator: "in", value: [segment] }, ctx);
    const profile = ids.filter((id) => summaries.get(id)!.rfm?.segment === segment);
    expect([...engine].sort((a, b) => a - b), `RFM segment ${segment}`).toEqual(profile);
  }
  for (const stage of LIFECYCLE_STAGES) {
    const engine = await members(workspaceId, { type: "value", metric: "lifecycle_stage", operator: "in", value: [stage] }, ctx);
    const profile = ids.filter((id) => summaries.get(id)!.lifecycle.stage === stage);
    expect([...engine].sort((a, b) => a - b), `lifecycle ${stage}`).toEqual(profile);
  }
  // Lifetime value: the engine's `clv = x` selects the customer for the value the profile shows.
  for (const p of population) {
    const summary = summaries.get(p.customer.id)!;
    if (!summary.orders) continue;
    const engine = await members(workspaceId, { type: "value", metric: "clv", operator: "eq", value: Number(summary.orders.clv) }, ctx);
    expect(engine.has(p.customer.id), `clv of customer ${p.customer.id}`).toBe(true);
  }
  return summaries;
}

/** What the summary should say about order figures, computed from the generated orders. */
function expectedFigures(population: PopulationMember[], id: number) {
  const scored = population.filter((p) => p.history.orders.length > 0);
  const facts = (p: PopulationMember) => ({
    count: p.history.orders.length,
    cents: p.history.orders.reduce((s, o) => s + toCents(o.amount), 0),
    first: Math.min(...p.history.orders.map((o) => o.orderedAt.getTime())),
    last: Math.max(...p.history.orders.map((o) => o.orderedAt.getTime())),
  });
  const self = population.find((p) => p.customer.id === id)!;
  if (self.history.orders.length === 0) return null;
  const mine = facts(self);
  const all = scored.map(facts);
  return {
    ...mine,
    scored: scored.length,
    behind: {
      recency: all.filter((o) => o.last < mine.last).length,
      frequency: all.filter((o) => o.count < mine.count).length,
      monetary: all.filter((o) => o.cents < mine.cents).length,
    },
  };
}

describe("customerValueSummary", () => {
  it("agrees with segment-engine membership on generated populations", async () => {
    let scoredCustomers = 0;
    let unscoredCustomers = 0;
    await fc.assert(
      fc.asyncProperty(populationArb, fc.constantFrom(...THRESHOLDS), populationArb, async (population, lifecycle, neighbours) => {
        const workspaceId = await createTestWorkspace(db, { lifecycle });
        await insertPopulation(db, workspaceId, population);
        // Another workspace with the same customer ids: never counted in this one's quintiles.
        await insertPopulation(db, await createTestWorkspace(db), neighbours);

        const summaries = await checkAgainstEngine(workspaceId, population);
        const rfm = populationRfm(population);
        for (const p of population) {
          const id = p.customer.id;
          const summary = summaries.get(id)!;
          expect(summary.lifecycle.thresholds).toEqual(lifecycle);
          expect(summary.lifecycle.stored).toBe(p.customer.lifecycleStage || null);
          const figures = expectedFigures(population, id);
          if (!figures) {
            expect(summary.orders).toBeNull();
            expect(summary.rfm).toBeNull();
            unscoredCustomers += 1;
            continue;
          }
          scoredCustomers += 1;
          // The in-memory quintiles give the same scores.
          const { recency, frequency, monetary } = summary.rfm!;
          expect({ recency, frequency, monetary }).toEqual(rfm(id));
          expect(summary.rfm!.scoredCustomers).toBe(figures.scored);
          expect(summary.rfm!.behind).toEqual(figures.behind);
          expect(summary.orders).toEqual({
            orderCount: figures.count,
            totalSpent: (figures.cents / 100).toFixed(2),
            clv: (figures.cents / 100).toFixed(2),
            averageOrderValue: (Math.round(figures.cents / figures.count) / 100).toFixed(2),
            firstOrderAt: new Date(figures.first),
            lastOrderAt: new Date(figures.last),
          });
        }
      }),
      { numRuns: 12 },
    );
    // The generator covers both kinds of customer.
    expect(scoredCustomers).toBeGreaterThanOrEqual(20);
    expect(unscoredCustomers).toBeGreaterThanOrEqual(1);
  }, 240_000);

  it("names the score and the segment the engine selects: R = 5 is in “recency = 5”, not in “recency = 4”", async () => {
    const workspaceId = await createTestWorkspace(db);
    // Ten buyers: customer n last ordered n days ago and placed 11 − n orders of $10, five days apart.
    const population: PopulationMember[] = Array.from({ length: 10 }, (_, i) => ({
      customer: blankCustomer(i + 1),
      history: {
        orders: Array.from({ length: 10 - i }, (_, k) => ({ orderedAt: ago(i + 1 + k * 5), amount: "10.00", category: null, channel: null })),
        events: [],
      },
    }));
    population.push({ customer: blankCustomer(11, { createdAt: ago(2) }), history: { orders: [], events: [] } });
    await insertPopulation(db, workspaceId, population);
    const ctx = await loadContext(db, workspaceId, [], { now: NOW });

    const best = await customerValueSummary(workspaceId, 1, NOW);
    expect(best?.rfm).toMatchObject({ recency: 5, frequency: 5, monetary: 5, segment: "champions", segmentLabel: "Champions", scoredCustomers: 10 });
    expect(best?.rfm?.behind).toEqual({ recency: 9, frequency: 9, monetary: 9 });
    expect(best?.lifecycle.stage).toBe("active");
    const r5 = await members(workspaceId, { type: "value", metric: "rfm_recency", operator: "eq", value: 5 }, ctx);
    const r4 = await members(workspaceId, { type: "value", metric: "rfm_recency", operator: "eq", value: 4 }, ctx);
    expect(r5.has(1)).toBe(true);
    expect(r4.has(1)).toBe(false);

    const worst = await customerValueSummary(workspaceId, 10, NOW);
    expect(worst?.rfm).toMatchObject({ recency: 1, frequency: 1, monetary: 1, segment: "lost", segmentLabel: "Lost" });
    expect(worst?.orders).toMatchObject({ orderCount: 1, totalSpent: "10.00", averageOrderValue: "10.00" });

    // No orders: no figures and no score, but a lifecycle stage (new: added two days ago).
    const none = await customerValueSummary(workspaceId, 11, NOW);
    expect(none).toMatchObject({ orders: null, rfm: null, lifecycle: { stage: "new", stored: null } });
  });

  it("finds nothing for another workspace's customer", async () => {
    const mine = await createTestWorkspace(db);
    const theirs = await createTestWorkspace(db);
    await insertPopulation(db, theirs, [
      { customer: blankCustomer(77), history: { orders: [{ orderedAt: ago(3), amount: "12.00", category: null, channel: null }], events: [] } },
    ]);
    expect(await customerValueSummary(mine, 77, NOW)).toBeNull();
    expect(await customerValueSummary(theirs, 77, NOW)).not.toBeNull();
  });

  it("reads the thresholds from the workspace's settings (and falls back on malformed ones)", async () => {
    const strict = await createTestWorkspace(db, { lifecycle: { newDays: 3, activeDays: 10, churnDays: 20 } });
    const broken = await createTestWorkspace(db, { lifecycle: { newDays: "soon" } });
    for (const ws of [strict, broken]) {
      await insertPopulation(db, ws, [
        { customer: blankCustomer(1), history: { orders: [{ orderedAt: ago(15), amount: "1.00", category: null, channel: null }], events: [] } },
      ]);
    }
    const s = await customerValueSummary(strict, 1, NOW);
    expect(s?.lifecycle).toMatchObject({ stage: "at_risk", thresholds: { newDays: 3, activeDays: 10, churnDays: 20 } });
    const b = await customerValueSummary(broken, 1, NOW);
    // Defaults: first order 15 days ago is within 30 days, so the customer is new.
    expect(b?.lifecycle).toMatchObject({ stage: "new", thresholds: { newDays: 30, activeDays: 90, churnDays: 180 } });
  });
});
