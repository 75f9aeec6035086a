import { describe, expect, it } from "vitest";
import { staticReferenceLoader } from "@/lib/segments/context";
import { LIMITS, type SegmentDefinition, type SegmentNode } from "@/lib/segments/definition";
import { assertValidDefinition, formatPath, validateDefinition, validateStructure } from "@/lib/segments/validate";
import { SegmentError } from "@/lib/segments/errors";
import { testCatalog } from "@/lib/segments/test-fixtures";

const catalog = testCatalog();
const def = (...children: unknown[]) => ({ version: 1, root: { type: "group", op: "and", children } });
const issuesOf = (input: unknown) => {
  const r = validateStructure(input, catalog);
  return r.ok ? [] : r.issues;
};

describe("validateStructure", () => {
  it("accepts a valid definition of every condition kind", () => {
    const input = def(
      { type: "field", field: "country", operator: "in", value: ["US", "DE"] },
      { type: "field", field: "traits.score", operator: "between", value: { min: 1, max: 5 } },
      { type: "field", field: "birthDate", operator: "anniversary_within", value: 7 },
      {
        type: "behavior",
        kind: "aggregate",
        subject: { source: "orders", category: "Shoes" },
        aggregate: "sum",
        window: { kind: "last", amount: 90, unit: "days" },
        operator: "gte",
        value: 100,
      },
      { type: "behavior", kind: "occurrence", subject: { source: "events", name: "login" }, which: "last", operator: "more_than_ago", value: { amount: 2, unit: "weeks" } },
      { type: "behavior", kind: "never", subject: { source: "orders" }, window: { kind: "ever" } },
      { type: "value", metric: "rfm_segment", operator: "in", value: ["champions"] },
      { type: "value", metric: "lifecycle_stage", operator: "not_in", value: ["churned"] },
      { type: "group", op: "or", negate: true, children: [{ type: "value", metric: "rfm_recency", operator: "gte", value: 4 }] },
    );
    expect(validateStructure(input, catalog)).toMatchObject({ ok: true });
  });

  it("names the path of an unknown field", () => {
    expect(issuesOf(def({ type: "field", field: "country" , operator: "eq", value: "US" }, { type: "field", field: "shoeSize", operator: "eq", value: "42" }))).toEqual([
      { path: "root.children[1].field", message: "Unknown field “shoeSize”. Pick a field from the list." },
    ]);
  });

  it("refuses an operator the field's type does not have", () => {
    expect(issuesOf(def({ type: "field", field: "companySize", operator: "contains", value: "5" }))).toEqual([
      { path: "root.children[0].operator", message: "“contains” does not apply to Company size, a number field." },
    ]);
  });

  it("accepts the reactivated lifecycle stage and names the stages for an unknown one", () => {
    expect(issuesOf(def({ type: "value", metric: "lifecycle_stage", operator: "in", value: ["reactivated"] }))).toEqual([]);
    const issues = issuesOf(def({ type: "value", metric: "lifecycle_stage", operator: "in", value: ["dormant"] }));
    expect(issues.map((i) => i.message)).toContain("Pick new, reactivated, active, at risk or churned.");
  });

  it("refuses a value of the wrong type", () => {
    expect(issuesOf(def({ type: "field", field: "companySize", operator: "eq", value: "five" }))).toEqual([
      { path: "root.children[0].value", message: "Company size is a number: enter a number." },
    ]);
    const issues = issuesOf(def({ type: "field", field: "companySize", operator: "gt", value: "5" }));
    expect(issues).toEqual([{ path: "root.children[0].value", message: "Enter a number." }]);
    expect(issuesOf(def({ type: "field", field: "birthDate", operator: "before", value: "2024-02-30" }))[0]).toEqual({
      path: "root.children[0].value",
      message: "Use a real calendar date written as YYYY-MM-DD.",
    });
  });

  it("refuses between with min > max and reversed dates", () => {
    expect(issuesOf(def({ type: "field", field: "companySize", operator: "between", value: { min: 10, max: 1 } }))).toEqual([
      { path: "root.children[0].value", message: "The minimum (10) is larger than the maximum (1)." },
    ]);
    expect(
      issuesOf(def({ type: "field", field: "birthDate", operator: "between", value: { from: "2024-02-01", to: "2024-01-01" } })),
    ).toEqual([{ path: "root.children[0].value", message: "The start date (2024-02-01) is after the end date (2024-01-01)." }]);
    expect(issuesOf(def({ type: "field", field: "birthDate", operator: "between", value: { min: 1, max: 2 } }))[0]?.path).toBe(
      "root.children[0].value",
    );
  });

  it("refuses empty lists, unknown operators and unknown keys", () => {
    expect(issuesOf(def({ type: "field", field: "country", operator: "in", value: [] }))).toEqual([
      { path: "root.children[0].value", message: "Add at least one value." },
    ]);
    expect(issuesOf(def({ type: "field", field: "country", operator: "like", value: "x" }))).toEqual([
      { path: "root.children[0].operator", message: "Pick an operator this field supports." },
    ]);
    expect(issuesOf(def({ type: "field", field: "country", operator: "is_set", value: "x" }))).toEqual([
      { path: "root.children[0]", message: "Remove the unknown key value." },
    ]);
    expect(issuesOf({ version: 2, root: { type: "group", op: "and", children: [] } })[0]?.path).toBe("version");
  });

  it("refuses sums of events and RFM scores outside 1–5", () => {
    expect(
      issuesOf(def({ type: "behavior", kind: "aggregate", subject: { source: "events", name: "x" }, aggregate: "sum", window: { kind: "ever" }, operator: "gt", value: 1 })),
    ).toEqual([{ path: "root.children[0].aggregate", message: expect.stringContaining("order amounts") }]);
    expect(issuesOf(def({ type: "value", metric: "rfm_monetary", operator: "gte", value: 6 }))).toEqual([
      { path: "root.children[0].value", message: "RFM scores are whole numbers from 1 to 5." },
    ]);
  });

  it("refuses definitions nested too deep or with too many conditions", () => {
    let node: SegmentNode = { type: "field", field: "country", operator: "is_set" };
    for (let i = 0; i < LIMITS.maxDepth; i++) node = { type: "group", op: "and", children: [node] };
    const deep: SegmentDefinition = { version: 1, root: { type: "group", op: "and", children: [node] } };
    const issues = issuesOf(deep);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toBe("Groups can be nested at most 10 levels deep.");
    expect(issues[0]!.path).toBe(`root${".children[0]".repeat(LIMITS.maxDepth)}`);

    const many = def(...Array.from({ length: LIMITS.maxConditions + 1 }, () => ({ type: "field", field: "country", operator: "is_set" })));
    expect(issuesOf(many)).toEqual([
      { path: "root.children[200]", message: "A segment can have at most 200 conditions; this is one too many." },
    ]);
  });

  it("formats paths the way the UI reads them", () => {
    expect(formatPath(["root", "children", 2, "value"])).toBe("root.children[2].value");
    expect(formatPath([])).toBe("definition");
  });
});

