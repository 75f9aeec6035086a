/**
 * References between segments cannot blow up: generated reference graphs (chains, diamonds, wide
 * fan-out, negations) compile to SQL that grows linearly with the distinct segments, evaluate in
 * bounded time, and agree with the in-memory matcher for every customer; the explanation sent to
 * the browser stays capped. Saves that would make a definition — or one that refers to it — too
 * large are refused, naming the segment.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { compile } from "@/lib/segments/compile";
import { countSegment, segmentMemberIds } from "@/lib/segments/queries";
import { createContext, emptyReferences, type ReferenceSet } from "@/lib/segments/context";
import { LIMITS, type Condition, type Group, type SegmentDefinition, type SegmentNode } from "@/lib/segments/definition";
import { SegmentError } from "@/lib/segments/errors";
import { match } from "@/lib/segments/match";
import { MAX_EXPLANATION_NODES, type Explanation } from "@/lib/segments/explanation";
import { createSegment, getSegment, updateSegment } from "@/lib/segments/store";
import {
  blankCustomer,
  createTestWorkspace,
  insertPopulation,
  populationRfm,
  testCatalog,
  type PopulationMember,
} from "@/lib/segments/test-fixtures";

const NOW = new Date("2024-03-01T12:00:00.000Z");
const DAY = 86_400_000;

/** 30 customers with a spread of countries and order histories (some with none). */
const population: PopulationMember[] = Array.from({ length: 30 }, (_, i) => ({
  customer: blankCustomer(i + 1, { country: ["US", "DE", null, "us"][i % 4] ?? null, emailOptIn: i % 3 === 0 }),
  history: {
    orders: Array.from({ length: i % 5 }, (_, k) => ({
      orderedAt: new Date(NOW.getTime() - (i * 7 + k * 31) * DAY),
      amount: String(10 + ((i * 13 + k * 7) % 90)),
      category: k % 2 ? "tents" : "boots",
      channel: null,
    })),
    events: [],
  },
}));

const LEAVES: Condition[] = [
  { type: "field", field: "country", operator: "eq", value: "US" },
  { type: "field", field: "emailOptIn", operator: "is_true" },
  { type: "behavior", kind: "aggregate", subject: { source: "orders" }, aggregate: "count", window: { kind: "ever" }, operator: "gte", value: 2 },
  { type: "behavior", kind: "aggregate", subject: { source: "orders", category: "tents" }, aggregate: "sum", window: { kind: "last", amount: 6, unit: "months" }, operator: "gt", value: 20 },
  { type: "value", metric: "rfm_segment", operator: "in", value: ["champions", "loyal", "potential_loyalists"] },
  { type: "value", metric: "rfm_recency", operator: "gte", value: 3 },
  { type: "value", metric: "clv", operator: "gte", value: 100 },
  { type: "value", metric: "lifecycle_stage", operator: "in", value: ["active", "new"] },
];

const ref = (i: number, negate = false): SegmentNode => ({
  type: "membership",
  target: "segment",
  operator: negate ? "not_in" : "in",
  id: `s${i}`,
});

type Graph = Group[];

/** Segment i may reference only segments below i (validation refuses cycles before compile sees them). */
const graphArb: fc.Arbitrary<Graph> = fc.integer({ min: 2, max: 10 }).chain((n) =>
  fc.oneof(
    // chain: each references the previous one `fan` times
    fc.tuple(fc.integer({ min: 1, max: 10 }), fc.constantFrom(...LEAVES), fc.boolean()).map(([fan, leaf, negate]) =>
      Array.from({ length: n }, (_, i): Group =>
        i === 0
          ? { type: "group", op: "and", children: [leaf] }
          : { type: "group", op: negate ? "or" : "and", children: [...Array.from({ length: fan }, () => ref(i - 1, negate && i % 2 === 0)), LEAVES[i % LEAVES.length]!] },
      ),
    ),
    // random DAG: diamonds and wide fan-out
    fc.array(
      fc.record({
        op: fc.constantFrom("and" as const, "or" as const),
        negate: fc.boolean(),
        leaves: fc.array(fc.constantFrom(...LEAVES), { minLength: 0, maxLength: 3 }),
        refs: fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 0, maxLength: 12 }),
      }),
      { minLength: n, maxLength: n },
    ).map((specs) =>
      specs.map((spec, i): Group => ({
        type: "group",
        op: spec.op,
        negate: spec.negate,
        children: [...spec.leaves, ...(i === 0 ? [] : spec.refs.map(([j, neg]) => ref(j % i, neg)))],
      })),
    ),
  ),
);

function references(graph: Graph): ReferenceSet {
  const refs = emptyReferences();
  graph.forEach((root, i) => refs.segments.set(`s${i}`, { id: `s${i}`, name: `Segment ${i}`, kind: "DYNAMIC", definition: { version: 1, root } }));
  return refs;
}

const ownSize = (g: Group): number => g.children.reduce((s, c) => s + (c.type === "group" ? ownSize(c) : 1), 0);
const nodes = (e: Explanation): number => 1 + (e.children ?? []).reduce((s, c) => s + nodes(c), 0);

let ws = "";
beforeAll(async () => {
  ws = await createTestWorkspace(db);
  await insertPopulation(db, ws, population);
});

