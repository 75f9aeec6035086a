/**
 * Insights → Lifecycle on a hand-built population (PGlite and PostgreSQL): the stage counts and
 * revenue, the flow matrix between the period's start and now, and the customers-list filter, all
 * against an independent in-memory computation written out here from the documented rules.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { computeLifecycleReport, getLifecycleReport, lifecycleFilterSql } from "@/lib/analytics/lifecycle-report";
import { START_STAGES, type LifecycleFilter } from "@/lib/analytics/lifecycle-filter";
import { LIFECYCLE_STAGES } from "@/lib/segments/definition";
import { blankCustomer, createTestWorkspace, insertPopulation, type PopulationMember } from "@/lib/segments/test-fixtures";

const { sql } = Prisma;
const DAY = 86_400_000;
const NOW = new Date("2024-06-15T12:00:00.000Z");
const T = { newDays: 14, activeDays: 60, churnDays: 120 };
const PERIOD = 30;
const S = NOW.getTime() - PERIOD * DAY;
const ago = (days: number, ms = 0) => new Date(NOW.getTime() - days * DAY + ms);

type Spec = { orders: [Date, string][]; firstSeenAt?: Date | null; createdAt?: Date; from: string; to: string };

// Expected stages worked out by hand (the in-memory computation below must agree with them too).
const SPECS: Spec[] = [
  /* 1 */ { orders: [], firstSeenAt: new Date(S), from: "none", to: "churned" }, // first seen exactly at the start: not yet a customer
  /* 2 */ { orders: [], firstSeenAt: new Date(S - 1), from: "new", to: "churned" }, // 1 ms before: new then
  /* 3 */ { orders: [], firstSeenAt: ago(5), from: "none", to: "new" },
  /* 4 */ { orders: [[new Date(S), "10.00"]], firstSeenAt: ago(500), from: "churned", to: "active" }, // an order at the start instant is not "before"
  /* 5 */ { orders: [[ago(230), "5.00"], [ago(10), "7.50"]], from: "churned", to: "reactivated" },
  /* 6 */ { orders: [[ago(230), "1.00"], [ago(31), "2.00"]], from: "reactivated", to: "reactivated" },
  /* 7 */ { orders: [[ago(100), "3.00"], [ago(70), "4.00"]], from: "active", to: "at_risk" },
  /* 8 */ { orders: [[ago(200), "1.00"], [ago(200), "1.00"], [ago(5), "9.99"]], from: "churned", to: "reactivated" }, // tie at the older instant
  /* 9 */ { orders: [[ago(40), "20.00"]], from: "new", to: "active" },
  /* 10 */ { orders: [[ago(155), "1.00"], [ago(35), "1.00"]], from: "active", to: "active" }, // a gap of exactly 120 days
  /* 11 */ { orders: [[ago(155, -1), "1.00"], [ago(35), "1.00"]], from: "reactivated", to: "reactivated" }, // 1 ms more
  /* 12 */ { orders: [], firstSeenAt: null, createdAt: ago(1), from: "none", to: "new" },
  /* 13 */ { orders: [[ago(150), "12.34"]], firstSeenAt: null, createdAt: NOW, from: "at_risk", to: "churned" }, // added today, ordered long ago
  /* 14 */ { orders: [[ago(400), "0.01"]], from: "churned", to: "churned" },
  /* 15 */ { orders: [[ago(10), "5.00"], [ago(10), "5.00"]], firstSeenAt: ago(3), from: "none", to: "new" }, // ordered after the start only
];

const population: PopulationMember[] = SPECS.map((s, i) => ({
  customer: blankCustomer(i + 1, { firstSeenAt: s.firstSeenAt === undefined ? ago(1000) : s.firstSeenAt, createdAt: s.createdAt ?? ago(1000) }),
  history: { orders: s.orders.map(([orderedAt, amount]) => ({ orderedAt, amount, category: null, channel: null })), events: [] },
}));

/** The documented rules, written out independently of lib/analytics/lifecycle.ts. */
function stageAt(times: number[], seen: number, at: number): string {
  if (times.length === 0) return seen >= at - T.newDays * DAY ? "new" : "churned";
  const distinct = [...new Set(times)].sort((a, b) => a - b);
  const first = distinct[0]!;
  const last = distinct[distinct.length - 1]!;
  const previous = distinct.length > 1 ? distinct[distinct.length - 2]! : null;
  if (first >= at - T.newDays * DAY) return "new";
  if (last >= at - T.activeDays * DAY) return previous !== null && last - previous > T.churnDays * DAY ? "reactivated" : "active";
  if (last >= at - T.churnDays * DAY) return "at_risk";
  return "churned";
}

