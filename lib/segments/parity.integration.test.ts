/**
 * Parity, proven by property: for random definitions over random customers with orders and events,
 * the SQL compiler and the in-memory matcher select exactly the same customers (on PGlite, and on
 * PostgreSQL when TEST_DATABASE_URL is set). Values are drawn from small domains around the
 * boundaries that matter (case, nulls, wrong JSON types, "last N days" cut-offs ± 1 ms, month ends,
 * 29 February), so that random definitions actually hit them. Membership conditions reach two
 * dynamic segments (s1, s2) and a static one (s3, a random hand-picked list), and a persona.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { countSegment, overlapCounts, segmentMemberIds } from "@/lib/segments/queries";
import { createContext, emptyReferences } from "@/lib/segments/context";
import {
  DATE_OPERATORS,
  LIFECYCLE_STAGES,
  RFM_SEGMENTS,
  type Condition,
  type FieldCondition,
  type Group,
  type SegmentDefinition,
  type SegmentNode,
  type Subject,
  type TimeUnit,
  type Window,
} from "@/lib/segments/definition";
import { match, type CustomerRecord } from "@/lib/segments/match";
import { addDays, subtractUnits, utcDay } from "@/lib/segments/time";
import {
  blankCustomer,
  createTestWorkspace,
  insertPopulation,
  populationRfm,
  testCatalog,
  type PopulationMember,
} from "@/lib/segments/test-fixtures";

const DAY = 86_400_000;
const NOWS = ["2024-03-01T12:00:00.000Z", "2023-02-28T23:59:59.999Z", "2024-12-31T00:00:00.000Z"].map((s) => new Date(s));
const AMOUNTS: [number, TimeUnit][] = [
  [1, "days"],
  [7, "days"],
  [30, "days"],
  [90, "days"],
  [2, "weeks"],
  [1, "months"],
  [3, "months"],
];

// ---- value domains ------------------------------------------------------------------------------

/** An instant near a cut-off the definitions use, relative to `now`. */
const instantArb = (now: Date) =>
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom(...AMOUNTS).map(([n, u]) => subtractUnits(now, n, u).getTime()),
        fc.integer({ min: -400, max: 3 }).map((d) => now.getTime() + d * DAY),
        fc.constantFrom(...NOWS.map((d) => d.getTime())),
        fc.constantFrom(Date.parse(`${utcDay(now)}T00:00:00.000Z`), Date.parse("2024-02-29T00:00:00.000Z")),
      ),
      fc.constantFrom(0, 0, -1, 1, -12 * 3_600_000),
    )
    .map(([t, j]) => new Date(t + j));

const dayArb = (now: Date) =>
  fc.oneof(
    fc.integer({ min: -400, max: 10 }).map((d) => addDays(utcDay(now), d)),
    fc.constantFrom("2000-02-29", "1999-02-28", "1990-03-01", "1985-12-31", "1970-01-01", utcDay(now)),
    fc.tuple(fc.integer({ min: 1960, max: 2005 }), fc.integer({ min: -3, max: 20 })).map(([y, d]) =>
      addDays(`${y}${utcDay(now).slice(4)}`.replace(/-02-29$/, "-02-28"), d),
    ),
  );

const maybe = <T,>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 4 });
const COUNTRIES = ["US", "us", "Us", "DE", "de", ""];
const EMAILS = ["a@x.com", "A@X.COM", "b_c@y.org", "100%@z.net", "ab@x.com"];
const CITIES = ["New York", "new york", "Berlin", "York"];
const OTHER_TEXT = ["x", "X", "y", ""];
const TAGS = ["a", "b", "c", "A"];
const AMOUNT_VALUES = ["0.01", "10.00", "10.50", "99.99", "100.00", "0.10", "0.20"];
const CATEGORIES = ["Shoes", "shoes", "Books"];
const CHANNELS = ["web", "store"];

/**
 * Custom traits: each key may be missing, JSON null, an empty string, an empty array, a value of
 * another JSON type, or a value of the trait's type; the whole object may also be JSON null or an
 * array. All of these but the last kind are "not set" for the engine.
 */
const NOT_SET: unknown[] = [null, "", []];
const traitsObjectArb = (now: Date) =>
  fc.record(
    {
      plan: fc.constantFrom<unknown>("pro", "Pro", "free", 5, true, ["pro"], ...NOT_SET),
      score: fc.constantFrom<unknown>(1, 2.5, 10, 0, "10", true, ...NOT_SET),
      renewal: fc.oneof(dayArb(now).map<unknown>((d) => d), fc.constantFrom<unknown>("2023-03-01T10:00:00Z", "bad", 20240301, ...NOT_SET)),
      beta: fc.constantFrom<unknown>(true, false, "true", 0, ...NOT_SET),
      badges: fc.constantFrom<unknown>(["vip"], ["vip", "early"], ["vip", "vip"], "vip", [1, "vip"], [1], [null], [["vip"]], { vip: true }, ...NOT_SET),
    },
    { requiredKeys: [] },
  );
