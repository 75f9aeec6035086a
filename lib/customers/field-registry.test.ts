import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CUSTOMER_FIELDS, EDITABLE_FIELDS, FIELD_DECLARATIONS, LIST_FIELDS, type FieldKind } from "@/lib/customers/field-registry";
import { BUILT_IN_FIELDS as PROFILE_FIELDS } from "@/lib/customers/fields";
import { customerFormState, DEFAULT_SUGGESTIONS } from "@/lib/customers/form";
import { customerExportColumns, customerJson } from "@/lib/customers/customer-export";
import { SORT_KEYS } from "@/lib/customers/url-state";
import { listRowForClient } from "@/lib/customers/list-row";
import { BUILT_IN_FIELDS as CATALOG_FIELDS } from "@/lib/segments/catalog";
import { CUSTOMER_TARGETS } from "@/lib/imports/targets";
import { customerInputSchema } from "@/lib/validations/customer";
import { FIELD_VALIDATORS } from "@/lib/validations/customer-fields";

/** The Customer model's scalar columns as prisma/schema.prisma declares them. */
function customerModel(): Map<string, { type: string; optional: boolean; list: boolean; attributes: string }> {
  const schema = readFileSync(path.join(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
  const body = /model Customer \{([\s\S]*?)\n\}/.exec(schema)?.[1];
  if (!body) throw new Error("model Customer not found");
  const columns = new Map<string, { type: string; optional: boolean; list: boolean; attributes: string }>();
  for (const line of body.split("\n")) {
    const m = /^\s+(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
    if (!m || m[1]!.startsWith("@@")) continue;
    columns.set(m[1]!, { type: m[2]!, list: !!m[3], optional: !!m[4], attributes: m[5] ?? "" });
  }
  return columns;
}

const PRISMA_TYPE: Record<FieldKind, string> = {
  text: "String",
  email: "String",
  country: "String",
  tags: "String",
  number: "Float",
  integer: "Int",
  money: "Decimal",
  date: "DateTime",
  datetime: "DateTime",
  boolean: "Boolean",
};

const keys = FIELD_DECLARATIONS.map((f) => f.key);

describe("the customer field registry", () => {
  it("declares each field once", () => {
    expect(new Set(keys).size).toBe(keys.length);
    expect(CUSTOMER_FIELDS.length).toBe(FIELD_DECLARATIONS.length);
  });

  it("names only Customer columns, with the column's type and nullability", () => {
    const model = customerModel();
    for (const field of FIELD_DECLARATIONS) {
      const column = model.get(field.key);
      expect(column, `${field.key} is a Customer column`).toBeDefined();
      expect(column!.type, `${field.key}'s type`).toBe(PRISMA_TYPE[field.kind]);
      expect(column!.list, `${field.key} is a list`).toBe(field.kind === "tags");
      expect(column!.optional, `${field.key}'s nullability`).toBe(field.nullable);
      if (field.kind === "date") expect(column!.attributes).toContain("@db.Date");
    }
  });

  it("covers every scalar Customer column but the keys, the id and the traits document", () => {
    const model = customerModel();
    const relations = new Set(["Workspace", "Order", "Event", "CustomerMetrics", "SegmentMember", "CustomerPrediction"]);
    const scalar = [...model.entries()].filter(([, c]) => !relations.has(c.type)).map(([name]) => name);
    expect(scalar.filter((name) => !keys.includes(name)).sort()).toEqual(["id", "traits", "workspaceId"]);
  });

  it("gives a segment date field the storage its column has", () => {
    const model = customerModel();
    for (const field of CATALOG_FIELDS.filter((f) => f.type === "date")) {
      const attributes = model.get(field.key)!.attributes;
      const storage = attributes.includes("@db.Date") ? "date" : attributes.includes("@db.Timestamptz") ? "timestamptz" : "timestamp";
      expect(field.dateStorage, field.key).toBe(storage);
    }
  });

  it("is what the profile, the segment catalog and the import targets list", () => {
    expect(PROFILE_FIELDS.map((f) => f.key)).toEqual(keys);
    expect(CATALOG_FIELDS.map((f) => f.key)).toEqual(FIELD_DECLARATIONS.filter((f) => f.segment !== false).map((f) => f.key));
    for (const f of CATALOG_FIELDS) expect(f.column).toBe(f.key);
    expect(CUSTOMER_TARGETS.map((t) => t.key)).toEqual(FIELD_DECLARATIONS.filter((f) => f.import).map((f) => f.key));
    expect(CUSTOMER_TARGETS.every((t) => t.synonyms.length > 0)).toBe(true);
    // Every column the form edits can also be imported.
    for (const f of EDITABLE_FIELDS) expect(CUSTOMER_TARGETS.map((t) => t.key)).toContain(f.key);
  });

  it("is what the form holds and validates", () => {
    const editable = EDITABLE_FIELDS.map((f) => f.key);
    expect(Object.keys(customerInputSchema.shape)).toEqual([...editable, "traits"]);
    expect(Object.keys(customerFormState(null, [])).sort()).toEqual([...editable, "traits"].sort());
    for (const f of EDITABLE_FIELDS) expect(Object.keys(FIELD_VALIDATORS)).toContain(f.validation);
    // Read-only fields are never in the form.
    for (const f of FIELD_DECLARATIONS.filter((d) => d.readOnly)) expect(editable).not.toContain(f.key);
    for (const key of Object.keys(DEFAULT_SUGGESTIONS)) expect(editable).toContain(key);
  });

  it("is what the list shows and sorts by", () => {
    expect(SORT_KEYS).toEqual(["name", ...FIELD_DECLARATIONS.filter((f) => f.list?.sort).map((f) => f.key)]);
    const positions = LIST_FIELDS.map((f) => f.list.position);
    expect(new Set(positions).size).toBe(positions.length);
    expect(positions.every((p) => p > 0)).toBe(true);
    const row = listRowForClient(
      {
        id: 1,
        externalId: "c1",
        email: null,
        gender: null,
        occupation: null,
        country: "DE",
        region: null,
        city: null,
        industry: null,
        companySize: 12,
        lifecycleStage: null,
        acquisitionChannel: null,
        emailOptIn: true,
        annualIncome: "10.50",
        createdAt: new Date("2026-01-02T03:04:05.000Z"),
      },
      { name: "c1", named: false, countryName: "Germany" },
    );
    expect(Object.keys(row).sort()).toEqual(["countryName", "id", "name", "named", "traits", ...LIST_FIELDS.map((f) => f.key)].sort());
    expect(row.createdAt).toBe("2026-01-02T03:04:05.000Z");
  });

  it("is what an export writes", () => {
    const headers = customerExportColumns([]).map((c) => c.header);
    expect(headers[0]).toBe("id");
    expect(headers.slice(1).sort()).toEqual(FIELD_DECLARATIONS.map((f) => f.export.header).sort());
    const json = customerJson({
      id: 1,
      externalId: "c1",
      email: null,
      firstName: null,
      lastName: null,
      gender: null,
      birthDate: null,
      annualIncome: null,
      occupation: null,
      country: null,
      region: null,
      city: null,
      industry: null,
      companySize: null,
      lifecycleStage: null,
      acquisitionChannel: null,
      emailOptIn: false,
      firstSeenAt: null,
      interests: [],
      needs: [],
      technologies: [],
      traits: {},
      createdAt: new Date(0),
      updatedAt: new Date(0),
    });
    expect(Object.keys(json).sort()).toEqual(["id", "traits", ...keys].sort());
  });
});
