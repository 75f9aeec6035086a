/**
 * A strategy's reach, each customer's assigned segment and the holdout equal an independent
 * computation in JavaScript over the generated customers (overlapping segments, NULL incomes and
 * countries, customers without orders, a negative persona switched off, a suppression list), and
 * the holdout is the same on every recomputation and is what activation stores.
 */
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ServiceContext } from "@/lib/domain/context";
import { DomainError } from "@/lib/errors";
import type { SegmentDefinition } from "@/lib/segments/definition";
import { createSegment } from "@/lib/segments/store";
import { blankCustomer, createTestWorkspace, insertPopulation, type PopulationMember } from "@/lib/segments/test-fixtures";
import { compareStrategies, strategyAudience, strategyPlan, type StrategyLike } from "@/lib/targeting/plan";
import { createStrategy, rateSegment, updateStrategy } from "@/lib/targeting/service";
import type { CreateStrategyInput, StrategyConfig } from "@/lib/validations/strategy";

const NOW = new Date("2024-06-15T12:00:00.000Z");
const rules = (children: SegmentDefinition["root"]["children"]): SegmentDefinition => ({ version: 1, root: { type: "group", op: "and", children } });

type Person = { id: number; country: string | null; income: number | null; optIn: boolean; industry: string | null; spent: number };

function people(n: number): Person[] {
  const countries = ["US", "DE", "US", "FR", null];
  const incomes = [null, 15_000, 40_000, 65_000, 120_000, 40_000];
  const industries = ["Retail", "Software", null];
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    country: countries[i % 5]!,
    income: incomes[i % 6]!,
    optIn: i % 7 !== 0,
    industry: industries[i % 3]!,
    spent: i % 4 === 0 ? 0 : 10 + (i % 9),
  }));
}

// The rules in JavaScript (NULL never matches a comparison).
const inA = (p: Person) => p.country === "US";
const inB = (p: Person) => p.income !== null && p.income >= 40_000;
const inC = (p: Person) => p.industry === "Retail";
const negLow = (p: Person) => p.income !== null && p.income < 20_000;
const negSoftware = (p: Person) => p.industry === "Software";
const inExcludedSegment = (p: Person) => p.country === "FR";
const bucket = (seed: string, id: number) => parseInt(createHash("md5").update(`${seed}:${id}`).digest("hex").slice(0, 8), 16) % 10_000;

