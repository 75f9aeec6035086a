import { describe, expect, it } from "vitest";
import { createContext } from "@/lib/segments/context";
import type { SegmentDefinition } from "@/lib/segments/definition";
import { match } from "@/lib/segments/match";
import { blankCustomer, testCatalog } from "@/lib/segments/test-fixtures";

const NOW = new Date("2024-03-01T12:00:00.000Z");
const ctx = createContext({ now: NOW, catalog: testCatalog(), rfm: () => ({ recency: 5, frequency: 1, monetary: 2 }) });
const none = { orders: [], events: [] };

describe("match", () => {
  it("explains every node with the values compared", () => {
    const definition: SegmentDefinition = {
      version: 1,
      root: {
        type: "group",
        op: "and",
        children: [
          { type: "field", field: "country", operator: "eq", value: "us" },
          {
            type: "group",
            op: "or",
            negate: true,
            children: [
              { type: "field", field: "traits.plan", operator: "eq", value: "free" },
              { type: "value", metric: "rfm_segment", operator: "in", value: ["champions"] },
            ],
          },
          {
            type: "behavior",
            kind: "aggregate",
            subject: { source: "orders" },
            aggregate: "sum",
            window: { kind: "last", amount: 30, unit: "days" },
            operator: "gte",
            value: 20,
          },
        ],
      },
    };
    const customer = blankCustomer(7, { country: "US", traits: { plan: "Pro" } });
    const history = {
      orders: [
        { orderedAt: new Date("2024-02-20T00:00:00Z"), amount: "12.50", category: null, channel: null },
        { orderedAt: new Date("2024-01-01T00:00:00Z"), amount: "100.00", category: null, channel: null },
      ],
      events: [],
    };
    const { matched, explanation } = match(definition, customer, history, ctx);
    expect(matched).toBe(false);
    expect(explanation).toMatchObject({
      path: "root",
      kind: "group",
      matched: false,
      children: [
        { path: "root.children[0]", matched: true, actual: "US", expected: "us" },
        {
          path: "root.children[1]",
          negated: true,
          matched: true,
          children: [
            { path: "root.children[1].children[0]", matched: false, actual: "Pro" },
            { path: "root.children[1].children[1]", matched: false, actual: "new" },
          ],
        },
        { path: "root.children[2]", matched: false, actual: 12.5, expected: 20 },
      ],
    });
  });

  it("treats missing values as not matching, and 'not' operators as their exact negation", () => {
    const c = blankCustomer(1, { traits: { score: "7" } });
    const run = (definition: SegmentDefinition) => match(definition, c, none, ctx).matched;
    const one = (node: SegmentDefinition["root"]["children"][number]): SegmentDefinition => ({
      version: 1,
      root: { type: "group", op: "and", children: [node] },
    });
    expect(run(one({ type: "field", field: "country", operator: "eq", value: "US" }))).toBe(false);
    expect(run(one({ type: "field", field: "country", operator: "neq", value: "US" }))).toBe(true);
    expect(run(one({ type: "field", field: "traits.score", operator: "gte", value: 1 }))).toBe(false);
    expect(run(one({ type: "field", field: "traits.score", operator: "is_empty" }))).toBe(true);
    expect(run(one({ type: "behavior", kind: "aggregate", subject: { source: "orders" }, aggregate: "avg", window: { kind: "ever" }, operator: "neq", value: 5 }))).toBe(true);
    expect(run(one({ type: "behavior", kind: "aggregate", subject: { source: "orders" }, aggregate: "sum", window: { kind: "ever" }, operator: "eq", value: 0 }))).toBe(true);
  });

  it("uses UTC days for birthdays and the 28 February rule for leap-day birthdays", () => {
    const leap = blankCustomer(1, { birthDate: new Date("2000-02-29T00:00:00Z") });
    const within = (now: string, days: number) =>
      match(
        { version: 1, root: { type: "group", op: "and", children: [{ type: "field", field: "birthDate", operator: "anniversary_within", value: days }] } },
        leap,
        none,
        createContext({ now: new Date(now), catalog: testCatalog() }),
      ).matched;
    expect(within("2023-02-28T23:59:59.999Z", 0)).toBe(true); // 2023 has no 29 February
    expect(within("2023-03-01T00:00:00.000Z", 0)).toBe(false);
    expect(within("2024-02-28T10:00:00.000Z", 0)).toBe(false); // 2024 has one
    expect(within("2024-02-28T10:00:00.000Z", 1)).toBe(true);
    expect(within("2023-12-31T23:00:00.000Z", 60)).toBe(true);
  });
});
