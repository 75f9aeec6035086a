import { describe, expect, it } from "vitest";
import { buildCatalog } from "@/lib/segments/catalog";
import type { Condition, Group, SegmentDefinition } from "@/lib/segments/definition";
import { describeCondition, describeRules, describeRulesText, ruleLabels } from "@/lib/segments/describe-rules";
import { TEST_TRAITS } from "@/lib/segments/test-fixtures";

const labels = ruleLabels(buildCatalog(TEST_TRAITS).fields, {
  segments: [{ id: "s1", name: "VIPs" }],
  personas: [{ id: "p1", name: "Bargain <b>hunters</b>" }],
});
const def = (root: Group): SegmentDefinition => ({ version: 1, root });
const and = (...children: Group["children"]): Group => ({ type: "group", op: "and", children });
const one = (c: Condition) => describeCondition(c, labels);

describe("describeRules", () => {
  it("reads a short definition as one sentence with the builder's words", () => {
    const text = describeRulesText(
      def(and(
        { type: "value", metric: "rfm_segment", operator: "in", value: ["champions", "loyal"] },
        { type: "field", field: "country", operator: "eq", value: "US" },
      )),
      labels,
    );
    expect(text).toBe("Customers in RFM segment Champions or Loyal and whose country is United States");
    expect(describeRulesText(def({ type: "group", op: "or", negate: true, children: [{ type: "field", field: "age", operator: "between", value: { min: 25, max: 34 } }, { type: "field", field: "emailOptIn", operator: "is_true" }] }), labels)).toBe(
      "Customers except those whose age is between 25 and 34 years or whose email opt-in is true",
    );
    expect(describeRulesText(def(and()), labels)).toBe("All customers (there are no rules).");
  });

  it("words every field operator and type: text, money, dates, tags, traits", () => {
    const f = (field: string, rest: object) => one({ type: "field", field, ...rest } as Condition);
    expect(f("country", { operator: "in", value: ["us", "DE", "Atlantis"] })).toBe("Country is any of United States, Germany or “Atlantis”");
    expect(f("city", { operator: "not_in", value: ["Paris"] })).toBe("City is none of “Paris”");
    expect(f("email", { operator: "ends_with", value: "@x.com" })).toBe("Email ends with “@x.com”");
    expect(f("annualIncome", { operator: "gte", value: 50000.5 })).toBe("Annual income is at least $50,000.50");
    expect(f("companySize", { operator: "neq", value: 10 })).toBe("Company size is not 10");
    expect(f("birthDate", { operator: "between", value: { from: "1990-01-01", to: "1999-12-31" } })).toBe("Birth date is between Jan 1, 1990 and Dec 31, 1999");
    expect(f("birthDate", { operator: "anniversary_within", value: 7 })).toBe("Birth date has an anniversary within the next 7 days");
    expect(f("firstSeenAt", { operator: "more_than_ago", value: { amount: 1, unit: "months" } })).toBe("First seen is more than 1 month ago");
    expect(f("createdAt", { operator: "in_last", value: { amount: 30, unit: "days" } })).toBe("Added is in the last 30 days");
    expect(f("createdAt", { operator: "before", value: "2024-03-01" })).toBe("Added is before Mar 1, 2024");
    expect(f("interests", { operator: "has_all", value: ["golf", "wine"] })).toBe("Interests includes all of “golf” and “wine”");
    expect(f("traits.plan", { operator: "is_empty" })).toBe("Plan is empty");
    expect(f("traits.beta", { operator: "is_false" })).toBe("Beta tester is false");
    expect(f("traits.unknown", { operator: "is_set" })).toBe("Traits.unknown is set");
  });

  it("words behavior, value and membership conditions", () => {
    expect(one({ type: "behavior", kind: "aggregate", aggregate: "count", subject: { source: "orders", category: "Shoes", channel: "web" }, window: { kind: "last", amount: 90, unit: "days" }, operator: "gte", value: 2 })).toBe(
      "Number of orders in category “Shoes” through channel “web” in the last 90 days is at least 2",
    );
    expect(one({ type: "behavior", kind: "aggregate", aggregate: "sum", subject: { source: "orders" }, window: { kind: "ever" }, operator: "between", value: { min: 100, max: 500 } })).toBe(
      "Total amount of orders ever is between $100 and $500",
    );
    expect(one({ type: "behavior", kind: "occurrence", which: "last", subject: { source: "events", name: "signup", property: { key: "plan", value: "pro" } }, operator: "more_than_ago", value: { amount: 2, unit: "weeks" } })).toBe(
      "Last “signup” event with “plan” = “pro” was more than 2 weeks ago",
    );
    expect(one({ type: "behavior", kind: "never", subject: { source: "orders" }, window: { kind: "between", from: "2024-01-01", to: "2024-01-31" } })).toBe(
      "Has never had orders between Jan 1, 2024 and Jan 31, 2024",
    );
    expect(one({ type: "value", metric: "rfm_segment", operator: "not_in", value: ["lost"] })).toBe("Not in RFM segment Lost");
    expect(one({ type: "value", metric: "clv", operator: "gt", value: 1000 })).toBe("Customer lifetime value is more than $1,000");
    expect(one({ type: "value", metric: "rfm_recency", operator: "lte", value: 2 })).toBe("RFM recency score is at most 2");
    expect(one({ type: "value", metric: "lifecycle_stage", operator: "not_in", value: ["churned", "at_risk"] })).toBe("Lifecycle stage is not Churned or At risk");
    expect(one({ type: "value", metric: "lifecycle_stage", operator: "in", value: ["reactivated"] })).toBe("Lifecycle stage is Reactivated");
    expect(one({ type: "membership", target: "segment", operator: "not_in", id: "s1" })).toBe("Not in segment “VIPs”");
    expect(one({ type: "membership", target: "persona", operator: "matches", id: "gone" })).toBe("Matches persona an unavailable persona");
  });

  it("lists nested and NOT groups, indented, with references as parts and hostile text as text", () => {
    const root: Group = {
      type: "group",
      op: "and",
      children: [
        { type: "field", field: "age", operator: "gte", value: 18 },
        {
          type: "group",
          op: "or",
          children: [
            { type: "membership", target: "segment", operator: "in", id: "s1" },
            { type: "group", op: "and", negate: true, children: [{ type: "field", field: "gender", operator: "eq", value: "<script>alert(1)</script>" }] },
          ],
        },
        { type: "group", op: "or", negate: true, children: [{ type: "membership", target: "persona", operator: "not_matches", id: "p1" }] },
        { type: "group", op: "or", children: [] },
      ],
    };
    const d = describeRules(def(root), labels);
    expect(d.form).toBe("list");
    expect(d.root.items?.[1]?.items?.[0]?.parts).toEqual([{ text: "in segment " }, { ref: "segment", id: "s1", name: "VIPs" }]);
    expect(describeRulesText(def(root), labels)).toBe(
      [
        "Customers matching all of:",
        "• whose age is at least 18 years",
        "• any of:",
        "  ◦ in segment “VIPs”",
        "  ◦ not all of:",
        "    • whose gender is “<script>alert(1)</script>”",
        "• none of:",
        "  ◦ not matching persona “Bargain <b>hunters</b>”",
        "• any of: no rules (no one)",
      ].join("\n"),
    );
    // More than three conditions read as a list too; a long value is kept whole.
    const long = "x".repeat(500);
    const many = describeRules(def(and(...Array.from({ length: 4 }, () => ({ type: "field", field: "city", operator: "contains", value: long }) as Condition))), labels);
    expect(many.form).toBe("list");
    expect(many.root.items).toHaveLength(4);
    expect(describeRulesText(def({ type: "group", op: "or", children: [] }), labels)).toBe("No customers (an empty “any of” group).");
  });
});