function expected(p: PopulationMember) {
  const times = p.history.orders.map((o) => o.orderedAt.getTime());
  const seen = (p.customer.firstSeenAt ?? p.customer.createdAt).getTime();
  const before = times.filter((t) => t < S);
  const existed = before.length > 0 || seen < S;
  const cents = p.history.orders.reduce((s, o) => s + Math.round(Number(o.amount) * 100), 0);
  return { id: p.customer.id, to: stageAt(times, seen, NOW.getTime()), from: existed ? stageAt(before, seen, S) : "none", cents };
}

let ws = "";
beforeAll(async () => {
  ws = await createTestWorkspace(db, { lifecycle: T });
  await insertPopulation(db, ws, population);
});
afterAll(async () => {
  await db.workspace.delete({ where: { id: ws } });
});

describe("lifecycle report", () => {
  const truth = population.map(expected);

  it("the independent computation agrees with the hand-worked stages", () => {
    SPECS.forEach((s, i) => expect({ case: i + 1, from: truth[i]!.from, to: truth[i]!.to }).toEqual({ case: i + 1, from: s.from, to: s.to }));
  });

  it("counts customers and revenue per stage now", async () => {
    const report = await computeLifecycleReport(db, ws, { now: NOW, periodDays: PERIOD, thresholds: T });
    expect(report.customers).toBe(population.length);
    expect(report.withOrders).toBe(population.filter((p) => p.history.orders.length > 0).length);
    expect(report.start.getTime()).toBe(S);
    expect(report.stages.map((r) => r.stage)).toEqual([...LIFECYCLE_STAGES]);
    for (const row of report.stages) {
      const members = truth.filter((x) => x.to === row.stage);
      expect(row.customers, row.stage).toBe(members.length);
      expect(Math.round(row.revenue * 100), row.stage).toBe(members.reduce((s, x) => s + x.cents, 0));
    }
  });

  it("builds the flow matrix from the stage at the start to the stage now", async () => {
    const report = await computeLifecycleReport(db, ws, { now: NOW, periodDays: PERIOD, thresholds: T });
    const want: { from: string; to: string; customers: number }[] = [];
    for (const from of START_STAGES)
      for (const to of LIFECYCLE_STAGES) {
        const n = truth.filter((x) => x.from === from && x.to === to).length;
        if (n > 0) want.push({ from, to, customers: n });
      }
    expect(report.flow).toEqual(want);
    expect(report.flow.reduce((s, c) => s + c.customers, 0)).toBe(population.length);
  });

  it("the customers-list filter selects exactly the customers behind each count", async () => {
    const ids = async (filter: LifecycleFilter) =>
      (
        await db.$queryRaw<{ id: number }[]>(
          sql`SELECT c."id" FROM "Customer" c WHERE c."workspaceId" = ${ws}::uuid AND ${lifecycleFilterSql(sql`${ws}::uuid`, T, NOW, filter)} ORDER BY c."id"`,
        )
      ).map((r) => Number(r.id));
    for (const stage of LIFECYCLE_STAGES)
      expect(await ids({ stage, from: null }), stage).toEqual(truth.filter((x) => x.to === stage).map((x) => x.id));
    for (const from of START_STAGES) {
      expect(await ids({ stage: null, from: { stage: from, periodDays: PERIOD } }), `from ${from}`).toEqual(
        truth.filter((x) => x.from === from).map((x) => x.id),
      );
      for (const to of LIFECYCLE_STAGES)
        expect(await ids({ stage: to, from: { stage: from, periodDays: PERIOD } }), `${from} → ${to}`).toEqual(
          truth.filter((x) => x.from === from && x.to === to).map((x) => x.id),
        );
    }
  });

  it("reads the workspace's own thresholds", async () => {
    const report = await getLifecycleReport(ws, PERIOD, NOW);
    expect(report.thresholds).toEqual(T);
    expect(report.stages.find((r) => r.stage === "reactivated")?.customers).toBe(truth.filter((x) => x.to === "reactivated").length);
  });

  it("an empty workspace has no customers, orders or flows", async () => {
    const empty = await createTestWorkspace(db);
    try {
      const report = await computeLifecycleReport(db, empty, { now: NOW, periodDays: 90, thresholds: T });
      expect(report).toMatchObject({ customers: 0, withOrders: 0, flow: [] });
      expect(report.stages.every((r) => r.customers === 0 && r.revenue === 0)).toBe(true);
    } finally {
      await db.workspace.delete({ where: { id: empty } });
    }
  });
});
