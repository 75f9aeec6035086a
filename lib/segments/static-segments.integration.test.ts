/**
 * Static segments: their members are exactly their `SegmentMember` rows, in SQL (counts, pages,
 * streamed exports, overlaps, membership conditions) and in memory (match and its explanation).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { customerSegmentMatches, segmentDetail } from "@/lib/dal/segments";
import { countSegment, listSegmentMembers, overlapCounts, segmentMemberIds, streamSegmentMembers } from "@/lib/segments/queries";
import { loadContext, createReferenceLoader, type EvaluationContext } from "@/lib/segments/context";
import { emptyDefinition, staticSegmentDefinition, type SegmentDefinition, type SegmentNode } from "@/lib/segments/definition";
import { match, matchSegment } from "@/lib/segments/match";
import { addStaticMembers } from "@/lib/segments/static-members";
import { createSegment, deleteSegment, duplicateSegment, getSegment, recordSegmentSnapshot, updateSegment } from "@/lib/segments/store";
import { blankCustomer, createTestWorkspace, insertPopulation, populationRfm, type PopulationMember } from "@/lib/segments/test-fixtures";
import { validateDefinition } from "@/lib/segments/validate";
import { buildCatalog } from "@/lib/segments/catalog";

const NOW = new Date("2024-03-01T12:00:00.000Z");
const DAY = 86_400_000;
const def = (...children: SegmentNode[]): SegmentDefinition => ({ version: 1, root: { type: "group", op: "and", children } });
const order = (daysAgo: number, amount: string) => ({ orderedAt: new Date(NOW.getTime() - daysAgo * DAY), amount, category: null, channel: null });

const people: PopulationMember[] = [
  { customer: blankCustomer(1, { firstName: "Ada", country: "US" }), history: { orders: [order(3, "120.00")], events: [] } },
  { customer: blankCustomer(2, { firstName: "Bob", country: "US" }), history: { orders: [], events: [] } },
  { customer: blankCustomer(3, { firstName: "Cleo", country: "DE" }), history: { orders: [order(40, "15.50"), order(2, "9.99")], events: [] } },
  { customer: blankCustomer(4, { firstName: "Dan", country: "FR" }), history: { orders: [], events: [] } },
  { customer: blankCustomer(5, { firstName: "Eve", country: null }), history: { orders: [order(200, "60.00")], events: [] } },
];
/** Added by hand to "VIPs" in the workspace under test. */
const HAND_PICKED = [1, 3, 5];

let ws = "";
let other = "";
let vipsId = "";

/** `staticMember` for match, read from the database as the profile page does. */
async function staticMembersOf(workspaceId: string) {
  const rows = await db.segmentMember.findMany({ where: { workspaceId }, select: { segmentId: true, customerId: true } });
  const keys = new Set(rows.map((r) => `${r.segmentId}:${r.customerId}`));
  return (segmentId: string, customerId: number) => keys.has(`${segmentId}:${customerId}`);
}

async function contextFor(definitions: SegmentDefinition[], workspaceId = ws): Promise<EvaluationContext> {
  const ctx = await loadContext(db, workspaceId, definitions, { now: NOW });
  return { ...ctx, rfm: populationRfm(people), staticMember: await staticMembersOf(workspaceId) };
}

/** Members by SQL, checked against match customer by customer. */
async function members(definition: SegmentDefinition): Promise<number[]> {
  const ctx = await contextFor([definition]);
  const sqlIds = await segmentMemberIds(db, ws, definition, ctx);
  const inMemory = people.filter((p) => match(definition, p.customer, p.history, ctx).matched).map((p) => p.customer.id);
  expect(sqlIds, JSON.stringify(definition)).toEqual(inMemory);
  expect(await countSegment(db, ws, definition, ctx), "count differs from the member list").toBe(sqlIds.length);
  return sqlIds;
}

beforeAll(async () => {
  ws = await createTestWorkspace(db);
  other = await createTestWorkspace(db);
  await insertPopulation(db, ws, people);
  await insertPopulation(db, other, people);
  const { segment, size } = await createSegment(db, ws, { name: "VIPs", kind: "STATIC", actorId: null }, { now: NOW });
  expect(size).toBe(0);
  vipsId = segment.id;
  const added = await db.$transaction((tx) => addStaticMembers(tx, ws, { segmentId: vipsId }, HAND_PICKED, { now: NOW }));
  expect(added).toMatchObject({ changed: 3, size: 3 });
  // Another workspace has a static segment with the very same id, and other members.
  await db.segment.create({ data: { workspaceId: other, id: vipsId, name: "VIPs elsewhere", kind: "STATIC", definition: emptyDefinition() } });
  await db.segmentMember.createMany({ data: [2, 4].map((customerId) => ({ workspaceId: other, segmentId: vipsId, customerId })) });
});

