/**
 * Whatever passes validation compiles and runs: values at and past the edges of every condition
 * kind (largest windows, earliest and latest dates, huge and tiny numbers, odd text) either are
 * refused by validation with a message, or evaluate on the database without an error.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { countSegment } from "@/lib/segments/queries";
import { createContext } from "@/lib/segments/context";
import { LIMITS, type SegmentDefinition, type SegmentNode, type TimeUnit } from "@/lib/segments/definition";
import { validateStructure } from "@/lib/segments/validate";
import { blankCustomer, createTestWorkspace, insertPopulation, testCatalog } from "@/lib/segments/test-fixtures";

const NOW = new Date("2026-11-30T12:00:00.000Z");
const catalog = testCatalog();
const ctx = createContext({ now: NOW, catalog });
const def = (...children: SegmentNode[]): SegmentDefinition => ({ version: 1, root: { type: "group", op: "and", children } });

let ws = "";
beforeAll(async () => {
  ws = await createTestWorkspace(db);
  await insertPopulation(db, ws, [
    {
      customer: blankCustomer(1, {
        birthDate: new Date("1980-02-29T00:00:00.000Z"),
        companySize: 12,
        annualIncome: "55000.00",
        firstSeenAt: new Date("2020-01-01T00:00:00.000Z"),
        traits: { score: 7, renewal: "2027-01-01", plan: "pro", beta: true, badges: ["x"] },
      }),
      history: { orders: [{ orderedAt: new Date("2025-06-01T00:00:00.000Z"), amount: "12.50", category: "a", channel: "web" }], events: [{ name: "login", occurredAt: NOW, properties: { k: 1 } }] },
    },
    { customer: blankCustomer(2), history: { orders: [], events: [] } },
  ]);
});

const UNITS: TimeUnit[] = ["days", "weeks", "months"];
const amountArb = fc.oneof(
  fc.constantFrom(...UNITS).map((unit) => ({ amount: LIMITS.maxAmount[unit], unit })),
  fc.constantFrom(...UNITS).map((unit) => ({ amount: LIMITS.maxAmount[unit] + 1, unit })),
  fc.record({ amount: fc.constantFrom(1, 100_000, 1_000_000, 2 ** 31), unit: fc.constantFrom(...UNITS) }),
);
const dayArb = fc.constantFrom("1000-01-01", "2999-12-31", "0999-12-31", "3000-01-01", "0000-01-01", "9999-12-31", "2024-02-29", "1970-01-01");
const numberArb = fc.oneof(
  fc.constantFrom(0, -0, 1e300, -1e300, 1e-300, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, -(2 ** 63), 2 ** 63, 0.1, 1e21),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const textArb = fc.oneof(
  fc.constantFrom("", " ", "%", "_", "\\", "'; drop table x; --", "😀", "\u0000", "a\u0000b", "x".repeat(500), "x".repeat(501)),
  fc.string({ maxLength: 20 }),
);
const dateFieldArb = fc.constantFrom("birthDate", "firstSeenAt", "createdAt", "traits.renewal");
const numberFieldArb = fc.constantFrom("companySize", "annualIncome", "traits.score");

const conditionArb: fc.Arbitrary<SegmentNode> = fc.oneof(
  fc.record({ field: dateFieldArb, operator: fc.constantFrom("in_last" as const, "more_than_ago" as const), value: amountArb }).map((c) => ({ type: "field" as const, ...c })),
  fc.record({ field: dateFieldArb, operator: fc.constantFrom("before" as const, "after" as const), value: dayArb }).map((c) => ({ type: "field" as const, ...c })),
  fc.record({ field: dateFieldArb, from: dayArb, to: dayArb }).map(({ field, from, to }) => ({ type: "field" as const, field, operator: "between" as const, value: { from, to } })),
  fc.record({ field: dateFieldArb, value: fc.constantFrom(0, 366, 367, -1) }).map((c) => ({ type: "field" as const, operator: "anniversary_within" as const, ...c })),
  fc.record({ field: numberFieldArb, operator: fc.constantFrom("eq" as const, "lt" as const, "gte" as const), value: numberArb }).map((c) => ({ type: "field" as const, ...c })),
  fc.record({ field: numberFieldArb, min: numberArb, max: numberArb }).map(({ field, min, max }) => ({ type: "field" as const, field, operator: "between" as const, value: { min, max } })),
  fc.record({ field: fc.constantFrom("country", "traits.plan"), operator: fc.constantFrom("eq" as const, "contains" as const, "starts_with" as const), value: textArb }).map((c) => ({ type: "field" as const, ...c })),
  fc.record({ field: fc.constantFrom("interests", "traits.badges"), value: fc.array(textArb, { minLength: 1, maxLength: 3 }) }).map((c) => ({ type: "field" as const, operator: "has_any" as const, ...c })),
  fc.record({ amount: amountArb, value: numberArb, aggregate: fc.constantFrom("count" as const, "sum" as const, "avg" as const) }).map(({ amount, value, aggregate }) => ({
    type: "behavior" as const,
    kind: "aggregate" as const,
    subject: { source: "orders" as const },
    aggregate,
    window: { kind: "last" as const, ...amount },
    operator: "gte" as const,
    value,
  })),
  fc.record({ from: dayArb, to: dayArb }).map((window) => ({
    type: "behavior" as const,
    kind: "never" as const,
    subject: { source: "events" as const, name: "login", property: { key: "k", value: 1 } },
    window: { kind: "between" as const, ...window },
  })),
  fc.record({ value: amountArb, which: fc.constantFrom("first" as const, "last" as const) }).map(({ value, which }) => ({
    type: "behavior" as const,
    kind: "occurrence" as const,
    subject: { source: "orders" as const },
    which,
    operator: "more_than_ago" as const,
    value,
  })),
  fc.record({ value: numberArb }).map(({ value }) => ({ type: "value" as const, metric: "clv" as const, operator: "lt" as const, value })),
  fc.record({ name: textArb, value: fc.oneof(textArb, numberArb, fc.boolean()) }).map(({ name, value }) => ({
    type: "behavior" as const,
    kind: "aggregate" as const,
    subject: { source: "events" as const, name, property: { key: name, value } },
    aggregate: "count" as const,
    window: { kind: "ever" as const },
    operator: "gt" as const,
    value: 0,
  })),
);

describe("values that pass validation", () => {
  it("compile and run, whatever their size", async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(conditionArb, { minLength: 1, maxLength: 4 }), fc.boolean(), async (conditions, negate) => {
        const input = { version: 1, root: { type: "group", op: "and", negate, children: conditions } };
        const checked = validateStructure(input, catalog);
        if (!checked.ok) {
          // Refused with a message on a path, never silently.
          expect(checked.issues.length).toBeGreaterThan(0);
          for (const issue of checked.issues) expect(issue.message.length).toBeGreaterThan(5);
          return;
        }
        accepted += 1;
        const count = await countSegment(db, ws, checked.definition, ctx);
        expect(count).toBeGreaterThanOrEqual(0);
        expect(count).toBeLessThanOrEqual(2);
      }),
      { numRuns: 300, seed: 42 },
    );
    // The generator reaches the database often enough to mean something.
    expect(accepted).toBeGreaterThan(50);
  });

  it("refuses windows past 100 years, dates outside 1000–2999 and NUL characters, with a message", () => {
    const issues = (node: SegmentNode) => {
      const r = validateStructure(def(node), catalog);
      return r.ok ? [] : r.issues.map((i) => i.message);
    };
    expect(issues({ type: "field", field: "birthDate", operator: "in_last", value: { amount: 100_000, unit: "months" } })).toEqual([
      "Enter at most 1,200 months (100 years).",
    ]);
    expect(issues({ type: "field", field: "birthDate", operator: "in_last", value: { amount: 1_200, unit: "months" } })).toEqual([]);
    expect(issues({ type: "field", field: "birthDate", operator: "before", value: "0000-01-01" })).toEqual(["Use a date in the years 1000–2999."]);
    expect(issues({ type: "field", field: "country", operator: "eq", value: "U\u0000S" })).toHaveLength(1);
  });

  it("evaluates the largest window of each unit on the database", async () => {
    for (const unit of UNITS) {
      const amount = LIMITS.maxAmount[unit];
      for (const operator of ["in_last", "more_than_ago"] as const) {
        const checked = validateStructure(def({ type: "field", field: "birthDate", operator, value: { amount, unit } }), catalog);
        expect(checked.ok).toBe(true);
        if (checked.ok) expect(await countSegment(db, ws, checked.definition, ctx)).toBe(operator === "in_last" ? 1 : 0);
      }
    }
  });
});
