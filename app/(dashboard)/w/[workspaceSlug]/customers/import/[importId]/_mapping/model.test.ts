import { describe, expect, it } from "vitest";
import type { ColumnTarget } from "@/lib/imports/mapping";
import {
  countColumnsWithErrors,
  isOffered,
  normaliseErrors,
  requiredLabel,
  samplesOf,
  targetFrom,
  targetLabel,
  targetValue,
  type TargetContext,
} from "./model";

const row = (line: number, cells: string[]) => ({ line, cells, problems: [] });

function ctx(over: Partial<TargetContext> = {}): TargetContext {
  const columns = over.columns ?? ["Age", "Spending Score (1-100)", "Favourite colour", "Visits"];
  return {
    columns,
    guesses: columns.map((): ColumnTarget => ({ type: "ignore" })),
    mapping: columns.map((): ColumnTarget => ({ type: "ignore" })),
    traits: [],
    rows: [row(2, ["34", "81", "teal", "3"]), row(3, ["52", "12", "", "7"])],
    ...over,
  };
}

describe("targetFrom", () => {
  it("gives a new trait the family its header suggests, not always Psychographic", () => {
    expect(targetFrom("new-trait", 0, ctx())).toEqual({ type: "newTrait", key: "age", label: "Age", traitType: "NUMBER", family: "DEMOGRAPHIC" });
    expect(targetFrom("new-trait", 1, ctx())).toMatchObject({ type: "newTrait", family: "BEHAVIORAL", traitType: "NUMBER" });
    expect(targetFrom("new-trait", 2, ctx())).toMatchObject({ type: "newTrait", family: "PSYCHOGRAPHIC", traitType: "TEXT" });
  });

  it("keeps the file's own guess for a new trait or a property", () => {
    const guess: ColumnTarget = { type: "newTrait", key: "years", label: "Years", traitType: "NUMBER", family: "VALUE" };
    const guesses: ColumnTarget[] = [guess, { type: "property", key: "score" }, { type: "ignore" }, { type: "ignore" }];
    expect(targetFrom("new-trait", 0, ctx({ guesses }))).toBe(guess);
    expect(targetFrom("property", 1, ctx({ guesses }))).toEqual({ type: "property", key: "score" });
    expect(targetFrom("property", 3, ctx({ guesses }))).toEqual({ type: "property", key: "visits" });
  });

  it("picks a key no trait and no other new trait uses", () => {
    const mapping: ColumnTarget[] = [
      { type: "ignore" },
      { type: "newTrait", key: "age_2", label: "x", traitType: "TEXT", family: "VALUE" },
      { type: "ignore" },
      { type: "ignore" },
    ];
    const target = targetFrom("new-trait", 0, ctx({ mapping, traits: [{ key: "age", label: "Age", type: "NUMBER" }] }));
    expect(target.type === "newTrait" && target.key).not.toMatch(/^(age|age_2)$/);
  });

  it("reads fields, traits and ignore from the select's value", () => {
    expect(targetFrom("field:email", 0, ctx())).toEqual({ type: "field", key: "email" });
    expect(targetFrom("trait:plan", 0, ctx())).toEqual({ type: "trait", key: "plan" });
    expect(targetFrom("ignore", 0, ctx())).toEqual({ type: "ignore" });
    for (const t of [{ type: "field", key: "email" }, { type: "trait", key: "plan" }, { type: "ignore" }] as ColumnTarget[]) {
      expect(targetFrom(targetValue(t), 0, ctx())).toEqual(t);
    }
  });
});

describe("errors", () => {
  it("keeps column messages with their column and the rest with the form", () => {
    const out = normaliseErrors(
      { "columns.2": ["Unknown field."], "settings.columns.1.label": ["Enter a label."], "settings.columns.1.type": ["Pick one."], matchBy: ["No."] },
      "fallback",
    );
    expect(out).toEqual({ "columns.2": ["Unknown field."], "columns.1.label": ["Enter a label."], "columns.1": ["Pick one."], form: ["No."] });
    expect(countColumnsWithErrors(out)).toBe(2);
    expect(normaliseErrors(undefined, "Try again.")).toEqual({ form: ["Try again."] });
    expect(normaliseErrors({ a: ["x"], b: ["x"] }, null)).toEqual({ form: ["x"] });
  });
});

describe("labels", () => {
  const targets = [
    { key: "externalId", label: "External id", required: false },
    { key: "email", label: "E-mail", required: false },
    { key: "orderedAt", label: "Order date", required: true },
  ];
  it("says which fields are required", () => {
    expect(requiredLabel(targets[0]!, "CUSTOMERS", "externalId")).toBe("External id (required, to match customers)");
    expect(requiredLabel(targets[1]!, "CUSTOMERS", "externalId")).toBe("E-mail");
    expect(requiredLabel(targets[2]!, "ORDERS", "externalId")).toBe("Order date (required)");
  });
  it("names a target and knows when it is no longer offered", () => {
    const traits = [{ key: "plan", label: "Plan", type: "TEXT" as const }];
    expect(targetLabel({ type: "field", key: "email" }, targets, traits)).toBe("E-mail");
    expect(targetLabel({ type: "trait", key: "plan" }, targets, traits)).toBe("Plan");
    expect(targetLabel({ type: "property", key: "page" }, targets, traits)).toBe("property page");
    expect(targetLabel({ type: "ignore" }, targets, traits)).toBe("ignored");
    expect(isOffered({ type: "trait", key: "gone" }, targets, traits)).toBe(false);
    expect(isOffered({ type: "field", key: "email" }, targets, traits)).toBe(true);
  });
  it("samples up to three distinct values", () => {
    const rows = [row(2, ["a"]), row(3, ["a"]), row(4, [" b "]), row(5, ["x".repeat(50)]), row(6, ["d"])];
    expect(samplesOf(rows, 0)).toEqual(["a", "b", `${"x".repeat(39)}…`]);
    expect(samplesOf(rows, 3)).toEqual([]);
  });
});

describe("amount columns with a unit in the header", () => {
  it("keep the guessed scale when the guessed field is chosen again, and start as written otherwise", () => {
    const ctx = {
      columns: ["Annual Income (k$)"],
      guesses: [{ type: "field" as const, key: "annualIncome", scale: 1000 as const }],
      mapping: [{ type: "ignore" as const }],
      traits: [],
      rows: [],
    };
    expect(targetFrom("field:annualIncome", 0, ctx)).toEqual({ type: "field", key: "annualIncome", scale: 1000 });
    expect(targetFrom("field:email", 0, ctx)).toEqual({ type: "field", key: "email" });
  });
});
