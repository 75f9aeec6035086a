/**
 * Negative personas as exclusions: a segment's size and revenue after exclusions, and what each
 * negative persona removes, equal independent SQL counts over the same customers (NULL incomes and
 * countries, customers without orders, a customer matching two negative personas). Positive
 * personas, negative personas without rules and other workspaces' personas are never applied.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db, Prisma } from "@/lib/db";
import { segmentExclusions, segmentsAfterExclusions } from "@/lib/dal/exclusions";
import type { SegmentDefinition } from "@/lib/segments/definition";
import { createSegment } from "@/lib/segments/store";
import { blankCustomer, createTestWorkspace, insertPopulation, type PopulationMember } from "@/lib/segments/test-fixtures";

const NOW = new Date("2024-06-15T12:00:00.000Z");
const rules = (children: SegmentDefinition["root"]["children"]): SegmentDefinition => ({ version: 1, root: { type: "group", op: "and", children } });

function population(n: number): PopulationMember[] {
  const countries = ["US", "DE", "FR", null];
  const industries = ["Retail", "Software", null];
  const incomes = [null, 20_000, 39_999.99, 40_000, 90_000];
  return Array.from({ length: n }, (_, i) => ({
    customer: blankCustomer(i + 1, { country: countries[i % 4]!, industry: industries[i % 3]!, annualIncome: incomes[i % 5]! }),
    history: {
      orders: i % 6 === 0 ? [] : Array.from({ length: 1 + (i % 3) }, (_, k) => ({ orderedAt: new Date(NOW.getTime() - (k + 1) * 86_400_000 * 7), amount: (10 + ((i * 7 + k) % 50)).toFixed(2), category: null, channel: null })),
      events: [],
    },
  }));
}

/** Independent: customers (and their spend) of the workspace meeting `where`. */
async function independent(ws: string, where: Prisma.Sql) {
  const [row] = await db.$queryRaw<{ n: number; r: string }[]>(Prisma.sql`
    SELECT count(*)::int AS n, COALESCE(sum(COALESCE(m."totalSpent", 0)), 0)::numeric(18,2)::text AS r
    FROM "Customer" c LEFT JOIN "CustomerMetrics" m ON m."workspaceId" = c."workspaceId" AND m."customerId" = c."id"
    WHERE c."workspaceId" = ${ws}::uuid AND ${where}`);
  return { customers: Number(row!.n), revenue: Number(row!.r) };
}

describe("negative personas as exclusions", () => {
  let ws: string;
  let segmentId: string;
  let lowIncome: string;
  let retail: string;
  beforeAll(async () => {
    ws = await createTestWorkspace(db);
    await insertPopulation(db, ws, population(90));
    const other = await createTestWorkspace(db);
    segmentId = (await createSegment(db, ws, { name: "US and DE", definition: rules([{ type: "field", field: "country", operator: "in", value: ["US", "DE"] }]) })).segment.id;
    const retailSegment = (await createSegment(db, ws, { name: "Retail", definition: rules([{ type: "field", field: "industry", operator: "eq", value: "Retail" }]) })).segment.id;
    const persona = (data: Omit<Prisma.PersonaUncheckedCreateInput, "workspaceId">, workspaceId = ws) => db.persona.create({ data: { workspaceId, ...data }, select: { id: true } });
    lowIncome = (await persona({ name: "Bargain hunters", isNegative: true, definition: rules([{ type: "field", field: "annualIncome", operator: "lt", value: 40_000 }]) })).id;
    // A linked segment AND its own rules: retail customers who ordered at all.
    retail = (await persona({ name: "Retail tyre-kickers", isNegative: true, segmentId: retailSegment, definition: rules([{ type: "field", field: "country", operator: "is_set" }]) })).id;
    await persona({ name: "No rules yet", isNegative: true });
    await persona({ name: "Our champions", isNegative: false, definition: rules([{ type: "field", field: "country", operator: "eq", value: "US" }]) });
    await persona({ name: "Elsewhere", isNegative: true, definition: rules([{ type: "field", field: "country", operator: "eq", value: "US" }]) }, other);
  });

  const inSegment = Prisma.sql`c."country" IN ('US', 'DE')`;
  const isLowIncome = Prisma.sql`COALESCE(c."annualIncome" < 40000, false)`;
  const isRetail = Prisma.sql`COALESCE(c."industry" = 'Retail', false) AND c."country" IS NOT NULL`;

  it("a segment after exclusions equals an independent count, and each persona's removal is its overlap", async () => {
    const summary = await segmentExclusions(ws, segmentId, NOW);
    expect(summary).not.toBeNull();
    const before = await independent(ws, inSegment);
    const after = await independent(ws, Prisma.sql`${inSegment} AND NOT (${isLowIncome}) AND NOT (${isRetail})`);
    expect(summary!.before).toEqual(before);
    expect(summary!.after).toEqual(after);
    expect(after.customers).toBeLessThan(before.customers);
    expect(summary!.removed.customers).toBe(before.customers - after.customers);
    expect(summary!.byPersona.map((p) => p.name)).toEqual(["Bargain hunters", "Retail tyre-kickers"]);
    const byLow = await independent(ws, Prisma.sql`${inSegment} AND ${isLowIncome}`);
    const byRetail = await independent(ws, Prisma.sql`${inSegment} AND ${isRetail}`);
    expect(summary!.byPersona[0]).toMatchObject({ id: lowIncome, ...byLow });
    expect(summary!.byPersona[1]).toMatchObject({ id: retail, ...byRetail });
    // Someone matching both personas is removed once: the parts add up to more than the whole.
    const both = await independent(ws, Prisma.sql`${inSegment} AND ${isLowIncome} AND ${isRetail}`);
    expect(both.customers).toBeGreaterThan(0);
    expect(byLow.customers + byRetail.customers - both.customers).toBe(summary!.removed.customers);
    expect(summary!.byPersona[0]!.averageClv).toBeCloseTo(byLow.revenue / byLow.customers, 2);
  });

  it("the segments list's column: the whole base and each segment after exclusions", async () => {
    const list = await segmentsAfterExclusions(ws, [segmentId], NOW);
    expect(list!.personas.map((p) => p.id)).toEqual([lowIncome, retail]);
    expect(list!.base.before).toEqual(await independent(ws, Prisma.sql`true`));
    expect(list!.base.after).toEqual(await independent(ws, Prisma.sql`NOT (${isLowIncome}) AND NOT (${isRetail})`));
    expect(list!.segments.get(segmentId)!.after).toEqual(await independent(ws, Prisma.sql`${inSegment} AND NOT (${isLowIncome}) AND NOT (${isRetail})`));
  });

  it("a workspace without usable negative personas has nothing to apply", async () => {
    const empty = await createTestWorkspace(db);
    const id = (await createSegment(db, empty, { name: "All", definition: rules([{ type: "field", field: "country", operator: "is_set" }]) })).segment.id;
    await db.persona.create({ data: { workspaceId: empty, name: "Draft", isNegative: true } });
    expect(await segmentExclusions(empty, id, NOW)).toBeNull();
    expect(await segmentsAfterExclusions(empty, [id], NOW)).toBeNull();
  });
});
