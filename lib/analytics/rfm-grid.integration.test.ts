/**
 * The RFM grid on a 12-customer population scored by hand (PGlite and PostgreSQL), and "Save as
 * segment" from it: the saved segments have exactly the customers the grid shows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeRfmGrid } from "@/lib/analytics/rfm-grid";
import { db } from "@/lib/db";
import type { ServiceContext } from "@/lib/domain/context";
import { saveRfmSegment } from "@/lib/insights/rfm-segments";
import { RFM_SEGMENTS } from "@/lib/segments/definition";
import { evaluate } from "@/lib/segments/evaluate";
import { blankCustomer, createTestWorkspace, insertPopulation, type PopulationMember } from "@/lib/segments/test-fixtures";

/**
 * One customer: `count` orders totalling `total`, the last one on 2024-01-`lastDay` at noon UTC
 * (the earlier ones, of 1.00 each, in December 2023).
 */
function member(id: number, lastDay: number, count: number, total: number): PopulationMember {
  const orders = [];
  for (let i = 1; i < count; i++)
    orders.push({ orderedAt: new Date(Date.UTC(2023, 11, i, 12)), amount: "1.00", category: null, channel: null });
  orders.push({ orderedAt: new Date(Date.UTC(2024, 0, lastDay, 12)), amount: (total - (count - 1)).toFixed(2), category: null, channel: null });
  return { customer: blankCustomer(id), history: { orders, events: [] } };
}

//            id  last  orders  total
const POPULATION: PopulationMember[] = [
  member(1, 20, 6, 300),
  member(2, 20, 4, 250),
  member(3, 18, 6, 120),
  member(4, 18, 1, 40),
  member(5, 18, 3, 90),
  member(6, 14, 1, 30),
  member(7, 10, 5, 200),
  member(8, 9, 2, 60),
  member(9, 8, 1, 30),
  member(10, 5, 3, 150),
  member(11, 4, 2, 20),
  member(12, 3, 1, 10),
  // No orders: not scored, counted as "No orders yet".
  { customer: blankCustomer(13), history: { orders: [], events: [] } },
];

/*
 * Scoring by hand. 12 scored customers, ntile(5) → buckets of 3, 3, 2, 2, 2 (the first 12 mod 5 = 2
 * buckets get one more): sorted positions 0–2 score 1, 3–5 → 2, 6–7 → 3, 8–9 → 4, 10–11 → 5.
 * Each metric is sorted ascending, and ties by customer id ascending — so of two tied customers
 * the lower id can land in the lower bucket.
 *
 * R (last order):  12, 11, 10 | 9, 8, 7 | 6, 3 | 4, 5 | 1, 2
 *   3, 4 and 5 all last ordered on 18 Jan: id order puts 3 at position 7 (R3), 4 and 5 at 8–9 (R4).
 * F (orders):      4, 6, 9 | 12, 8, 11 | 5, 10 | 2, 7 | 1, 3
 *   4, 6, 9 and 12 have one order each: 12 comes fourth and scores F2.
 * M (total spend): 12, 11, 6 | 9, 4, 8 | 5, 3 | 10, 7 | 2, 1
 *   6 and 9 both spent 30: 6 scores M1, 9 M2.
 *
 * Customer (R F M) → named segment (first matching rule of RFM_RULES):
 *   1 (5 5 5) champions   2 (5 4 5) champions   3 (3 5 3) loyal       4 (4 1 2) promising
 *   5 (4 3 3) potential   6 (3 1 1) about to sleep   7 (2 4 4) at risk   8 (2 2 2) hibernating
 *   9 (2 1 2) hibernating 10 (1 3 4) at risk    11 (1 2 1) lost      12 (1 2 1) lost
 */
const EXPECTED_CELLS: Record<string, { customers: number; revenue: number; averageMonetary: number }> = {
  "5,5": { customers: 1, revenue: 300, averageMonetary: 5 },
  "5,4": { customers: 1, revenue: 250, averageMonetary: 5 },
  "3,5": { customers: 1, revenue: 120, averageMonetary: 3 },
  "4,1": { customers: 1, revenue: 40, averageMonetary: 2 },
  "4,3": { customers: 1, revenue: 90, averageMonetary: 3 },
  "3,1": { customers: 1, revenue: 30, averageMonetary: 1 },
  "2,4": { customers: 1, revenue: 200, averageMonetary: 4 },
  "2,2": { customers: 1, revenue: 60, averageMonetary: 2 },
  "2,1": { customers: 1, revenue: 30, averageMonetary: 2 },
  "1,3": { customers: 1, revenue: 150, averageMonetary: 4 },
  "1,2": { customers: 2, revenue: 30, averageMonetary: 1 },
};

