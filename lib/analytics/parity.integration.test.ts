/**
 * lib/analytics computes RFM, order value / lifetime value and lifecycle stages twice — in SQL and
 * in memory — and the two must agree. Generated populations with ties (equal amounts, counts and
 * instants), missing first-seen dates and customers without orders, on PGlite and PostgreSQL.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { averageOrderCents, clvCents, clvSql, orderSummary, orderValueColumnsSql, orderValueFromRow, type OrderValueRow } from "@/lib/analytics/clv";
import {
  CUSTOMER_LIFECYCLE_COLUMNS,
  lifecycleCutoffs,
  lifecycleOrderInstants,
  lifecycleStage,
  lifecycleStageSql,
  previousOrderAtSql,
} from "@/lib/analytics/lifecycle";
import { toCents } from "@/lib/analytics/money";
import { computeRfmScores, loadCustomerRfm, rfmInput, rfmSegment, rfmSubquery, type RfmInput } from "@/lib/analytics/rfm";
import { blankCustomer, createTestWorkspace, insertPopulation, type PopulationMember } from "@/lib/segments/test-fixtures";

const { sql } = Prisma;
const NOW = new Date("2024-06-15T12:00:00.000Z");
const DAY = 86_400_000;
const THRESHOLDS = { newDays: 14, activeDays: 60, churnDays: 120 };

const instantArb = fc
  .tuple(fc.constantFrom(0, 1, 13, 14, 15, 59, 60, 61, 119, 120, 121, 400), fc.constantFrom(0, 0, 1, -1))
  .map(([days, jitter]) => new Date(NOW.getTime() - days * DAY + jitter));

const orderArb = fc.record({
  orderedAt: instantArb,
  amount: fc.constantFrom("0.00", "5.00", "10.00", "10.50", "99.99", "100"),
  category: fc.constant(null),
  channel: fc.constant(null),
});

const populationArb = fc
  .array(
    fc.record({
      orders: fc.oneof({ arbitrary: fc.array(orderArb, { maxLength: 0 }), weight: 1 }, { arbitrary: fc.array(orderArb, { minLength: 1, maxLength: 4 }), weight: 3 }),
      firstSeenAt: fc.option(instantArb, { nil: null }),
      createdAt: instantArb,
    }),
    { minLength: 1, maxLength: 25 },
  )
  .map((rows): PopulationMember[] =>
    rows.map((r, i) => ({
      customer: blankCustomer(i + 1, { firstSeenAt: r.firstSeenAt, createdAt: r.createdAt }),
      history: { orders: r.orders, events: [] },
    })),
  );

async function withPopulation(population: PopulationMember[], check: (workspaceId: string) => Promise<void>) {
  const workspaceId = await createTestWorkspace(db);
  try {
    await insertPopulation(db, workspaceId, population);
    await check(workspaceId);
  } finally {
    await db.workspace.delete({ where: { id: workspaceId } });
  }
}

describe("analytics: SQL and in-memory forms agree", () => {
  it("RFM scores and segments", async () => {
    await fc.assert(
      fc.asyncProperty(populationArb, async (population) => {
        await withPopulation(population, async (ws) => {
          const rows = await db.$queryRaw<{ cid: number; r: number; f: number; m: number; seg: string }[]>(
            sql`SELECT * FROM (${rfmSubquery(sql`${ws}::uuid`)}) s ORDER BY "cid"`,
          );
          const inputs = population
            .map((p) => rfmInput(p.customer.id, orderSummary(p.history.orders)))
            .filter((r): r is RfmInput => r !== null);
          const memory = computeRfmScores(inputs);
          expect(rows.map((r) => Number(r.cid))).toEqual([...memory.keys()].sort((a, b) => a - b));
          for (const row of rows) {
            const scores = memory.get(Number(row.cid))!;
            expect({ r: Number(row.r), f: Number(row.f), m: Number(row.m), seg: row.seg }, `customer ${row.cid}`).toEqual({
              r: scores.recency,
              f: scores.frequency,
              m: scores.monetary,
              seg: rfmSegment(scores),
            });
          }
          const one = population[0]!;
          expect(await loadCustomerRfm(db, ws, one.customer.id)).toEqual(memory.get(one.customer.id) ?? null);
        });
      }),
      { numRuns: 12 },
    );
  });

  it("order value and lifetime value", async () => {
    await fc.assert(
      fc.asyncProperty(populationArb, async (population) => {
        await withPopulation(population, async (ws) => {
          const rows = await db.$queryRaw<(OrderValueRow & { id: number; clv: string })[]>(
            sql`SELECT c."id", ${orderValueColumnsSql("m")}, ${clvSql(sql`m."totalSpent"`)}::text AS "clv"
                FROM "Customer" c LEFT JOIN "CustomerMetrics" m ON m."workspaceId" = c."workspaceId" AND m."customerId" = c."id"
                WHERE c."workspaceId" = ${ws}::uuid ORDER BY c."id"`,
          );
          for (const row of rows) {
            const p = population.find((x) => x.customer.id === Number(row.id))!;
            const summary = orderSummary(p.history.orders);
            expect(toCents(row.clv), `clv of ${row.id}`).toBe(clvCents(p.history.orders));
            const value = orderValueFromRow(row);
            if (!summary) {
              expect(value).toBeNull();
              continue;
            }
            expect(value).not.toBeNull();
            expect({
              orderCount: value!.orderCount,
              totalCents: toCents(value!.totalSpent),
              averageCents: toCents(value!.averageOrderValue),
              firstOrderAt: value!.firstOrderAt.getTime(),
              lastOrderAt: value!.lastOrderAt.getTime(),
            }).toEqual({
              orderCount: summary.orderCount,
              totalCents: summary.totalCents,
              averageCents: averageOrderCents(summary),
              firstOrderAt: summary.firstOrderAt.getTime(),
              lastOrderAt: summary.lastOrderAt.getTime(),
            });
          }
        });
      }),
      { numRuns: 12 },
    );
  });

  /** Each customer's stage in SQL, over the workspace's customers and their metrics. */
  async function sqlStages(ws: string, now: Date): Promise<Map<number, string>> {
    const stage = lifecycleStageSql(
      {
        firstOrderAt: sql`m."firstOrderAt"`,
        lastOrderAt: sql`m."lastOrderAt"`,
        previousOrderAt: previousOrderAtSql(sql`${ws}::uuid`, sql`c."id"`, sql`m."lastOrderAt"`),
        ...CUSTOMER_LIFECYCLE_COLUMNS,
      },
      lifecycleCutoffs(now, THRESHOLDS),
    );
    const rows = await db.$queryRaw<{ id: number; stage: string }[]>(
      sql`SELECT c."id", ${stage} AS "stage"
          FROM "Customer" c LEFT JOIN "CustomerMetrics" m ON m."workspaceId" = c."workspaceId" AND m."customerId" = c."id"
          WHERE c."workspaceId" = ${ws}::uuid ORDER BY c."id"`,
    );
    return new Map(rows.map((r) => [Number(r.id), r.stage]));
  }

  it("lifecycle stages", async () => {
    await fc.assert(
      fc.asyncProperty(populationArb, async (population) => {
        await withPopulation(population, async (ws) => {
          const cutoffs = lifecycleCutoffs(NOW, THRESHOLDS);
          const stages = await sqlStages(ws, NOW);
          expect(stages.size).toBe(population.length);
          for (const p of population) {
            const memory = lifecycleStage(
              { ...lifecycleOrderInstants(p.history.orders), firstSeenAt: p.customer.firstSeenAt, createdAt: p.customer.createdAt },
              cutoffs,
            );
            expect(stages.get(p.customer.id), `customer ${p.customer.id}`).toBe(memory);
          }
        });
      }),
      { numRuns: 12 },
    );
  });

  it("lifecycle stages: hand-worked boundaries of new, reactivated and churned", async () => {
    // Thresholds 14 / 60 / 120 days. `d(n, ms)`: n days before NOW, plus ms milliseconds.
    const d = (days: number, ms = 0) => new Date(NOW.getTime() - days * DAY + ms);
    const order = (at: Date) => ({ orderedAt: at, amount: "10.00", category: null, channel: null });
    const cases: { orders: Date[]; firstSeenAt?: Date | null; createdAt?: Date; expected: string }[] = [
      // No orders: new while first seen within 14 days (exactly 14 days counts), else churned.
      { orders: [], firstSeenAt: d(14), expected: "new" },
      { orders: [], firstSeenAt: d(14, -1), expected: "churned" },
      { orders: [], firstSeenAt: null, createdAt: d(3), expected: "new" },
      // A single order is never reactivated.
      { orders: [d(30)], expected: "active" },
      { orders: [d(60)], expected: "active" },
      { orders: [d(60, -1)], expected: "at_risk" },
      { orders: [d(120)], expected: "at_risk" },
      { orders: [d(120, -1)], expected: "churned" },
      // Last order 10 days ago; previous one more than 120 days before it → reactivated.
      { orders: [d(300), d(130, -1), d(10)], expected: "reactivated" },
      // A gap of exactly 120 days: at risk just before the last order, so only active.
      { orders: [d(300), d(130), d(10)], expected: "active" },
      // Ties at the last instant count as one purchase: the previous order is the 200-day one.
      { orders: [d(200), d(10), d(10)], expected: "reactivated" },
      // Two orders at one instant only: no previous order.
      { orders: [d(20), d(20)], expected: "active" },
      // The last order exactly 60 days ago after a long gap: still reactivated; 1 ms older: at risk.
      { orders: [d(400), d(60)], expected: "reactivated" },
      { orders: [d(400), d(60, -1)], expected: "at_risk" },
      // "New" goes first: first order within 14 days.
      { orders: [d(14), d(1)], expected: "new" },
      // Back after a long gap, but the previous order is recent: active.
      { orders: [d(400), d(20), d(5)], expected: "active" },
    ];
    const population: PopulationMember[] = cases.map((c, i) => ({
      customer: blankCustomer(i + 1, { firstSeenAt: c.firstSeenAt ?? null, createdAt: c.createdAt ?? d(1000) }),
      history: { orders: c.orders.map(order), events: [] },
    }));
    await withPopulation(population, async (ws) => {
      const stages = await sqlStages(ws, NOW);
      const cutoffs = lifecycleCutoffs(NOW, THRESHOLDS);
      cases.forEach((c, i) => {
        const p = population[i]!;
        expect(stages.get(i + 1), `case ${i}`).toBe(c.expected);
        const memory = lifecycleStage(
          { ...lifecycleOrderInstants(p.history.orders), firstSeenAt: p.customer.firstSeenAt, createdAt: p.customer.createdAt },
          cutoffs,
        );
        expect(memory, `case ${i} in memory`).toBe(c.expected);
      });
    });
  });
});