const traitsArb = (now: Date) =>
  fc.oneof(
    { arbitrary: traitsObjectArb(now).map<unknown>((t) => t), weight: 12 },
    { arbitrary: fc.constantFrom<unknown>(null, [], ["plan"]), weight: 1 },
  );

/**
 * Every column of "Customer" that the database allows NULL in, with its non-NULL values; each is
 * NULL about one time in four. A test below checks this list against the live catalog.
 */
const nullableColumnArbs = (now: Date) => ({
  email: maybe(fc.constantFrom(...EMAILS)),
  firstName: maybe(fc.constantFrom("Ada", "", "bob")),
  lastName: maybe(fc.constantFrom(...OTHER_TEXT)),
  gender: maybe(fc.constantFrom(...OTHER_TEXT)),
  birthDate: maybe(dayArb(now).map((d) => new Date(`${d}T00:00:00.000Z`))),
  annualIncome: maybe(fc.constantFrom("0.00", "10.50", "100.00", "99999.99")),
  occupation: maybe(fc.constantFrom(...OTHER_TEXT)),
  country: maybe(fc.constantFrom(...COUNTRIES)),
  region: maybe(fc.constantFrom(...OTHER_TEXT)),
  city: maybe(fc.constantFrom(...CITIES)),
  industry: maybe(fc.constantFrom(...OTHER_TEXT)),
  companySize: maybe(fc.constantFrom(0, 5, 10, 50)),
  lifecycleStage: maybe(fc.constantFrom(...OTHER_TEXT)),
  acquisitionChannel: maybe(fc.constantFrom(...OTHER_TEXT)),
  firstSeenAt: maybe(instantArb(now)),
});

const memberArb = (now: Date, id: number): fc.Arbitrary<PopulationMember> =>
  fc
    .record({
      nullable: fc.record(nullableColumnArbs(now)),
      emailOptIn: fc.boolean(),
      createdAt: instantArb(now),
      interests: fc.subarray(TAGS),
      needs: fc.subarray(TAGS),
      technologies: fc.subarray(TAGS),
      traits: traitsArb(now),
      orders: fc.array(
        fc.record({
          orderedAt: instantArb(now),
          amount: fc.constantFrom(...AMOUNT_VALUES),
          category: maybe(fc.constantFrom(...CATEGORIES)),
          channel: maybe(fc.constantFrom(...CHANNELS)),
        }),
        { maxLength: 4 },
      ),
      events: fc.array(
        fc.record({
          name: fc.constantFrom("page_view", "signup"),
          occurredAt: instantArb(now),
          properties: fc.constantFrom<unknown>({}, { page: "pricing" }, { page: "home" }, { page: 1 }, { page: true }),
        }),
        { maxLength: 3 },
      ),
    })
    .map(({ orders, events, nullable, ...c }) => ({
      customer: blankCustomer(id, { ...nullable, ...c }) satisfies CustomerRecord,
      history: { orders, events },
    }));

const populationArb = (now: Date) =>
  fc.integer({ min: 8, max: 24 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => memberArb(now, i + 1))));

// ---- definitions --------------------------------------------------------------------------------

const relArb = fc.constantFrom(...AMOUNTS).map(([amount, unit]) => ({ amount, unit }));
const numCmpArb = (values: number[]) =>
  fc.oneof(
    fc.record({ operator: fc.constantFrom("eq", "neq", "lt", "lte", "gt", "gte" as const), value: fc.constantFrom(...values) }),
    fc
      .tuple(fc.constantFrom(...values), fc.constantFrom(...values))
      .map(([a, b]) => ({ operator: "between" as const, value: { min: Math.min(a, b), max: Math.max(a, b) } })),
  );

const dateValueArb = (now: Date, operator: (typeof DATE_OPERATORS)[number]) => {
  switch (operator) {
    case "before":
    case "after":
      return dayArb(now);
    case "between":
      return fc.tuple(dayArb(now), dayArb(now)).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));
    case "in_last":
    case "more_than_ago":
      return relArb;
    case "anniversary_within":
      return fc.constantFrom(0, 1, 7, 30, 366);
    default:
      return fc.constant(undefined);
  }
};

