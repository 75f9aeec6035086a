import { describe, expect, it } from "vitest";
import { issuesStillCurrent, nodeAtPath, numberIssues, numberProblem, numberText, parseNumberText, rulePath, splitList } from "@/lib/segments/builder-input";
import type { Group } from "@/lib/segments/definition";

describe("parseNumberText", () => {
  it("reads plain, signed, decimal and exponent numbers, ignoring surrounding spaces", () => {
    expect(parseNumberText("42")).toBe(42);
    expect(parseNumberText(" 19.99 ")).toBe(19.99);
    expect(parseNumberText("-3")).toBe(-3);
    expect(parseNumberText("+7")).toBe(7);
    expect(parseNumberText(".5")).toBe(0.5);
    expect(parseNumberText("5.")).toBe(5);
    expect(parseNumberText("1e3")).toBe(1000);
    expect(parseNumberText("2.5E-2")).toBe(0.025);
  });

  it("never reads an empty or malformed box as 0", () => {
    for (const text of ["", "   ", "1e", "e5", "-", ".", "12abc", "0x10", "1,5", "1 000", "Infinity", "NaN", "1e+"]) {
      expect(parseNumberText(text), text).toBeNaN();
    }
  });

  it("reads a number too large to represent as infinite, not as a number", () => {
    expect(parseNumberText("1e400")).toBe(Number.POSITIVE_INFINITY);
    expect(parseNumberText("-1e400")).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe("numberProblem and numberText", () => {
  it("says what is wrong with a number that cannot be used", () => {
    expect(numberProblem(Number.NaN)).toBe("Enter a number.");
    expect(numberProblem(Number.POSITIVE_INFINITY)).toBe("That number is too large to use: enter a smaller one.");
    expect(numberProblem(Number.NEGATIVE_INFINITY)).toBe("That number is too large to use: enter a smaller one.");
    expect(numberProblem(0)).toBeNull();
    expect(numberProblem(-2.5)).toBeNull();
  });

  it("shows a usable number as typed and nothing for the rest", () => {
    expect(numberText(12.5)).toBe("12.5");
    expect(numberText(Number.NaN)).toBe("");
    expect(numberText(Number.POSITIVE_INFINITY)).toBe("");
  });
});

describe("numberIssues", () => {
  it("finds every unusable number by the path of its box, nested groups included", () => {
    const root: Group = {
      type: "group",
      op: "and",
      children: [
        { type: "field", field: "companySize", operator: "gt", value: Number.NaN },
        {
          type: "group",
          op: "or",
          children: [
            { type: "field", field: "country", operator: "eq", value: "US" },
            { type: "field", field: "annualIncome", operator: "between", value: { min: 1, max: Number.POSITIVE_INFINITY } },
            {
              type: "behavior",
              kind: "aggregate",
              subject: { source: "orders" },
              aggregate: "count",
              window: { kind: "last", amount: Number.NaN, unit: "days" },
              operator: "gte",
              value: 2,
            },
          ],
        },
        { type: "value", metric: "clv", operator: "gte", value: 500 },
      ],
    };
    expect(numberIssues(root)).toEqual([
      { path: "root.children[0].value", message: "Enter a number." },
      { path: "root.children[1].children[1].value.max", message: "That number is too large to use: enter a smaller one." },
      { path: "root.children[1].children[2].window.amount", message: "Enter a number." },
    ]);
  });

  it("finds nothing in rules whose numbers are all usable", () => {
    const root: Group = {
      type: "group",
      op: "and",
      children: [
        { type: "field", field: "companySize", operator: "gt", value: 0 },
        { type: "field", field: "birthDate", operator: "anniversary_within", value: 7 },
      ],
    };
    expect(numberIssues(root)).toEqual([]);
  });
});

describe("rulePath and splitList", () => {
  it("finds the rule a path belongs to", () => {
    expect(rulePath("root.children[0].children[2].value.min")).toBe("root.children[0].children[2]");
    expect(rulePath("root.children[3].window.amount")).toBe("root.children[3]");
    expect(rulePath("root")).toBe("root");
  });

  it("trims list values and leaves empty ones out", () => {
    expect(splitList(" US ,GB,, ,DE ")).toEqual(["US", "GB", "DE"]);
    expect(splitList("   ")).toEqual([]);
  });
});

describe("nodeAtPath and issuesStillCurrent", () => {
  const checked: Group = {
    type: "group",
    op: "and",
    children: [
      { type: "field", field: "gender", operator: "eq", value: "" },
      { type: "group", op: "or", children: [{ type: "membership", target: "persona", operator: "matches", id: "" }] },
    ],
  };

  it("finds a node by its rule path", () => {
    expect(nodeAtPath(checked, "root")).toBe(checked);
    expect(nodeAtPath(checked, "root.children[1].children[0]")).toMatchObject({ type: "membership" });
    expect(nodeAtPath(checked, "root.children[5]")).toBeUndefined();
    expect(nodeAtPath(checked, "definition")).toBeUndefined();
  });

  it("keeps the issues of rules unchanged since the check and drops those of changed rules", () => {
    const issues = {
      "root.children[0].value": ["Enter a value."],
      "root.children[1].children[0].id": ["Pick an item."],
      definition: ["A definition needs a version and a root group."],
    };
    const current: Group = { ...checked, children: [{ type: "field", field: "gender", operator: "eq", value: "Female" }, checked.children[1]!] };
    expect(issuesStillCurrent(issues, checked, current)).toEqual({
      "root.children[1].children[0].id": ["Pick an item."],
      definition: ["A definition needs a version and a root group."],
    });
    expect(issuesStillCurrent(issues, checked, checked)).toEqual(issues);
  });
});
