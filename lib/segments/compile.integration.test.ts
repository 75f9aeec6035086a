import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { countSegment, listSegmentMembers, overlapCounts, segmentMemberIds, streamSegmentMembers } from "@/lib/segments/queries";
import { createContext, type EvaluationContext } from "@/lib/segments/context";
import type { Condition, SegmentDefinition, SegmentNode } from "@/lib/segments/definition";
import { match } from "@/lib/segments/match";
import {
  blankCustomer,
  createTestWorkspace,
  insertPopulation,
  populationRfm,
  testCatalog,
  type PopulationMember,
} from "@/lib/segments/test-fixtures";

const NOW = new Date("2024-03-01T12:00:00.000Z"); // 2024 is a leap year
const DAY = 86_400_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

function order(at: Date, amount: string, category: string | null = null, channel: string | null = null) {
  return { orderedAt: at, amount, category, channel };
}

const people: PopulationMember[] = [
  {
    customer: blankCustomer(1, {
      email: "Ada@Example.com",
      firstName: "Ada",
      country: "US",
      city: "New York",
      annualIncome: "120000.50",
      companySize: 50,
      birthDate: new Date("1990-03-05T00:00:00Z"),
      emailOptIn: true,
      firstSeenAt: ago(10 * DAY),
      interests: ["running", "yoga"],
      technologies: ["shopify"],
      traits: { plan: "Pro", score: 42, renewal: "2024-03-10", beta: true, badges: ["vip", "early"] },
      createdAt: ago(10 * DAY),
    }),
    history: {
      orders: [order(ago(5 * DAY), "100.00", "Shoes", "web"), order(ago(40 * DAY), "50.25", "Books", "store")],
      events: [{ name: "page_view", occurredAt: ago(1 * DAY), properties: { page: "pricing" } }],
    },
  },
  {
    customer: blankCustomer(2, {
      email: "bob@example.org",
      firstName: "Bob",
      country: "us",
      city: "Boston",
      annualIncome: "45000.00",
      companySize: 5,
      birthDate: new Date("2000-02-29T00:00:00Z"),
      interests: ["yoga"],
      traits: { plan: "free", score: "high", renewal: "not a date", beta: false, badges: "vip" },
    }),
    history: {
      orders: [order(ago(30 * DAY), "10.00", "shoes", "WEB")],
      events: [
        { name: "page_view", occurredAt: ago(2 * DAY), properties: { page: "home" } },
        { name: "page_view", occurredAt: ago(3 * DAY), properties: { page: "pricing" } },
      ],
    },
  },
  {
    customer: blankCustomer(3, {
      email: null,
      firstName: "Cleo",
      country: "DE",
      city: "Berlin",
      companySize: null,
      birthDate: new Date("1985-12-31T00:00:00Z"),
      interests: [],
      traits: { plan: "pro ", score: 7.5, badges: [] },
    }),
    history: { orders: [], events: [] },
  },
  {
    customer: blankCustomer(4, {
      email: "dan%_@example.com",
      firstName: "",
      country: null,
      annualIncome: "0.10",
      companySize: 500,
      firstSeenAt: ago(400 * DAY),
      interests: ["running"],
      technologies: ["shopify", "hubspot"],
      traits: "not an object",
      createdAt: ago(400 * DAY),
    }),
    history: {
      orders: [order(new Date(ago(30 * DAY).getTime() - 1), "999.99", "Electronics", "web"), order(ago(200 * DAY), "0.01")],
      events: [{ name: "signup", occurredAt: ago(400 * DAY), properties: { plan: 1 } }],
    },
  },
];

let workspaceId = "";
let ctx: EvaluationContext;

beforeAll(async () => {
  workspaceId = await createTestWorkspace(db);
  await insertPopulation(db, workspaceId, people);
  const segment = await db.segment.create({
    data: {
      workspaceId,
      name: "Americans",
      definition: def({ type: "field", field: "country", operator: "eq", value: "us" }),
    },
  });
  const persona = await db.persona.create({
    data: {
      workspaceId,
      name: "Runner",
      definition: def({ type: "field", field: "interests", operator: "has_any", value: ["running"] }),
    },
  });
  ctx = createContext({
    now: NOW,
    catalog: testCatalog(),
    rfm: populationRfm(people),
    references: {
      segments: new Map([[segment.id, { id: segment.id, name: segment.name, kind: "DYNAMIC" as const, definition: segment.definition as SegmentDefinition }]]),
      personas: new Map([
        [persona.id, { id: persona.id, name: persona.name, segmentId: null, definition: persona.definition as SegmentDefinition }],
      ]),
    },
  });
  refs.segment = segment.id;
  refs.persona = persona.id;
});
const refs = { segment: "", persona: "" };