describe("reference graphs", () => {
  it("compile once per segment, evaluate in bounded time and agree with the matcher", async () => {
    const rfm = populationRfm(population);
    await fc.assert(
      fc.asyncProperty(graphArb, async (graph) => {
        const ctx = createContext({ now: NOW, catalog: testCatalog(), references: references(graph), rfm, staticMember: () => false });
        const top: SegmentDefinition = { version: 1, root: graph[graph.length - 1]! };
        const started = Date.now();
        const compiled = compile(top, { ...ctx, workspaceId: ws });
        // Linear in the distinct segments: each one's rules appear once in the statement.
        const distinctConditions = graph.reduce((s, g) => s + ownSize(g), 0);
        expect(compiled.count.text.length).toBeLessThan(20_000 + 3_000 * distinctConditions);
        const ids = await segmentMemberIds(db, ws, top, ctx);
        const count = await countSegment(db, ws, top, ctx);
        const inMemory: number[] = [];
        for (const m of population) {
          const result = match(top, m.customer, m.history, ctx);
          expect(nodes(result.explanation)).toBeLessThanOrEqual(MAX_EXPLANATION_NODES);
          if (result.matched) inMemory.push(m.customer.id);
        }
        expect(ids).toEqual(inMemory);
        expect(count).toBe(ids.length);
        // Exponential work would take minutes (10 levels × 10 references = 10^10 leaves written out).
        expect(Date.now() - started).toBeLessThan(10_000);
      }),
      { numRuns: 40, seed: 20261130 },
    );
  });

  it("evaluates the ten-by-seven chain that used to exhaust the server's memory", async () => {
    const graph: Graph = [{ type: "group", op: "and", children: [LEAVES[0]!, LEAVES[4]!] }];
    for (let k = 1; k <= 7; k++) graph.push({ type: "group", op: "or", children: Array.from({ length: 10 }, () => ref(k - 1)) });
    const ctx = createContext({
      now: NOW,
      catalog: testCatalog(),
      references: references(graph),
      rfm: populationRfm(population),
      staticMember: () => false,
    });
    const top: SegmentDefinition = { version: 1, root: graph[7]! };
    const heapBefore = process.memoryUsage().heapUsed;
    const ids = await segmentMemberIds(db, ws, top, ctx);
    const direct = await segmentMemberIds(db, ws, { version: 1, root: graph[0]! }, ctx);
    expect(ids).toEqual(direct);
    for (const m of population) {
      const result = match(top, m.customer, m.history, ctx);
      expect(result.matched).toBe(direct.includes(m.customer.id));
      expect(nodes(result.explanation)).toBeLessThanOrEqual(MAX_EXPLANATION_NODES);
    }
    // Written out, this definition has 10^7 leaves; evaluated, it costs a few kilobytes.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
  });
});

describe("the expanded-size limit", () => {
  const us: SegmentDefinition = { version: 1, root: { type: "group", op: "and", children: [LEAVES[0]!] } };
  const tenTimes = (id: string): SegmentDefinition => ({
    version: 1,
    root: { type: "group", op: "or", children: Array.from({ length: 10 }, () => ({ type: "membership", target: "segment", operator: "in", id }) as SegmentNode) },
  });

  it("refuses a save whose references add up past the limit, and writes nothing", async () => {
    const l0 = await createSegment(db, ws, { name: "Level 0", definition: us }, { now: NOW });
    const l1 = await createSegment(db, ws, { name: "Level 1", definition: tenTimes(l0.segment.id) }, { now: NOW });
    const l2 = await createSegment(db, ws, { name: "Level 2", definition: tenTimes(l1.segment.id) }, { now: NOW });
    const before = await db.segment.count({ where: { workspaceId: ws } });
    const error = await createSegment(db, ws, { name: "Level 3", definition: tenTimes(l2.segment.id) }, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SegmentError);
    expect((error as SegmentError).message).toMatch(/2,110 conditions; at most 1,000/);
    expect(await db.segment.count({ where: { workspaceId: ws } })).toBe(before);
    expect(LIMITS.maxExpandedConditions).toBe(1000);
  });

  it("refuses a change that would push a segment referring to it past the limit, naming that segment", async () => {
    const base = await createSegment(db, ws, { name: "Base", definition: us }, { now: NOW });
    const middle = await createSegment(db, ws, { name: "Middle", definition: tenTimes(base.segment.id) }, { now: NOW });
    const top = await createSegment(db, ws, { name: "Top of the chain", definition: tenTimes(middle.segment.id) }, { now: NOW });
    expect(top.size).toBeGreaterThan(0);
    // Base grows from 1 condition to 9: Top would expand to 10 × (1 + 10 × (1 + 9)) = 1,010.
    const bigger: SegmentDefinition = { version: 1, root: { type: "group", op: "or", children: Array.from({ length: 9 }, () => LEAVES[0]!) } };
    const error = await updateSegment(db, ws, base.segment.id, { expectedVersion: 1, definition: bigger }, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SegmentError);
    expect((error as SegmentError).message).toContain("segment “Top of the chain”");
    expect((await getSegment(db, ws, base.segment.id)).version).toBe(1);
    // A change that keeps every dependant within the limit is saved.
    const ok: SegmentDefinition = { version: 1, root: { type: "group", op: "or", children: Array.from({ length: 8 }, () => LEAVES[0]!) } };
    await expect(updateSegment(db, ws, base.segment.id, { expectedVersion: 1, definition: ok }, { now: NOW })).resolves.toMatchObject({
      segment: { version: 2 },
    });
  });
});