function fieldArb(now: Date): fc.Arbitrary<FieldCondition> {
  const text = (field: string, values: string[]) =>
    fc.oneof(
      fc.record({ operator: fc.constantFrom("eq", "neq" as const), value: fc.constantFrom(...values) }),
      fc.record({ operator: fc.constantFrom("in", "not_in" as const), value: fc.subarray(values, { minLength: 1 }) }),
      fc.record({
        operator: fc.constantFrom("contains", "starts_with", "ends_with" as const),
        value: fc.constantFrom(...values.filter(Boolean), "x", "%", "_", "a"),
      }),
      fc.record({ operator: fc.constantFrom("is_set", "is_empty" as const) }),
    ).map((c) => ({ type: "field", field, ...c }) as FieldCondition);
  const number = (field: string, values: number[]) =>
    fc.oneof(numCmpArb(values), fc.record({ operator: fc.constantFrom("is_set", "is_empty" as const) })).map(
      (c) => ({ type: "field", field, ...c }) as FieldCondition,
    );
  const date = (field: string) =>
    fc
      .constantFrom(...DATE_OPERATORS)
      .chain((operator) => dateValueArb(now, operator).map((value) => ({ type: "field", field, operator, value }) as FieldCondition));
  const bool = (field: string) =>
    fc.constantFrom("is_true", "is_false", "is_set", "is_empty" as const).map((operator) => ({ type: "field", field, operator }) as FieldCondition);
  const tags = (field: string) =>
    fc.oneof(
      fc.record({ operator: fc.constantFrom("has_any", "has_all", "has_none" as const), value: fc.subarray([...TAGS, "vip", "early"], { minLength: 1 }) }),
      fc.record({ operator: fc.constantFrom("is_set", "is_empty" as const) }),
    ).map((c) => ({ type: "field", field, ...c }) as FieldCondition);
  return fc.oneof(
    text("country", COUNTRIES.filter(Boolean)),
    text("email", EMAILS),
    text("city", CITIES),
    text("firstName", ["Ada", "bob"]),
    text("traits.plan", ["pro", "free", "5"]),
    number("companySize", [0, 5, 10, 50]),
    number("annualIncome", [0, 10.5, 100, 99999.99]),
    number("traits.score", [1, 2.5, 10]),
    number("age", [0, 18, 23, 24, 30.5, 40]),
    date("birthDate"),
    date("firstSeenAt"),
    date("createdAt"),
    date("traits.renewal"),
    bool("emailOptIn"),
    bool("traits.beta"),
    fc.constantFrom("lastName", "gender", "occupation", "region", "industry", "lifecycleStage", "acquisitionChannel").chain((f) => text(f, ["x", "y"])),
    tags("interests"),
    tags("needs"),
    tags("technologies"),
    tags("traits.badges"),
  );
}

const windowArb = (now: Date): fc.Arbitrary<Window> =>
  fc.oneof(
    fc.constant({ kind: "ever" as const }),
    relArb.map((r) => ({ kind: "last" as const, ...r })),
    fc.tuple(dayArb(now), dayArb(now)).map(([a, b]) => ({ kind: "between" as const, from: a <= b ? a : b, to: a <= b ? b : a })),
  );

const subjectArb: fc.Arbitrary<Subject> = fc.oneof(
  fc.record(
    { source: fc.constant("orders" as const), category: fc.constantFrom("shoes", "BOOKS"), channel: fc.constantFrom("WEB", "store") },
    { requiredKeys: ["source"] },
  ),
  fc.record(
    {
      source: fc.constant("events" as const),
      name: fc.constantFrom("page_view", "signup"),
      property: fc.record({ key: fc.constant("page"), value: fc.constantFrom<string | number | boolean>("pricing", 1, true) }),
    },
    { requiredKeys: ["source", "name"] },
  ),
);

function behaviorArb(now: Date): fc.Arbitrary<Condition> {
  const orderSubject = subjectArb.filter((s) => s.source === "orders");
  return fc.oneof(
    fc
      .tuple(subjectArb, windowArb(now), numCmpArb([0, 1, 2, 3]))
      .map(([subject, window, cmp]) => ({ type: "behavior", kind: "aggregate", subject, window, aggregate: "count", ...cmp }) as Condition),
    fc
      .tuple(orderSubject, windowArb(now), fc.constantFrom("sum", "avg", "min", "max" as const), numCmpArb([0, 0.1, 10, 10.25, 10.5, 100, 110]))
      .map(([subject, window, aggregate, cmp]) => ({ type: "behavior", kind: "aggregate", subject, window, aggregate, ...cmp }) as Condition),
    fc
      .tuple(subjectArb, fc.constantFrom("first", "last" as const), fc.constantFrom("before", "after", "between", "in_last", "more_than_ago" as const))
      .chain(([subject, which, operator]) =>
        dateValueArb(now, operator).map((value) => ({ type: "behavior", kind: "occurrence", subject, which, operator, value }) as Condition),
      ),
    fc.tuple(subjectArb, windowArb(now)).map(([subject, window]) => ({ type: "behavior", kind: "never", subject, window }) as Condition),
  );
}