describe("validateDefinition with references", () => {
  const ref = (id: string, target: "segment" | "persona" = "segment") =>
    target === "segment"
      ? { type: "membership", target, operator: "in", id }
      : { type: "membership", target, operator: "matches", id };
  const loader = staticReferenceLoader(
    [
      { id: "a", name: "Alpha", definition: def(ref("b")) },
      { id: "b", name: "Beta", definition: def(ref("self")) },
      { id: "c", name: "Gamma", definition: def({ type: "field", field: "country", operator: "is_set" }) },
      { id: "broken", name: "Broken", definition: { nope: true } },
      { id: "x1", name: "X1", definition: def(ref("x2")) },
      { id: "x2", name: "X2", definition: def(ref("x1")) },
    ],
    [
      { id: "p", name: "Runner", definition: def(ref("c")), segmentId: null },
      { id: "empty", name: "Blank", definition: null, segmentId: null },
    ],
  );

  it("resolves references and returns them", async () => {
    const r = await validateDefinition(def(ref("c"), ref("p", "persona")), { catalog, loader, selfId: "new" });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect([...r.references.segments.keys()].sort()).toEqual(["c"]);
      expect([...r.references.personas.keys()]).toEqual(["p"]);
    }
  });

  it("refuses unknown (or other-workspace) ids, broken and rule-less references", async () => {
    const r = await validateDefinition(def(ref("zzz"), ref("broken"), ref("empty", "persona")), { catalog, loader });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toEqual([
        { path: "root.children[0].id", message: "That segment does not exist in this workspace (it may have been deleted)." },
        { path: "root.children[1].id", message: "Segment “Broken” has a definition that can no longer be read." },
        { path: "root.children[2].id", message: "Persona “Blank” has no rules to match yet." },
      ]);
  });

  it("refuses cycles back to the segment being saved and between others", async () => {
    const self = await validateDefinition(def(ref("a")), { catalog, loader, selfId: "self" });
    expect(self).toEqual({
      ok: false,
      issues: [
        {
          path: "root.children[0].id",
          message: "This reference goes round in a circle (this segment → segment “Alpha” → segment “Beta” → this segment); remove one of the references.",
        },
      ],
    });
    const direct = await validateDefinition(def(ref("self")), { catalog, loader, selfId: "self" });
    expect(direct.ok ? [] : direct.issues).toEqual([{ path: "root.children[0].id", message: "A segment can't refer to itself." }]);
    const other = await validateDefinition(def(ref("x1")), { catalog, loader });
    expect(other.ok ? "" : other.issues[0]!.message).toContain("goes round in a circle");
  });

  it("assertValidDefinition throws a SegmentError with the issues", async () => {
    await expect(assertValidDefinition(def(ref("zzz")), { catalog, loader })).rejects.toBeInstanceOf(SegmentError);
    await expect(assertValidDefinition(def(ref("zzz")), { catalog, loader })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: "root.children[0].id" }],
    });
  });

  it("assertValidDefinition names the rule in words, keeping the path only on the issue", async () => {
    const nested = def(
      { type: "field", field: "country", operator: "eq", value: "US" },
      { type: "group", op: "or", children: [{ type: "field", field: "companySize", operator: "gt", value: "five" }] },
    );
    const error = await assertValidDefinition(nested, { catalog }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SegmentError);
    expect((error as SegmentError).message).toBe("The segment rules need a fix. Rule 1 inside rule 2 (a group), value: enter a number.");
    expect((error as SegmentError).issues).toEqual([{ path: "root.children[1].children[0].value", message: "Enter a number." }]);
    const two = await assertValidDefinition(def(ref("zzz"), ref("yyy")), { catalog, loader }).catch((e: unknown) => e);
    expect((two as SegmentError).message).toMatch(/^The segment rules need 2 fixes\. The first: Rule 1, choice: /);
    expect((two as SegmentError).message).not.toMatch(/root|children/);
  });
});
