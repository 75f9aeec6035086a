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
import { CUSTOMER_LIFECYCLE_COLUMNS, lifecycleCutoffs, lifecycleStage, lifecycleStageSql } from "@/lib/analytics/lifecycle";
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

  it("lifecycle stages", async () => {
    await fc.assert(
      fc.asyncProperty(populationArb, async (population) => {
        await withPopulation(population, async (ws) => {
          const cutoffs = lifecycleCutoffs(NOW, THRESHOLDS);
          const stage = lifecycleStageSql(
            { firstOrderAt: sql`m."firstOrderAt"`, lastOrderAt: sql`m."lastOrderAt"`, ...CUSTOMER_LIFECYCLE_COLUMNS },
            cutoffs,
          );
          const rows = await db.$queryRaw<{ id: number; stage: string }[]>(
            sql`SELECT c."id", ${stage} AS "stage"
                FROM "Customer" c LEFT JOIN "CustomerMetrics" m ON m."workspaceId" = c."workspaceId" AND m."customerId" = c."id"
                WHERE c."workspaceId" = ${ws}::uuid ORDER BY c."id"`,
          );
          expect(rows).toHaveLength(population.length);
          for (const row of rows) {
            const p = population.find((x) => x.customer.id === Number(row.id))!;
            const summary = orderSummary(p.history.orders);
            const memory = lifecycleStage(
              {
                firstOrderAt: summary?.firstOrderAt ?? null,
                lastOrderAt: summary?.lastOrderAt ?? null,
                firstSeenAt: p.customer.firstSeenAt,
                createdAt: p.customer.createdAt,
              },
              cutoffs,
            );
            expect(row.stage, `customer ${row.id}`).toBe(memory);
          }
        });
      }),
      { numRuns: 12 },
    );
  });
});