const valueArb: fc.Arbitrary<Condition> = fc.oneof(
  fc
    .tuple(fc.constantFrom("rfm_recency", "rfm_frequency", "rfm_monetary" as const), numCmpArb([1, 2, 3, 4, 5]))
    .map(([metric, cmp]) => ({ type: "value", metric, ...cmp }) as Condition),
  numCmpArb([0, 10, 10.5, 100, 200]).map((cmp) => ({ type: "value", metric: "clv", ...cmp }) as Condition),
  numCmpArb([0, 99.99, 100, 150.5]).map((cmp) => ({ type: "value", metric: "predicted_clv", ...cmp }) as Condition),
  numCmpArb([0, 0.3, 0.5, 1]).map((cmp) => ({ type: "value", metric: "p_alive", ...cmp }) as Condition),
  fc
    .record({ operator: fc.constantFrom("in", "not_in" as const), value: fc.subarray([...RFM_SEGMENTS], { minLength: 1, maxLength: 4 }) })
    .map((c) => ({ type: "value", metric: "rfm_segment", ...c }) as Condition),
  fc
    .record({ operator: fc.constantFrom("in", "not_in" as const), value: fc.subarray([...LIFECYCLE_STAGES], { minLength: 1 }) })
    .map((c) => ({ type: "value", metric: "lifecycle_stage", ...c }) as Condition),
);

const membershipArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ target: fc.constant("segment" as const), operator: fc.constantFrom("in", "not_in" as const), id: fc.constantFrom("s1", "s2", "s3") }),
  fc.record({ target: fc.constant("persona" as const), operator: fc.constantFrom("matches", "not_matches" as const), id: fc.constant("p1") }),
).map((m) => ({ type: "membership", ...m }) as Condition);

function nodeArb(now: Date, depth: number, withRefs: boolean): fc.Arbitrary<SegmentNode> {
  const leaf: fc.Arbitrary<SegmentNode> = withRefs
    ? fc.oneof({ arbitrary: fieldArb(now), weight: 5 }, { arbitrary: behaviorArb(now), weight: 3 }, { arbitrary: valueArb, weight: 2 }, { arbitrary: membershipArb, weight: 1 })
    : fc.oneof({ arbitrary: fieldArb(now), weight: 5 }, { arbitrary: behaviorArb(now), weight: 3 }, { arbitrary: valueArb, weight: 2 });
  if (depth <= 1) return leaf;
  return fc.oneof({ arbitrary: leaf, weight: 3 }, { arbitrary: groupArb(now, depth - 1, withRefs), weight: 1 });
}

function groupArb(now: Date, depth: number, withRefs: boolean): fc.Arbitrary<Group> {
  return fc.record(
    {
      type: fc.constant("group" as const),
      op: fc.constantFrom("and", "or" as const),
      negate: fc.boolean(),
      children: fc.array(nodeArb(now, depth, withRefs), { minLength: 0, maxLength: 4 }),
    },
    { requiredKeys: ["type", "op", "children"] },
  );
}

const definitionArb = (now: Date, withRefs: boolean): fc.Arbitrary<SegmentDefinition> =>
  groupArb(now, 3, withRefs).map((root) => ({ version: 1 as const, root }));

// ---- the property -------------------------------------------------------------------------------

const NUM_RUNS = Number(process.env.SEGMENT_PARITY_RUNS ?? 150);
const DEFS_PER_RUN = 5;