function def(...children: SegmentNode[]): SegmentDefinition {
  return { version: 1, root: { type: "group", op: "and", children } };
}

/** Members by SQL and by match, which must agree; returns the ids. */
async function members(definition: SegmentDefinition): Promise<number[]> {
  const sqlIds = await segmentMemberIds(db, workspaceId, definition, ctx);
  const memIds = people.filter((p) => match(definition, p.customer, p.history, ctx).matched).map((p) => p.customer.id);
  expect(sqlIds, "SQL and in-memory membership differ").toEqual(memIds);
  expect(await countSegment(db, workspaceId, definition, ctx), "count differs from the member list").toBe(sqlIds.length);
  return sqlIds;
}

const expectMembers = async (condition: Condition, ids: number[]) => expect(await members(def(condition))).toEqual(ids);

describe("field conditions: text (case-insensitive)", () => {
  it.each([
    ["eq", "US", [1, 2]],
    ["neq", "us", [3, 4]],
    ["contains", "EXAMPLE", [1, 2, 4]],
    ["starts_with", "ada@", [1]],
    ["ends_with", ".ORG", [2]],
    ["contains", "%_", [4]],
    ["contains", "_", [4]],
  ] as const)("%s %s", async (operator, value, ids) => {
    const field = operator === "eq" || operator === "neq" ? "country" : "email";
    await expectMembers({ type: "field", field, operator, value } as Condition, [...ids]);
  });
  it("in / not in", async () => {
    await expectMembers({ type: "field", field: "country", operator: "in", value: ["de", "Us"] }, [1, 2, 3]);
    await expectMembers({ type: "field", field: "country", operator: "not_in", value: ["de"] }, [1, 2, 4]);
  });
  it("is set / is empty treat null and '' as empty", async () => {
    await expectMembers({ type: "field", field: "firstName", operator: "is_set" }, [1, 2, 3]);
    await expectMembers({ type: "field", field: "firstName", operator: "is_empty" }, [4]);
    await expectMembers({ type: "field", field: "email", operator: "is_empty" }, [3]);
  });
  it("text traits: only string values count", async () => {
    await expectMembers({ type: "field", field: "traits.plan", operator: "eq", value: "pro" }, [1]);
    await expectMembers({ type: "field", field: "traits.plan", operator: "starts_with", value: "PRO" }, [1, 3]);
    await expectMembers({ type: "field", field: "traits.plan", operator: "is_empty" }, [4]);
    await expectMembers({ type: "field", field: "traits.plan", operator: "neq", value: "free" }, [1, 3, 4]);
  });
});

describe("field conditions: numbers", () => {
  it.each([
    ["eq", 50, [1]],
    ["neq", 50, [2, 3, 4]],
    ["lt", 50, [2]],
    ["lte", 50, [1, 2]],
    ["gt", 50, [4]],
    ["gte", 5, [1, 2, 4]],
  ] as const)("companySize %s %s", async (operator, value, ids) => {
    await expectMembers({ type: "field", field: "companySize", operator, value }, [...ids]);
  });
  it("between is inclusive; decimals compare exactly", async () => {
    await expectMembers({ type: "field", field: "companySize", operator: "between", value: { min: 5, max: 50 } }, [1, 2]);
    await expectMembers({ type: "field", field: "annualIncome", operator: "eq", value: 120000.5 }, [1]);
    await expectMembers({ type: "field", field: "annualIncome", operator: "lte", value: 0.1 }, [4]);
    await expectMembers({ type: "field", field: "annualIncome", operator: "is_empty" }, [3]);
  });
  it("number traits ignore non-numbers", async () => {
    await expectMembers({ type: "field", field: "traits.score", operator: "gt", value: 7 }, [1, 3]);
    await expectMembers({ type: "field", field: "traits.score", operator: "is_set" }, [1, 3]);
  });
});

