import { describe, expect, it } from "vitest";
import type { Group } from "@/lib/segments/definition";
import { excludedPersonaIds, excludePersonas, includePersonas } from "@/lib/segments/exclusion-rules";

const us: Group["children"][number] = { type: "field", field: "country", operator: "eq", value: "US" };
const not = (id: string): Group["children"][number] => ({ type: "membership", target: "persona", operator: "not_matches", id });

describe("exclusion rules in the builder", () => {
  it("appends one rule per persona not yet excluded, at the top of an AND root", () => {
    const root: Group = { type: "group", op: "and", children: [us, not("a")] };
    const next = excludePersonas(root, ["a", "b", "b"]);
    expect(next.children).toEqual([us, not("a"), not("b")]);
    expect(excludedPersonaIds(next)).toEqual(new Set(["a", "b"]));
    expect(excludePersonas(next, ["a", "b"])).toBe(next);
  });

  it("keeps the meaning of an OR or negated root by nesting it under a new AND", () => {
    const or: Group = { type: "group", op: "or", children: [us, not("a")] };
    // "not matches a" inside an OR does not exclude a.
    expect(excludedPersonaIds(or).size).toBe(0);
    expect(excludePersonas(or, ["a"])).toEqual({ type: "group", op: "and", children: [or, not("a")] });
    const negated: Group = { type: "group", op: "and", negate: true, children: [us] };
    expect(excludedPersonaIds({ ...negated, children: [not("a")] }).size).toBe(0);
    expect(excludePersonas(negated, ["a"]).children[0]).toBe(negated);
  });

  it("an empty root gets just the exclusions; removing them leaves the other rules", () => {
    const empty: Group = { type: "group", op: "or", children: [] };
    expect(excludePersonas(empty, ["a"])).toEqual({ type: "group", op: "and", children: [not("a")] });
    const root: Group = { type: "group", op: "and", children: [not("a"), us, not("b")] };
    expect(includePersonas(root, ["a", "b"]).children).toEqual([us]);
    expect(excludePersonas(root, [])).toBe(root);
  });
});