const scenarioArb = fc.constantFrom(...NOWS).chain((now) =>
  fc.record({
    now: fc.constant(now),
    population: populationArb(now),
    s1: definitionArb(now, false),
    s2: definitionArb(now, false),
    persona: definitionArb(now, false),
    personaSegment: fc.constantFrom<string | null>(null, "s1", "s3"),
    /** Customers added by hand to the static segment s3 (ids beyond the population are dropped). */
    handPicked: fc.subarray(Array.from({ length: 24 }, (_, i) => i + 1)),
    /** Stored lifetime-value predictions by customer id (null: none; predicted value null: no spend model). */
    predictions: fc.array(
      fc.option(fc.record({ predictedClv: fc.constantFrom(null, 0, 99.99, 100, 150.5, 1234.56), pAlive: fc.constantFrom(0, 0.25, 0.3, 0.5, 0.75, 1) })),
      { minLength: 24, maxLength: 24 },
    ),
    lifecycle: fc.constantFrom({ newDays: 30, activeDays: 90, churnDays: 180 }, { newDays: 7, activeDays: 30, churnDays: 60 }),
    definitions: fc.array(definitionArb(now, true), { minLength: DEFS_PER_RUN, maxLength: DEFS_PER_RUN }),
  }),
);

describe("compile and match agree", () => {
  it("on populations with NULL in every column of \"Customer\" that allows it", async () => {
    const rows = await db.$queryRaw<{ column: string }[]>`
      select column_name::text as "column" from information_schema.columns
      where table_schema = current_schema() and table_name = 'Customer' and is_nullable = 'YES'`;
    expect(Object.keys(nullableColumnArbs(NOWS[0]!)).sort()).toEqual(rows.map((r) => r.column).sort());
  });

  it(
    `on ${NUM_RUNS} random populations × ${DEFS_PER_RUN} random definitions`,
    async () => {
      let checked = 0;
      let discriminating = 0;
      await fc.assert(
        fc.asyncProperty(scenarioArb, async (s) => {
          const workspaceId = await createTestWorkspace(db);
          await insertPopulation(db, workspaceId, s.population);
          const references = emptyReferences();
          references.segments.set("s1", { id: "s1", name: "S1", kind: "DYNAMIC", definition: s.s1 });
          references.segments.set("s2", { id: "s2", name: "S2", kind: "DYNAMIC", definition: s.s2 });
          references.segments.set("s3", { id: "s3", name: "S3", kind: "STATIC" });
          const handPicked = new Set(s.handPicked.filter((id) => id <= s.population.length));
          await db.segment.create({ data: { workspaceId, id: "s3", name: "S3", kind: "STATIC", definition: { version: 1, root: { type: "group", op: "and", children: [] } } } });
          await db.segmentMember.createMany({ data: [...handPicked].map((customerId) => ({ workspaceId, segmentId: "s3", customerId })) });
          const predictions = new Map(
            s.predictions.flatMap((p, i) => (p && i + 1 <= s.population.length ? [[i + 1, p] as const] : [])),
          );
          await db.customerPrediction.createMany({
            data: [...predictions].map(([customerId, p]) => ({
              workspaceId,
              customerId,
              expectedPurchases: 1,
              pAlive: p.pAlive,
              predictedClv: p.predictedClv === null ? null : p.predictedClv.toFixed(2),
            })),
          });
          references.personas.set("p1", { id: "p1", name: "P1", definition: s.persona, segmentId: s.personaSegment });
          const ctx = createContext({
            now: s.now,
            lifecycle: s.lifecycle,
            catalog: testCatalog(),
            references,
            rfm: populationRfm(s.population),
            staticMember: (segmentId, customerId) => segmentId === "s3" && handPicked.has(customerId),
            predictions: (customerId) => predictions.get(customerId) ?? null,
          });
          const expected = s.definitions.map((d) =>
            s.population.filter((p) => match(d, p.customer, p.history, ctx).matched).map((p) => p.customer.id),
          );
          for (const [i, d] of s.definitions.entries()) {
            const ids = await segmentMemberIds(db, workspaceId, d, ctx);
            expect(ids, JSON.stringify(d)).toEqual(expected[i]);
            expect(await countSegment(db, workspaceId, d, ctx), JSON.stringify(d)).toBe(ids.length);
            checked += 1;
            if (ids.length > 0 && ids.length < s.population.length) discriminating += 1;
          }
          const overlap = await overlapCounts(db, workspaceId, s.definitions.slice(0, 3), ctx);
          expect(overlap.sizes).toEqual(expected.slice(0, 3).map((e) => e.length));
          const [a = [], b = []] = expected;
          expect(overlap.pairs[0]![1]).toBe(a.filter((id) => b.includes(id)).length);
        }),
        { numRuns: NUM_RUNS, seed: process.env.SEGMENT_PARITY_SEED ? Number(process.env.SEGMENT_PARITY_SEED) : undefined },
      );
      // The generators are tuned so that most definitions split the population (neither none nor all).
      expect(discriminating / checked).toBeGreaterThan(0.3);
    },
    240_000,
  );
});