describe("a static segment in SQL", () => {
  it("is read back as “is in this segment”, while storing no rules", async () => {
    const saved = await getSegment(db, ws, vipsId);
    expect(saved.kind).toBe("STATIC");
    expect(saved.definition).toEqual(staticSegmentDefinition(vipsId));
    const row = await db.segment.findFirstOrThrow({ where: { workspaceId: ws, id: vipsId } });
    expect(row.definition).toEqual(emptyDefinition());
  });

  it("counts, pages, streams and overlaps exactly its member rows, never another workspace's", async () => {
    const vips = (await getSegment(db, ws, vipsId)).definition;
    const ctx = await contextFor([vips]);
    expect(await countSegment(db, ws, vips, ctx)).toBe(3);
    expect(await segmentMemberIds(db, ws, vips, ctx)).toEqual(HAND_PICKED);
    const page = await listSegmentMembers(db, ws, vips, ctx, { limit: 2, offset: 1, orderBy: "id" });
    expect(page.map((m) => m.id)).toEqual([3, 5]);
    const batches: number[][] = [];
    for await (const batch of streamSegmentMembers(db, ws, vips, ctx, { batchSize: 2 })) batches.push(batch.map((m) => m.id));
    expect(batches).toEqual([[1, 3], [5]]);

    const us = def({ type: "field", field: "country", operator: "eq", value: "us" });
    const overlap = await overlapCounts(db, ws, [vips, us], ctx);
    expect(overlap.sizes).toEqual([3, 2]);
    expect(overlap.pairs[0]![1]).toBe(1);
    expect(overlap.all).toBe(1);
    expect(overlap.any).toBe(4);

    const elsewhere = staticSegmentDefinition(vipsId);
    expect(await segmentMemberIds(db, other, elsewhere, await contextFor([elsewhere], other))).toEqual([2, 4]);
  });

  it("follows the member table as it changes", async () => {
    const vips = staticSegmentDefinition(vipsId);
    await db.segmentMember.delete({ where: { workspaceId_segmentId_customerId: { workspaceId: ws, segmentId: vipsId, customerId: 5 } } });
    try {
      expect(await members(vips)).toEqual([1, 3]);
    } finally {
      await db.segmentMember.create({ data: { workspaceId: ws, segmentId: vipsId, customerId: 5, addedAt: NOW } });
    }
    expect(await members(vips)).toEqual(HAND_PICKED);
  });
});

describe("membership conditions on a static segment", () => {
  const inVips = (): SegmentNode => ({ type: "membership", target: "segment", operator: "in", id: vipsId });
  const notInVips = (): SegmentNode => ({ type: "membership", target: "segment", operator: "not_in", id: vipsId });

  it("in / not in, combined with other rules, SQL and match agreeing", async () => {
    expect(await members(def(inVips()))).toEqual([1, 3, 5]);
    expect(await members(def(notInVips()))).toEqual([2, 4]);
    expect(await members(def(inVips(), { type: "field", field: "country", operator: "in", value: ["US", "DE"] }))).toEqual([1, 3]);
    expect(
      await members({
        version: 1,
        root: { type: "group", op: "or", negate: true, children: [inVips(), { type: "field", field: "country", operator: "eq", value: "FR" }] },
      }),
    ).toEqual([2]);
    // A rule that could be counted from the order aggregates alone still checks the member table.
    const buyers = def(inVips(), {
      type: "behavior",
      kind: "aggregate",
      subject: { source: "orders" },
      aggregate: "count",
      window: { kind: "last", amount: 30, unit: "days" },
      operator: "gte",
      value: 1,
    });
    expect(await members(buyers)).toEqual([1, 3]);
    expect(await members(def({ type: "value", metric: "clv", operator: "lt", value: 50 }, notInVips()))).toEqual([2, 4]);
  });

  it("a saved dynamic segment and a persona can be built on it", async () => {
    const { segment, size } = await createSegment(db, ws, {
      name: "VIPs in the US or Germany",
      definition: def(inVips(), { type: "field", field: "country", operator: "in", value: ["US", "DE"] }),
    }, { now: NOW });
    expect(size).toBe(2);
    const nested = def({ type: "membership", target: "segment", operator: "in", id: segment.id });
    expect(await members(nested)).toEqual([1, 3]);

    const persona = await db.persona.create({ data: { workspaceId: ws, name: "Hand-picked", segmentId: vipsId } });
    expect(await members(def({ type: "membership", target: "persona", operator: "matches", id: persona.id }))).toEqual([1, 3, 5]);
    expect(await members(def({ type: "membership", target: "persona", operator: "not_matches", id: persona.id }))).toEqual([2, 4]);
  });

  it("validates as a reference without rules to follow", async () => {
    const result = await validateDefinition(def(inVips()), { catalog: buildCatalog(), loader: createReferenceLoader(db, ws) });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.references.segments.get(vipsId)).toEqual({ id: vipsId, name: "VIPs", kind: "STATIC" });
  });
});