describe("field conditions: dates (UTC)", () => {
  it("before / after / between on a date column", async () => {
    await expectMembers({ type: "field", field: "birthDate", operator: "before", value: "1990-03-05" }, [3]);
    await expectMembers({ type: "field", field: "birthDate", operator: "after", value: "1990-03-05" }, [2]);
    await expectMembers(
      { type: "field", field: "birthDate", operator: "between", value: { from: "1985-12-31", to: "1990-03-05" } },
      [1, 3],
    );
  });
  it("in the last N days on a timestamp is [now − N, now]", async () => {
    await expectMembers({ type: "field", field: "firstSeenAt", operator: "in_last", value: { amount: 10, unit: "days" } }, [1]);
    await expectMembers({ type: "field", field: "firstSeenAt", operator: "in_last", value: { amount: 9, unit: "days" } }, []);
    await expectMembers({ type: "field", field: "createdAt", operator: "in_last", value: { amount: 1, unit: "months" } }, [1]);
    await expectMembers({ type: "field", field: "createdAt", operator: "more_than_ago", value: { amount: 12, unit: "months" } }, [2, 3, 4]);
  });
  it("anniversaries, with 29 February", async () => {
    // 2024 is a leap year: 29 Feb is in the window [1 Mar … ] only for the next year's window.
    await expectMembers({ type: "field", field: "birthDate", operator: "anniversary_within", value: 4 }, [1]);
    await expectMembers({ type: "field", field: "birthDate", operator: "anniversary_within", value: 0 }, []);
    await expectMembers({ type: "field", field: "birthDate", operator: "anniversary_within", value: 366 }, [1, 2, 3]);
  });
  it("date traits compare as days; malformed values are missing", async () => {
    await expectMembers({ type: "field", field: "traits.renewal", operator: "after", value: "2024-03-01" }, [1]);
    await expectMembers({ type: "field", field: "traits.renewal", operator: "is_set" }, [1]);
    await expectMembers({ type: "field", field: "traits.renewal", operator: "anniversary_within", value: 10 }, [1]);
  });
});

describe("field conditions: booleans and tags", () => {
  it("booleans", async () => {
    await expectMembers({ type: "field", field: "emailOptIn", operator: "is_true" }, [1]);
    await expectMembers({ type: "field", field: "emailOptIn", operator: "is_false" }, [2, 3, 4]);
    await expectMembers({ type: "field", field: "traits.beta", operator: "is_false" }, [2]);
    await expectMembers({ type: "field", field: "traits.beta", operator: "is_empty" }, [3, 4]);
  });
  it("tag columns", async () => {
    await expectMembers({ type: "field", field: "interests", operator: "has_any", value: ["running", "chess"] }, [1, 4]);
    await expectMembers({ type: "field", field: "interests", operator: "has_all", value: ["running", "yoga"] }, [1]);
    await expectMembers({ type: "field", field: "interests", operator: "has_none", value: ["yoga"] }, [3, 4]);
    await expectMembers({ type: "field", field: "interests", operator: "is_empty" }, [3]);
    await expectMembers({ type: "field", field: "technologies", operator: "has_any", value: ["Shopify"] }, []);
  });
  it("tag traits: only arrays count, strings inside them only", async () => {
    await expectMembers({ type: "field", field: "traits.badges", operator: "has_any", value: ["vip"] }, [1]);
    await expectMembers({ type: "field", field: "traits.badges", operator: "has_all", value: ["vip", "early"] }, [1]);
    await expectMembers({ type: "field", field: "traits.badges", operator: "has_none", value: ["vip"] }, [2, 3, 4]);
    await expectMembers({ type: "field", field: "traits.badges", operator: "is_set" }, [1]);
  });
});

