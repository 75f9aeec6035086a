import { describe, expect, it } from "vitest";
import { definitionSchema, type SegmentDefinition } from "@/lib/segments/definition";
import { validateStructure } from "@/lib/segments/validate";
import { testCatalog } from "@/lib/segments/test-fixtures";

const catalog = testCatalog();
const def = (...children: unknown[]) => ({ version: 1, root: { type: "group", op: "and", children } });
const parsed = (input: unknown): SegmentDefinition => definitionSchema.parse(input);
const issuesOf = (input: unknown) => {
  const r = validateStructure(input, catalog);
  return r.ok ? [] : r.issues;
};

describe("text values in a definition are trimmed", () => {
  it("trims field values, list values, event names and property values, order category and channel", () => {
    const out = parsed(
      def(
        { type: "field", field: "gender", operator: "eq", value: "Female " },
        { type: "field", field: "email", operator: "contains", value: "  @acme. " },
        { type: "field", field: "country", operator: "in", value: [" US", "GB  "] },
        {
          type: "behavior",
          kind: "never",
          subject: { source: "events", name: " page_view ", property: { key: " page ", value: " pricing " } },
          window: { kind: "ever" },
        },
        { type: "behavior", kind: "never", subject: { source: "orders", category: " Shoes ", channel: "\tweb\n" }, window: { kind: "ever" } },
      ),
    );
    expect(out.root.children).toEqual([
      { type: "field", field: "gender", operator: "eq", value: "Female" },
      { type: "field", field: "email", operator: "contains", value: "@acme." },
      { type: "field", field: "country", operator: "in", value: ["US", "GB"] },
      {
        type: "behavior",
        kind: "never",
        subject: { source: "events", name: "page_view", property: { key: "page", value: "pricing" } },
        window: { kind: "ever" },
      },
      { type: "behavior", kind: "never", subject: { source: "orders", category: "Shoes", channel: "web" }, window: { kind: "ever" } },
    ]);
  });

  it("reads a saved definition with untrimmed values, and an old empty “is” value, without failing", () => {
    const saved = def({ type: "field", field: "gender", operator: "eq", value: "female " }, { type: "field", field: "country", operator: "eq", value: "" });
    const result = definitionSchema.safeParse(saved);
    expect(result.success).toBe(true);
    expect(result.data?.root.children[0]).toEqual({ type: "field", field: "gender", operator: "eq", value: "female" });
  });

  it("refuses a value that is empty once trimmed", () => {
    expect(issuesOf(def({ type: "field", field: "gender", operator: "eq", value: "   " }))).toEqual([
      { path: "root.children[0].value", message: "Enter a value." },
    ]);
    expect(issuesOf(def({ type: "field", field: "email", operator: "contains", value: " " }))).toEqual([
      { path: "root.children[0].value", message: "Enter a value." },
    ]);
    expect(issuesOf(def({ type: "field", field: "country", operator: "in", value: ["US", "  "] }))).toEqual([
      { path: "root.children[0].value[1]", message: "Enter a value." },
    ]);
    expect(issuesOf(def({ type: "behavior", kind: "never", subject: { source: "orders", category: "  " }, window: { kind: "ever" } }))).toEqual([
      { path: "root.children[0].subject.category", message: "Enter a value." },
    ]);
    expect(
      issuesOf(def({ type: "behavior", kind: "never", subject: { source: "events", name: "x", property: { key: "k", value: " " } }, window: { kind: "ever" } })),
    ).toHaveLength(1);
  });

  it("still accepts a number for “is” on a number field and refuses an infinite one", () => {
    expect(issuesOf(def({ type: "field", field: "companySize", operator: "eq", value: 5 }))).toEqual([]);
    expect(issuesOf(def({ type: "field", field: "companySize", operator: "gt", value: Number.POSITIVE_INFINITY }))).toHaveLength(1);
  });
});