describe("a static segment in memory", () => {
  it("is matched by whether the customer was added by hand, and says so", async () => {
    const vips = await getSegment(db, ws, vipsId);
    const ctx = await contextFor([vips.definition]);
    const sqlIds = await segmentMemberIds(db, ws, vips.definition, ctx);
    for (const p of people) {
      const { matched, explanation } = matchSegment(vips, p.customer, p.history, ctx);
      expect(matched).toBe(sqlIds.includes(p.customer.id));
      expect(explanation).toEqual({
        path: "root",
        kind: "membership",
        matched,
        summary: matched ? "added by hand to the static segment “VIPs”" : "not added by hand to the static segment “VIPs”",
      });
    }
  });

  it("explains a membership condition on it in the same words", async () => {
    const ctx = await contextFor([def({ type: "membership", target: "segment", operator: "not_in", id: vipsId })]);
    const bob = people[1]!;
    const { matched, explanation } = match(
      def({ type: "membership", target: "segment", operator: "not_in", id: vipsId }),
      bob.customer,
      bob.history,
      ctx,
    );
    expect(matched).toBe(true);
    expect(explanation.children?.[0]).toMatchObject({ kind: "membership", summary: "Not in segment “VIPs”", matched: true, actual: false });
    expect(explanation.children?.[0]?.children?.[0]).toMatchObject({ summary: "not added by hand to the static segment “VIPs”", matched: false });
  });

  it("refuses to guess when the members were not loaded", async () => {
    const ctx = await loadContext(db, ws, [staticSegmentDefinition(vipsId)], { now: NOW });
    expect(() => match(staticSegmentDefinition(vipsId), people[0]!.customer, people[0]!.history, ctx)).toThrow(/static segments were not loaded/);
  });

  it("the profile's segments panel agrees with SQL for every customer", async () => {
    const segments = await db.segment.findMany({ where: { workspaceId: ws, archivedAt: null }, select: { id: true } });
    for (const p of people) {
      const panel = await customerSegmentMatches(ws, p.customer.id, 25, NOW);
      expect(panel).toHaveLength(segments.length);
      for (const row of panel) {
        const saved = await getSegment(db, ws, row.id);
        const ids = await segmentMemberIds(db, ws, saved.definition, await contextFor([saved.definition]));
        expect(row.matched, `${row.name} / customer ${p.customer.id}`).toBe(ids.includes(p.customer.id));
      }
      const vips = panel.find((r) => r.id === vipsId);
      expect(vips?.explanation.summary).toBe(`${HAND_PICKED.includes(p.customer.id) ? "added" : "not added"} by hand to the static segment “VIPs”`);
    }
  });
});

describe("saved static segments", () => {
  it("take no rules, on create or on save", async () => {
    const before = await db.segment.count({ where: { workspaceId: ws } });
    await expect(
      createSegment(db, ws, { name: "Ruled", kind: "STATIC", definition: def({ type: "field", field: "country", operator: "eq", value: "US" }) }),
    ).rejects.toMatchObject({ code: "VALIDATION", issues: [{ path: "definition" }] });
    expect(await db.segment.count({ where: { workspaceId: ws } })).toBe(before);

    const current = await getSegment(db, ws, vipsId);
    await expect(
      updateSegment(db, ws, vipsId, { expectedVersion: current.version, definition: def({ type: "field", field: "country", operator: "eq", value: "US" }) }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const saved = await updateSegment(db, ws, vipsId, { expectedVersion: current.version, name: "VIPs", description: "Our favourites", definition: emptyDefinition() }, { now: NOW });
    expect(saved).toMatchObject({ size: 3, segment: { version: current.version + 1, description: "Our favourites", kind: "STATIC" } });
    expect((await db.segment.findFirstOrThrow({ where: { workspaceId: ws, id: vipsId } })).definition).toEqual(emptyDefinition());
  });

  it("snapshot their member count; the page lists members with when they were added", async () => {
    expect(await recordSegmentSnapshot(db, ws, vipsId, { now: NOW })).toBe(3);
    const detail = await segmentDetail(ws, vipsId, 1, "name");
    expect(detail.size).toBe(3);
    expect(detail.members.map((m) => m.id).sort()).toEqual(HAND_PICKED);
    expect(detail.members.every((m) => m.addedAt?.getTime() === NOW.getTime())).toBe(true);
  });

  it("duplicate with their members; deleting one removes its list only", async () => {
    const { segment: copy, size } = await duplicateSegment(db, ws, vipsId, { actorId: null }, { now: NOW });
    expect(copy).toMatchObject({ kind: "STATIC", name: "VIPs (copy)" });
    expect(size).toBe(3);
    expect(await db.segmentMember.count({ where: { workspaceId: ws, segmentId: copy.id } })).toBe(3);
    await deleteSegment(db, ws, copy.id);
    expect(await db.segmentMember.count({ where: { workspaceId: ws, segmentId: copy.id } })).toBe(0);
    expect(await db.segmentMember.count({ where: { workspaceId: ws, segmentId: vipsId } })).toBe(3);
  });
});