const EXPECTED_SEGMENTS = {
  champions: { customers: 2, revenue: 550, averageClv: 275 },
  loyal: { customers: 1, revenue: 120, averageClv: 120 },
  cant_lose_them: { customers: 0, revenue: 0, averageClv: null },
  at_risk: { customers: 2, revenue: 350, averageClv: 175 },
  potential_loyalists: { customers: 1, revenue: 90, averageClv: 90 },
  new: { customers: 0, revenue: 0, averageClv: null },
  promising: { customers: 1, revenue: 40, averageClv: 40 },
  need_attention: { customers: 0, revenue: 0, averageClv: null },
  about_to_sleep: { customers: 1, revenue: 30, averageClv: 30 },
  hibernating: { customers: 2, revenue: 90, averageClv: 45 },
  lost: { customers: 2, revenue: 30, averageClv: 15 },
};

describe("RFM grid", () => {
  let workspaceId: string;
  let other: string;
  let editor: ServiceContext;

  beforeAll(async () => {
    workspaceId = await createTestWorkspace(db);
    other = await createTestWorkspace(db);
    await insertPopulation(db, workspaceId, POPULATION);
    // Another workspace's customers never count.
    await insertPopulation(db, other, POPULATION.slice(0, 3));
    const user = await db.user.create({ data: { email: `rfm-${Date.now()}-${Math.random()}@example.test`, name: "Rae" } });
    await db.membership.create({ data: { workspaceId, userId: user.id, role: "EDITOR" } });
    editor = { workspaceId, actor: { id: user.id, email: user.email, name: user.name }, role: "EDITOR" };
  });

  afterAll(async () => {
    await db.workspace.delete({ where: { id: workspaceId } });
    await db.workspace.delete({ where: { id: other } });
    await db.user.delete({ where: { id: editor.actor.id } });
  });

  it("scores the hand-worked population: cells, named segments and customers without orders", async () => {
    const grid = await computeRfmGrid(db, workspaceId);
    expect(grid.scored).toBe(12);
    expect(grid.withoutOrders).toBe(1);
    expect(grid.revenue).toBe(1300);
    expect(grid.cells).toHaveLength(25);
    for (const cell of grid.cells) {
      const expected = EXPECTED_CELLS[`${cell.recency},${cell.frequency}`] ?? { customers: 0, revenue: 0, averageMonetary: null };
      expect({ r: cell.recency, f: cell.frequency, ...expected }).toEqual({
        r: cell.recency,
        f: cell.frequency,
        customers: cell.customers,
        revenue: cell.revenue,
        averageMonetary: cell.averageMonetary,
      });
    }
    expect(Object.fromEntries(grid.segments.map((s) => [s.segment, { customers: s.customers, revenue: s.revenue, averageClv: s.averageClv }]))).toEqual(
      EXPECTED_SEGMENTS,
    );
    expect(grid.segments.find((s) => s.segment === "champions")?.share).toBeCloseTo(2 / 12, 12);

    // The engine's RFM conditions count the same customers (one scoring for both).
    for (const segment of RFM_SEGMENTS) {
      const definition = { version: 1, root: { type: "group", op: "and", children: [{ type: "value", metric: "rfm_segment", operator: "in", value: [segment] }] } };
      const { count } = await evaluate(db, workspaceId, definition, { as: "count" });
      expect([segment, count]).toEqual([segment, EXPECTED_SEGMENTS[segment].customers]);
    }
  });

  it("saves a cell and a named segment as segments, numbering a taken name; a viewer may not", async () => {
    const champions = await saveRfmSegment(editor, { kind: "segment", segment: "champions" });
    expect(champions).toMatchObject({ name: "RFM: Champions", size: 2 });
    const again = await saveRfmSegment(editor, { kind: "segment", segment: "champions" });
    expect(again).toMatchObject({ name: "RFM: Champions (2)", size: 2 });
    const cell = await saveRfmSegment(editor, { kind: "cell", recency: 1, frequency: 2 });
    expect(cell).toMatchObject({ name: "RFM: R1 F2", size: 2 });
    const stored = await db.segment.findFirstOrThrow({ where: { workspaceId, id: cell.id }, select: { definition: true } });
    expect(stored.definition).toMatchObject({
      root: {
        op: "and",
        children: [
          { type: "value", metric: "rfm_recency", operator: "eq", value: 1 },
          { type: "value", metric: "rfm_frequency", operator: "eq", value: 2 },
        ],
      },
    });
    await expect(saveRfmSegment({ ...editor, role: "VIEWER" }, { kind: "segment", segment: "lost" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveRfmSegment(editor, { kind: "cell", recency: 6, frequency: 1 })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