describe("targeting strategy plan", () => {
  const population = people(240);
  let ws: string;
  let editor: ServiceContext;
  let viewer: ServiceContext;
  let ids: { a: string; b: string; c: string; fr: string; low: string; software: string };

  beforeAll(async () => {
    ws = await createTestWorkspace(db);
    const user = await db.user.create({ data: { email: `strategy-${Date.now()}@example.com`, name: "Sam Strategist" } });
    const other = await db.user.create({ data: { email: `strategy-v-${Date.now()}@example.com`, name: "Val Viewer" } });
    await db.membership.createMany({ data: [{ workspaceId: ws, userId: user.id, role: "EDITOR" }, { workspaceId: ws, userId: other.id, role: "VIEWER" }] });
    editor = { workspaceId: ws, actor: { id: user.id, email: user.email }, role: "EDITOR" };
    viewer = { workspaceId: ws, actor: { id: other.id, email: other.email }, role: "VIEWER" };
    const members: PopulationMember[] = population.map((p) => ({
      customer: blankCustomer(p.id, { country: p.country, annualIncome: p.income, emailOptIn: p.optIn, industry: p.industry }),
      history: { orders: p.spent ? [{ orderedAt: new Date("2024-05-01T10:00:00.000Z"), amount: p.spent.toFixed(2), category: null, channel: null }] : [], events: [] },
    }));
    await insertPopulation(db, ws, members);
    const seg = async (name: string, def: SegmentDefinition) => (await createSegment(db, ws, { name, definition: def })).segment.id;
    const a = await seg("US", rules([{ type: "field", field: "country", operator: "eq", value: "US" }]));
    const b = await seg("Earners", rules([{ type: "field", field: "annualIncome", operator: "gte", value: 40_000 }]));
    const c = await seg("Retail", rules([{ type: "field", field: "industry", operator: "eq", value: "Retail" }]));
    const fr = await seg("France", rules([{ type: "field", field: "country", operator: "eq", value: "FR" }]));
    const persona = async (name: string, def: SegmentDefinition) => (await db.persona.create({ data: { workspaceId: ws, name, isNegative: true, definition: def }, select: { id: true } })).id;
    const low = await persona("Low income", rules([{ type: "field", field: "annualIncome", operator: "lt", value: 20_000 }]));
    const software = await persona("Software", rules([{ type: "field", field: "industry", operator: "eq", value: "Software" }]));
    ids = { a, b, c, fr, low, software };
  });

  const config = (): StrategyConfig => ({
    targets: [
      { segmentId: ids.b, positioning: "Quality first", offer: "Free shipping", channel: "E-mail", personaId: null, marginPercent: 40, costToServe: 2 },
      { segmentId: ids.a, positioning: null, offer: "10% off", channel: "Ads", personaId: null, marginPercent: null, costToServe: null },
      { segmentId: ids.c, positioning: null, offer: "Bundle", channel: "E-mail", personaId: null, marginPercent: 25, costToServe: 0 },
    ],
    weights: { attractiveness: 40, profitability: 40, compatibility: 20 },
    exclusions: { personasOff: [{ personaId: ids.software, reason: "Software buyers are a test market this quarter" }], segmentIds: [ids.fr], suppressOptedOut: true },
    holdoutPercent: 10,
  });
  const input = (): CreateStrategyInput => ({ name: "Spring", type: "DIFFERENTIATED", config: config() });

  /** Independent: slot, exclusion and holdout of every customer. */
  function expected(seed: string) {
    const order = [inB, inA, inC];
    return population.flatMap((p) => {
      const slot = order.findIndex((f) => f(p));
      if (slot < 0) return [];
      if (negLow(p) || inExcludedSegment(p) || !p.optIn) return [];
      void negSoftware; // switched off: not applied
      return [{ id: p.id, slot, held: bucket(seed, p.id) < 1000, spent: p.spent }];
    });
  }

  it("reach, assignment and holdout equal the independent computation, and stay put", async () => {
    const { id } = await createStrategy(editor, input());
    const strategy: StrategyLike = { id, type: "DIFFERENTIATED", config: config() };
    const want = expected(id);
    const plan = await strategyPlan(ws, strategy, NOW);
    expect(plan.audience.customers).toBe(want.length);
    expect(plan.audience.revenue).toBeCloseTo(want.reduce((s, w) => s + w.spent, 0), 2);
    expect(plan.audience.customers).toBeLessThan(plan.sumOfSizes);
    expect(plan.targets.map((t) => t.size.customers)).toEqual([population.filter(inB).length, population.filter(inA).length, population.filter(inC).length]);
    for (let i = 0; i < 3; i++) {
      const mine = want.filter((w) => w.slot === i);
      expect(plan.targets[i]!.assigned.customers).toBe(mine.length);
      expect(plan.targets[i]!.heldOut.customers).toBe(mine.filter((w) => w.held).length);
    }
    const held = want.filter((w) => w.held);
    expect(plan.heldOut.customers).toBe(held.length);
    expect(held.length).toBeGreaterThan(0);
    // Expected value of the first target: (revenue of contacted) × 40 % − 2 per contacted customer.
    const first = want.filter((w) => w.slot === 0 && !w.held);
    expect(plan.targets[0]!.expectedValue).toBeCloseTo(first.reduce((s, w) => s + w.spent, 0) * 0.4 - 2 * first.length, 2);
    // Exclusions: the active negative persona, the segment and the suppression list; not the switched-off one.
    expect(plan.exclusions.map((e) => e.name)).toEqual(["Low income", "France", "Opted out of e-mail"]);
    const union = population.filter((p) => inA(p) || inB(p) || inC(p));
    expect(plan.exclusions[0]!.removed.customers).toBe(union.filter(negLow).length);
    expect(plan.negativePersonas.find((p) => p.id === ids.software)?.off).toMatch(/test market/);

    // Customer by customer (the export's stream), twice: the same assignment and holdout
    const read = async () => {
      const out: { id: number; slot: number; held: boolean }[] = [];
      for await (const rows of strategyAudience(db, ws, strategy, NOW)) out.push(...rows.map((r) => ({ id: r.id, slot: r.slot, held: r.held })));
      return out;
    };
    const first1 = await read();
    expect(first1).toEqual(want.map(({ id: cid, slot, held: h }) => ({ id: cid, slot, held: h })));
    expect(await read()).toEqual(first1);

    // Activation stores the holdout
    const activated = await updateStrategy(editor, { id, expectedVersion: 1, ...input(), status: "ACTIVE" });
    expect(activated.heldOut).toBe(held.length);
    const stored = await db.strategyHoldout.findMany({ where: { workspaceId: ws, strategyId: id }, orderBy: { customerId: "asc" }, select: { customerId: true } });
    expect(stored.map((s) => s.customerId)).toEqual(held.map((h) => h.id));
  });

  it("validates the type, weights and workspace ids; no lost update; viewers rate but do not edit", async () => {
    const code = (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof DomainError ? e.code : String(e)));
    const fields = (p: Promise<unknown>) => p.then(() => ({}), (e: unknown) => (e instanceof DomainError ? e.fieldErrors : {}));
    expect(await fields(createStrategy(editor, { ...input(), type: "CONCENTRATED" }))).toHaveProperty(["config.targets"]);
    expect(await fields(createStrategy(editor, { ...input(), type: "UNDIFFERENTIATED" }))).toHaveProperty(["config.targets"]);
    expect(await fields(createStrategy(editor, { ...input(), config: { ...config(), weights: { attractiveness: 50, profitability: 40, compatibility: 20 } } }))).toHaveProperty(["config.weights"]);
    const elsewhere = await createTestWorkspace(db);
    const foreign = (await createSegment(db, elsewhere, { name: "X", definition: rules([{ type: "field", field: "country", operator: "is_set" }]) })).segment.id;
    const bad = config();
    bad.targets[0]!.segmentId = foreign;
    expect(await fields(createStrategy(editor, { ...input(), config: bad }))).toHaveProperty(["config.targets.0.segmentId"]);
    expect(await code(createStrategy(viewer, input()))).toBe("FORBIDDEN");

    const { id } = await createStrategy(editor, input());
    await updateStrategy(editor, { id, expectedVersion: 1, ...input(), name: "Spring v2" });
    expect(await code(updateStrategy(editor, { id, expectedVersion: 1, ...input(), name: "Stale" }))).toBe("CONFLICT");

    await rateSegment(viewer, { strategyId: id, segmentId: ids.a, score: 5, note: "Fits our brand" });
    await rateSegment(editor, { strategyId: id, segmentId: ids.a, score: 2 });
    const plan = await strategyPlan(ws, { id, type: "DIFFERENTIATED", config: config() }, NOW);
    const us = plan.scores.find((s) => s.segmentId === ids.a)!;
    expect(us.compatibilityMean).toBe(3.5);
    expect(us.ratingSpread).toBe(3);
    expect(plan.scores.map((s) => s.rank)).toEqual(plan.scores.map((_, i) => i + 1));
    expect(await code(rateSegment(viewer, { strategyId: id, segmentId: foreign, score: 3 }))).toBe("NOT_FOUND");
  });

  it("compares two strategies: the customers their audiences share equal an independent count", async () => {
    const a: StrategyLike = { id: "strategy-a", type: "DIFFERENTIATED", config: config() };
    const onlyUs: StrategyConfig = { ...config(), targets: [config().targets[1]!], exclusions: { personasOff: [], segmentIds: [], suppressOptedOut: false }, holdoutPercent: 0 };
    const b: StrategyLike = { id: "strategy-b", type: "CONCENTRATED", config: onlyUs };
    const { plans, shared } = await compareStrategies(ws, a, b, NOW);
    const inAudienceA = (p: Person) => (inA(p) || inB(p) || inC(p)) && !negLow(p) && !inExcludedSegment(p) && p.optIn;
    const inAudienceB = (p: Person) => inA(p) && !negLow(p) && !negSoftware(p);
    expect(plans[1].audience.customers).toBe(population.filter(inAudienceB).length);
    expect(shared).toBe(population.filter((p) => inAudienceA(p) && inAudienceB(p)).length);
    expect(shared).toBeGreaterThan(0);
  });
});