describe("behavior conditions", () => {
  const orders = { source: "orders" as const };
  it("count and sum with windows; 'last 30 days' includes now − 30 days exactly", async () => {
    const last30 = { kind: "last" as const, amount: 30, unit: "days" as const };
    await expectMembers({ type: "behavior", kind: "aggregate", subject: orders, aggregate: "count", window: last30, operator: "gte", value: 1 }, [1, 2]);
    await expectMembers({ type: "behavior", kind: "aggregate", subject: orders, aggregate: "count", window: last30, operator: "eq", value: 0 }, [3, 4]);
    await expectMembers({ type: "behavior", kind: "aggregate", subject: orders, aggregate: "sum", window: { kind: "ever" }, operator: "lt", value: 100 }, [2, 3]);
    await expectMembers({ type: "behavior", kind: "aggregate", subject: orders, aggregate: "count", window: { kind: "ever" }, operator: "neq", value: 2 }, [2, 3]);
  });
  it("average, min, max; customers without orders have none", async () => {
    await expectMembers({ type: "behavior", kind: "aggregate", subject: orders, aggregate: "avg", window: { kind: "ever" }, operator: "gt", value: 75 }, [1, 4]);
    await expectMembers({ type: "behavior", kind: "aggregate", subject: orders, aggregate: "min", window: { kind: "ever" }, operator: "lte", value: 10 }, [2, 4]);
    await expectMembers({ type: "behavior", kind: "aggregate", subject: orders, aggregate: "max", window: { kind: "ever" }, operator: "between", value: { min: 10, max: 100 } }, [1, 2]);
    await expectMembers({ type: "behavior", kind: "aggregate", subject: orders, aggregate: "avg", window: { kind: "ever" }, operator: "neq", value: 10 }, [1, 3, 4]);
  });
  it("category and channel filters are case-insensitive", async () => {
    await expectMembers(
      { type: "behavior", kind: "aggregate", subject: { source: "orders", category: "SHOES", channel: "web" }, aggregate: "count", window: { kind: "ever" }, operator: "gte", value: 1 },
      [1, 2],
    );
  });
  it("between two dates covers whole UTC days", async () => {
    const window = { kind: "between" as const, from: "2024-01-31", to: "2024-01-31" };
    await expectMembers({ type: "behavior", kind: "aggregate", subject: orders, aggregate: "count", window, operator: "gte", value: 1 }, [2, 4]);
  });
  it("events by name and property", async () => {
    await expectMembers(
      { type: "behavior", kind: "aggregate", subject: { source: "events", name: "page_view", property: { key: "page", value: "pricing" } }, aggregate: "count", window: { kind: "last", amount: 7, unit: "days" }, operator: "gte", value: 1 },
      [1, 2],
    );
    await expectMembers(
      { type: "behavior", kind: "aggregate", subject: { source: "events", name: "page_view" }, aggregate: "count", window: { kind: "ever" }, operator: "gte", value: 2 },
      [2],
    );
    await expectMembers({ type: "behavior", kind: "never", subject: { source: "events", name: "signup", property: { key: "plan", value: 1 } }, window: { kind: "ever" } }, [1, 2, 3]);
  });
  it("first / last occurrence and has never", async () => {
    await expectMembers({ type: "behavior", kind: "occurrence", subject: orders, which: "last", operator: "in_last", value: { amount: 30, unit: "days" } }, [1, 2]);
    await expectMembers({ type: "behavior", kind: "occurrence", subject: orders, which: "first", operator: "before", value: "2024-01-01" }, [4]);
    await expectMembers({ type: "behavior", kind: "occurrence", subject: orders, which: "first", operator: "more_than_ago", value: { amount: 1, unit: "months" } }, [1, 2, 4]);
    await expectMembers({ type: "behavior", kind: "never", subject: orders, window: { kind: "last", amount: 30, unit: "days" } }, [3, 4]);
  });
});

describe("value conditions", () => {
  it("lifetime value and lifecycle stage", async () => {
    await expectMembers({ type: "value", metric: "clv", operator: "gte", value: 150.25 }, [1, 4]);
    await expectMembers({ type: "value", metric: "lifecycle_stage", operator: "in", value: ["new"] }, [2]);
    await expectMembers({ type: "value", metric: "lifecycle_stage", operator: "in", value: ["active"] }, [1, 4]);
    await expectMembers({ type: "value", metric: "lifecycle_stage", operator: "in", value: ["churned"] }, [3]);
  });
  it("RFM scores and segments agree with the in-memory quintiles", async () => {
    await members(def({ type: "value", metric: "rfm_recency", operator: "gte", value: 2 }));
    await members(def({ type: "value", metric: "rfm_monetary", operator: "eq", value: 3 }));
    await members(def({ type: "value", metric: "rfm_frequency", operator: "neq", value: 1 }));
    await members(def({ type: "value", metric: "rfm_segment", operator: "not_in", value: ["champions", "lost"] }));
  });
});

