/**
 * evaluate(): each `as` mode against the engine's own answers (member ids from SQL, the in-memory
 * matcher), validation of the input, and the workspace boundary.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Condition, SegmentDefinition } from "@/lib/segments/definition";
import { evaluate, loadCustomerFacts, loadEvaluationContext } from "@/lib/segments/evaluate";
import { segmentMemberIds } from "@/lib/segments/queries";
import { loadContext } from "@/lib/segments/context";
import { createSegment, createStaticSegment } from "@/lib/segments/store";
import { addStaticMembers } from "@/lib/segments/static-members";
import { blankCustomer, createTestWorkspace, insertPopulation, type PopulationMember } from "@/lib/segments/test-fixtures";

const NOW = new Date("2024-06-15T12:00:00.000Z");
const DAY = 86_400_000;
const def = (...children: Condition[]): SegmentDefinition => ({ version: 1, root: { type: "group", op: "and", children } });
const us: Condition = { type: "field", field: "country", operator: "eq", value: "US" };
const buyer: Condition = {
  type: "behavior",
  kind: "aggregate",
  subject: { source: "orders" },
  aggregate: "count",
  window: { kind: "ever" },
  operator: "gte",
  value: 1,
};
const champions: Condition = { type: "value", metric: "rfm_recency", operator: "gte", value: 3 };

const population: PopulationMember[] = Array.from({ length: 12 }, (_, i) => ({
  customer: blankCustomer(i + 1, { country: i % 2 === 0 ? "US" : "FR", lastName: `Name ${String(i).padStart(2, "0")}` }),
  history: {
    orders: Array.from({ length: i % 4 }, (_, k) => ({
      orderedAt: new Date(NOW.getTime() - (i * 7 + k) * DAY),
      amount: String(10 + ((i * 3) % 5)),
      category: null,
      channel: null,
    })),
    events: [],
  },
}));

let ws = "";
let other = "";
let buyersId = "";
let vipsId = "";

async function sqlIds(workspaceId: string, definition: SegmentDefinition): Promise<number[]> {
  return segmentMemberIds(db, workspaceId, definition, await loadContext(db, workspaceId, [definition], { now: NOW }));
}

beforeAll(async () => {
  ws = await createTestWorkspace(db);
  other = await createTestWorkspace(db);
  await insertPopulation(db, ws, population);
  await insertPopulation(db, other, population.slice(0, 3));
  buyersId = (await createSegment(db, ws, { name: "Buyers", definition: def(buyer) }, { now: NOW })).segment.id;
  vipsId = (await db.$transaction((tx) => createStaticSegment(tx, ws, { name: "VIPs" }))).id;
  await db.$transaction((tx) => addStaticMembers(tx, ws, { segmentId: vipsId }, [1, 4, 7], { now: NOW }));
});

describe("evaluate", () => {
  it("counts what SQL selects", async () => {
    for (const definition of [def(us), def(us, buyer), def(champions), def()]) {
      const result = await evaluate(db, ws, definition, { as: "count", now: NOW });
      expect(result).toEqual({ as: "count", count: (await sqlIds(ws, definition)).length });
    }
  });

  it("lists members a page at a time, bounded", async () => {
    const context = await loadEvaluationContext(db, ws, { now: NOW });
    const all = await sqlIds(ws, def(us));
    const page = await evaluate(db, ws, def(us), { as: "members", context, limit: 2, offset: 1, orderBy: "id" });
    expect(page.as).toBe("members");
    expect(page.members.map((m) => m.id)).toEqual(all.slice(1, 3));
    const huge = await evaluate(db, ws, def(us), { as: "members", context, limit: 1_000_000, offset: -5 });
    expect({ limit: huge.limit, offset: huge.offset }).toEqual({ limit: 1000, offset: 0 });
    expect(huge.members.map((m) => m.id).sort((a, b) => a - b)).toEqual(all);
  });

  it("overlaps the definition with saved segments", async () => {
    const result = await evaluate(db, ws, def(us), { as: "overlaps", segmentIds: [buyersId, vipsId], now: NOW });
    const sets = [await sqlIds(ws, def(us)), await sqlIds(ws, def(buyer)), [1, 4, 7]].map((ids) => new Set(ids));
    const both = (a: Set<number>, b: Set<number>) => [...a].filter((id) => b.has(id)).length;
    expect(result.segmentIds).toEqual([buyersId, vipsId]);
    expect(result.sizes).toEqual(sets.map((s) => s.size));
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(result.pairs[i]![j], `${i}/${j}`).toBe(both(sets[i]!, sets[j]!));
    const ids = population.map((p) => p.customer.id);
    expect(result.all).toBe(ids.filter((id) => sets.every((s) => s.has(id))).length);
    expect(result.any).toBe(ids.filter((id) => sets.some((s) => s.has(id))).length);
    await expect(evaluate(db, ws, def(us), { as: "overlaps", segmentIds: Array(8).fill(buyersId) })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("explains one customer, agreeing with SQL", async () => {
    const context = await loadEvaluationContext(db, ws, { now: NOW });
    const definition = def(us, champions, { type: "membership", target: "segment", operator: "not_in", id: vipsId });
    const members = new Set(await sqlIds(ws, definition));
    for (const p of population) {
      const result = await evaluate(db, ws, definition, { as: "explain", customerId: p.customer.id, context });
      expect(result.matched, `customer ${p.customer.id}`).toBe(members.has(p.customer.id));
      expect(result.explanation.children).toHaveLength(3);
    }
    // A static segment, with its facts loaded once, is explained in its own words.
    const facts = await loadCustomerFacts(db, ws, 4);
    const vips = await evaluate(db, ws, { version: 1, root: { type: "group", op: "and", children: [{ type: "membership", target: "segment", operator: "in", id: vipsId }] } }, {
      as: "explain",
      customerId: 4,
      context,
      facts: facts!,
      segment: { id: vipsId, name: "VIPs", kind: "STATIC" },
    });
    expect(vips).toMatchObject({ matched: true, explanation: { summary: "added by hand to the static segment “VIPs”" } });
  });

  it("validates the input, including references to the segment being edited", async () => {
    await expect(evaluate(db, ws, { version: 1, root: { type: "nope" } }, { as: "count" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      evaluate(db, ws, def({ type: "membership", target: "segment", operator: "in", id: buyersId }), { as: "count", self: buyersId }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(evaluate(db, ws, def({ type: "field", field: "trait.unknown", operator: "is_set" }), { as: "count" })).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });

  it("stays inside the workspace", async () => {
    // Another workspace's segment and customer read as unknown; a context is tied to its workspace.
    await expect(evaluate(db, other, def(us), { as: "overlaps", segmentIds: [buyersId] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(evaluate(db, other, def(us), { as: "explain", customerId: 9 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await evaluate(db, other, def(us), { as: "count" })).toEqual({ as: "count", count: 2 });
    const context = await loadEvaluationContext(db, ws, { now: NOW });
    await expect(evaluate(db, other, def(us), { as: "count", context })).rejects.toThrow(/another workspace/);
  });
});