describe("groups and membership", () => {
  it("OR, NOT and nesting", async () => {
    const d: SegmentDefinition = {
      version: 1,
      root: {
        type: "group",
        op: "or",
        children: [
          { type: "field", field: "country", operator: "eq", value: "de" },
          {
            type: "group",
            op: "and",
            negate: true,
            children: [
              { type: "field", field: "companySize", operator: "gte", value: 10 },
              { type: "field", field: "email", operator: "is_set" },
            ],
          },
        ],
      },
    };
    expect(await members(d)).toEqual([2, 3]);
    expect(await members({ version: 1, root: { type: "group", op: "or", children: [] } })).toEqual([]);
    expect(await members({ version: 1, root: { type: "group", op: "or", negate: true, children: [] } })).toEqual([1, 2, 3, 4]);
  });
  it("in / not in a saved segment, matches / does not match a persona", async () => {
    await expectMembers({ type: "membership", target: "segment", operator: "in", id: refs.segment }, [1, 2]);
    await expectMembers({ type: "membership", target: "segment", operator: "not_in", id: refs.segment }, [3, 4]);
    await expectMembers({ type: "membership", target: "persona", operator: "matches", id: refs.persona }, [1, 4]);
    await expectMembers({ type: "membership", target: "persona", operator: "not_matches", id: refs.persona }, [2, 3]);
  });
});

describe("count, list, stream, overlap", () => {
  const us = def({ type: "field", field: "country", operator: "eq", value: "us" });
  const runners = def({ type: "field", field: "interests", operator: "has_any", value: ["running"] });
  it("counts and pages", async () => {
    expect(await countSegment(db, workspaceId, us, ctx)).toBe(2);
    const page = await listSegmentMembers(db, workspaceId, def(), ctx, { limit: 2, offset: 1, orderBy: "id", direction: "desc" });
    expect(page.map((r) => r.id)).toEqual([3, 2]);
    const batches: number[][] = [];
    for await (const batch of streamSegmentMembers(db, workspaceId, def(), ctx, { batchSize: 3 })) batches.push(batch.map((r) => r.id));
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });
  it("never counts another workspace's customers", async () => {
    const other = await createTestWorkspace(db);
    await insertPopulation(db, other, people);
    expect(await countSegment(db, workspaceId, def(), ctx)).toBe(4);
  });
  it("overlaps", async () => {
    const result = await overlapCounts(db, workspaceId, [us, runners, def()], ctx);
    expect(result.sizes).toEqual([2, 2, 4]);
    expect(result.pairs[0]![1]).toBe(1);
    expect(result.all).toBe(1);
    expect(result.any).toBe(4);
  });
});

describe("time zones", () => {
  it("gives the same members whatever the session time zone (everything is compared in UTC)", async () => {
    const definitions = [
      def({ type: "field", field: "birthDate", operator: "anniversary_within", value: 4 }),
      def({ type: "field", field: "createdAt", operator: "in_last", value: { amount: 10, unit: "days" } }),
      def({ type: "field", field: "firstSeenAt", operator: "after", value: "2024-02-20" }),
      def({ type: "behavior", kind: "aggregate", subject: { source: "orders" }, aggregate: "count", window: { kind: "between", from: "2024-01-31", to: "2024-01-31" }, operator: "gte", value: 1 }),
      def({ type: "value", metric: "lifecycle_stage", operator: "in", value: ["new", "active"] }),
    ];
    const inUtc = await Promise.all(definitions.map((d) => segmentMemberIds(db, workspaceId, d, ctx)));
    for (const zone of ["Pacific/Kiritimati", "America/Los_Angeles"]) {
      const shifted = await db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT set_config('TimeZone', ${zone}, true)`;
        const [tz] = await tx.$queryRaw<{ tz: string }[]>`SELECT current_setting('TimeZone') AS tz`;
        expect(tz?.tz).toBe(zone);
        const out: number[][] = [];
        for (const d of definitions) out.push(await segmentMemberIds(tx, workspaceId, d, ctx));
        return out;
      });
      expect(shifted).toEqual(inUtc);
    }
  });
});
