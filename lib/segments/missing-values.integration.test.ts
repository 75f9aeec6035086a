/**
 * Missing values, on PGlite and on PostgreSQL (TEST_DATABASE_URL):
 * - the catalog's `nullable` flags match the live database, and tag lists are NOT NULL;
 * - the migration that made tag lists NOT NULL fills NULL lists with '{}' first;
 * - for every field and operator, SQL and `match` agree on customers whose values are NULL,
 *   missing, JSON null, empty or of the wrong JSON type, and all of those read as "not set";
 * - customers imported with a blank Interests cell: "includes any of" + "includes none of" =
 *   everyone, "is empty" counts them, and `match` agrees with SQL for each of them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { MIGRATIONS_DIR, readMigrationsList } from "@/lib/db/migrate";
import { importText } from "@/lib/imports/test-helpers";
import { BUILT_IN_FIELDS, loadFieldCatalog, type CatalogField, type FieldCatalog } from "@/lib/segments/catalog";
import { countSegment, segmentMemberIds } from "@/lib/segments/queries";
import { createContext, type EvaluationContext } from "@/lib/segments/context";
import type { FieldCondition, FieldOperator, SegmentDefinition, SegmentNode } from "@/lib/segments/definition";
import { match, type CustomerRecord } from "@/lib/segments/match";
import { blankCustomer, createTestWorkspace, insertPopulation, TEST_TRAITS, testCatalog } from "@/lib/segments/test-fixtures";

const NOW = new Date("2024-03-01T12:00:00.000Z");
const NEGATIVE: ReadonlySet<FieldOperator> = new Set(["neq", "not_in", "has_none", "is_empty"]);

type ColumnRow = { column: string; nullable: string; type: string; default: string | null };

async function customerColumns(): Promise<Map<string, ColumnRow>> {
  const rows = await db.$queryRaw<ColumnRow[]>`
    select column_name::text as "column", is_nullable::text as "nullable", data_type::text as "type",
           column_default::text as "default"
    from information_schema.columns where table_schema = current_schema() and table_name = 'Customer'`;
  return new Map(rows.map((r) => [r.column, r]));
}

const definitionOf = (root: SegmentNode): SegmentDefinition => ({
  version: 1,
  root: root.type === "group" ? root : { type: "group", op: "and", children: [root] },
});
const notGroup = (child: SegmentNode): SegmentDefinition => ({ version: 1, root: { type: "group", op: "and", negate: true, children: [child] } });

/** SQL members and `match` members of each definition, for the given customers. */
async function expectParity(workspaceId: string, customers: CustomerRecord[], definitions: SegmentDefinition[], ctx: EvaluationContext) {
  for (const d of definitions) {
    const expected = customers.filter((c) => match(d, c, { orders: [], events: [] }, ctx).matched).map((c) => c.id);
    const ids = await segmentMemberIds(db, workspaceId, d, ctx);
    expect(ids, JSON.stringify(d)).toEqual(expected);
    expect(await countSegment(db, workspaceId, d, ctx), JSON.stringify(d)).toBe(expected.length);
  }
}

/** One condition per operator of the field, with a value the "set" customers can match. */
function conditionsFor(field: CatalogField): FieldCondition[] {
  const f = field.key;
  const make = (operator: FieldOperator, value?: unknown) => ({ type: "field", field: f, operator, ...(value === undefined ? {} : { value }) }) as FieldCondition;
  return field.operators.map((op) => {
    switch (field.type) {
      case "text":
        return make(op, op === "in" || op === "not_in" ? ["x", "y"] : op === "is_set" || op === "is_empty" ? undefined : "x");
      case "number":
        return make(op, op === "between" ? { min: 0, max: 10 } : op === "is_set" || op === "is_empty" ? undefined : 5);
      case "boolean":
        return make(op);
      case "tags":
        return make(op, op === "is_set" || op === "is_empty" ? undefined : ["tech"]);
      case "date":
        switch (op) {
          case "before":
          case "after":
            return make(op, "2024-01-01");
          case "between":
            return make(op, { from: "1900-01-01", to: "2100-01-01" });
          case "in_last":
          case "more_than_ago":
            return make(op, { amount: 30, unit: "days" });
          case "anniversary_within":
            return make(op, 366);
          default:
            return make(op);
        }
    }
  });
}

describe("the catalog and the database", () => {
  it("declares a built-in field nullable exactly when its column allows NULL", async () => {
    const columns = await customerColumns();
    expect(BUILT_IN_FIELDS.filter((f) => !columns.has(f.column!)).map((f) => f.column)).toEqual([]);
    const declared = BUILT_IN_FIELDS.map((f) => [f.column, f.nullable]);
    const live = BUILT_IN_FIELDS.map((f) => [f.column, columns.get(f.column!)?.nullable === "YES"]);
    expect(declared).toEqual(live);
  });

  it("keeps every text[] column of \"Customer\" NOT NULL with the empty list as default, read as tags", async () => {
    const arrays = [...(await customerColumns()).values()].filter((c) => c.type === "ARRAY");
    const tagColumns = BUILT_IN_FIELDS.filter((f) => f.type === "tags").map((f) => f.column);
    expect(arrays.map((c) => c.column).sort()).toEqual([...tagColumns].sort());
    for (const c of arrays) {
      expect(c.nullable, c.column).toBe("NO");
      expect(c.default, c.column).toMatch(/^(ARRAY\[\]::text\[\]|'\{\}'::text\[\])$/);
    }
    const ws = await createTestWorkspace(db);
    await expect(db.$executeRaw`insert into "Customer" ("workspaceId", "externalId", "interests", "updatedAt") values (${ws}::uuid, 'n1', null, now())`).rejects.toThrow();
    await expect(db.$executeRaw`insert into "Customer" ("workspaceId", "externalId", "needs", "updatedAt") values (${ws}::uuid, 'n3', array['a', null]::text[], now())`).rejects.toThrow();
    await db.$executeRaw`insert into "Customer" ("workspaceId", "externalId", "updatedAt") values (${ws}::uuid, 'n2', now())`;
    const [row] = await db.$queryRaw<{ interests: string[]; needs: string[]; technologies: string[] }[]>`
      select "interests", "needs", "technologies" from "Customer" where "workspaceId" = ${ws}::uuid`;
    expect(row).toEqual({ interests: [], needs: [], technologies: [] });
  });
});

describe("NULL tag lists (a database before the NOT NULL migration)", () => {
  it("are matched by SQL as by match() when the catalog says they may be NULL, and the migration fills them with {}", async () => {
    const migration = readMigrationsList().migrationDirectories.find((d) => d.path.endsWith("_customer_tag_lists_not_null"));
    expect(migration).toBeDefined();
    const statements = readFileSync(path.join(MIGRATIONS_DIR, migration!.path, "migration.sql"), "utf8")
      .split("\n")
      .filter((line) => !line.trimStart().startsWith("--"))
      .join("\n")
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean);
    expect(statements[0]).toMatch(/^UPDATE "Customer"/);
    expect(statements.at(-1)).toMatch(/SET NOT NULL/);

    await db.$executeRaw`ALTER TABLE "Customer" ALTER COLUMN "interests" DROP NOT NULL, ALTER COLUMN "needs" DROP NOT NULL,
      ALTER COLUMN "technologies" DROP NOT NULL, DROP CONSTRAINT "Customer_interests_no_null_tag",
      DROP CONSTRAINT "Customer_needs_no_null_tag", DROP CONSTRAINT "Customer_technologies_no_null_tag"`;
    const ws = await createTestWorkspace(db);
    const population = [
      blankCustomer(1, { interests: ["tech"] }),
      blankCustomer(2, { interests: ["art"] }),
      blankCustomer(3),
      blankCustomer(4),
    ];
    await insertPopulation(db, ws, population.map((customer) => ({ customer, history: { orders: [], events: [] } })));
    await db.$executeRaw`update "Customer" set "interests" = null, "needs" = null where "workspaceId" = ${ws}::uuid and "id" = 3`;
    await db.$executeRaw`update "Customer" set "technologies" = null where "workspaceId" = ${ws}::uuid and "id" = 4`;
    const stored = await db.$queryRaw<{ n: number }[]>`select count(*)::int as n from "Customer" where "workspaceId" = ${ws}::uuid and "interests" is null`;
    expect(stored[0]!.n).toBe(1);
    // The matcher sees the rows as the database holds them.
    const customers: CustomerRecord[] = await db.customer.findMany({ where: { workspaceId: ws }, orderBy: { id: "asc" } });

    // What the catalog must say for such a database: tag lists may be NULL.
    const base = testCatalog();
    const fields = base.fields.map((f) => (f.source === "column" && f.type === "tags" ? { ...f, nullable: true } : f));
    const catalog: FieldCatalog = { fields, byKey: new Map(fields.map((f) => [f.key, f])) };
    const ctx = createContext({ now: NOW, catalog });
    const definitions = ["interests", "needs", "technologies"].flatMap((field) =>
      conditionsFor(catalog.byKey.get(field)!).flatMap((c) => [definitionOf(c), notGroup(c)]),
    );
    await expectParity(ws, customers, definitions, ctx);
    const none = definitionOf({ type: "field", field: "interests", operator: "has_none", value: ["tech"] });
    expect(await segmentMemberIds(db, ws, none, ctx)).toEqual([2, 3, 4]);

    // The migration's own statements (a file of the repository, no user values).
    // NULL tags inside a list are removed too.
    await db.$executeRaw`update "Customer" set "technologies" = array['tech', null]::text[] where "workspaceId" = ${ws}::uuid and "id" = 1`;
    await db.$executeRaw`update "Customer" set "needs" = array[null]::text[] where "workspaceId" = ${ws}::uuid and "id" = 2`;
    for (const statement of statements) await db.$executeRaw(Prisma.raw(statement));
    const after = await db.$queryRaw<{ id: number; interests: string[]; needs: string[]; technologies: string[] }[]>`
      select "id", "interests", "needs", "technologies" from "Customer" where "workspaceId" = ${ws}::uuid order by "id"`;
    expect(after).toEqual([
      { id: 1, interests: ["tech"], needs: [], technologies: ["tech"] },
      { id: 2, interests: ["art"], needs: [], technologies: [] },
      { id: 3, interests: [], needs: [], technologies: [] },
      { id: 4, interests: [], needs: [], technologies: [] },
    ]);
    const columns = await customerColumns();
    expect(["interests", "needs", "technologies"].map((c) => columns.get(c)?.nullable)).toEqual(["NO", "NO", "NO"]);
  });
});

describe("every field and operator on missing values", () => {
  it("agrees between SQL and match(), and reads NULL, missing, JSON null, '' , [] and wrong types as not set", async () => {
    const ws = await createTestWorkspace(db);
    const set = blankCustomer(1, {
      email: "x",
      firstName: "x",
      lastName: "x",
      gender: "x",
      birthDate: new Date("2000-02-29T00:00:00.000Z"),
      annualIncome: "5.00",
      occupation: "x",
      country: "x",
      region: "x",
      city: "x",
      industry: "x",
      companySize: 5,
      lifecycleStage: "x",
      acquisitionChannel: "x",
      emailOptIn: true,
      firstSeenAt: new Date("2024-02-20T00:00:00.000Z"),
      interests: ["tech"],
      needs: ["tech"],
      technologies: ["tech"],
      traits: { plan: "x", score: 5, renewal: "2024-02-20", beta: true, badges: ["tech"] },
    });
    const traitsOf = (value: unknown) => Object.fromEntries(TEST_TRAITS.map((t) => [t.key, value]));
    const notSet = [
      blankCustomer(2, { traits: {} }), // every nullable column NULL, every trait missing
      blankCustomer(3, { traits: traitsOf(null) }), // JSON null
      blankCustomer(4, { traits: traitsOf(""), email: "", firstName: "", country: "" }), // empty strings
      blankCustomer(5, { traits: traitsOf([]) }), // empty arrays
      blankCustomer(6, { traits: { plan: 5, score: "5", renewal: 20240220, beta: "true", badges: "tech" } }), // wrong JSON types
      blankCustomer(7, { traits: { plan: ["x"], score: [5], renewal: ["2024-02-20"], beta: [true], badges: [1, null, ["tech"]] } }),
      blankCustomer(8, { traits: null }), // the whole traits value is JSON null
      blankCustomer(9, { traits: ["plan", "score"] }), // … or an array
    ];
    const customers = [set, ...notSet];
    await insertPopulation(db, ws, customers.map((customer) => ({ customer, history: { orders: [], events: [] } })));
    const catalog = testCatalog();
    const ctx = createContext({ now: NOW, catalog });
    // Columns that cannot be NULL still hold a value on the "not set" customers (except empty tag lists).
    const readsNotSet = (f: CatalogField) => f.nullable || f.type === "tags";
    let checked = 0;
    for (const field of catalog.fields) {
      const conditions = conditionsFor(field);
      expect(conditions.map((c) => c.operator)).toEqual([...field.operators]);
      await expectParity(ws, customers, conditions.flatMap((c) => [definitionOf(c), notGroup(c)]), ctx);
      if (!readsNotSet(field)) continue;
      for (const c of conditions) {
        const matched = notSet.map((customer) => match(definitionOf(c), customer, { orders: [], events: [] }, ctx).matched);
        // Not set: positive operators are false, negated ones ("is not", "not in", "has none", "is empty") true.
        expect(matched, `${field.key} ${c.operator}`).toEqual(notSet.map(() => NEGATIVE.has(c.operator)));
        checked += 1;
      }
      // The "set" customer is set for every field.
      const isSet = conditions.find((c) => c.operator === "is_set")!;
      expect(match(definitionOf(isSet), set, { orders: [], events: [] }, ctx).matched, field.key).toBe(true);
    }
    expect(checked).toBeGreaterThan(100);
  });
});

const CSV = `id,email,interests,plan,badges
C01,c01@example.com,tech,pro,vip
C02,c02@example.com,"tech; art",,
C03,c03@example.com,,free,vip
C04,c04@example.com,,,
C05,c05@example.com,art,,
C06,c06@example.com, ,pro,
C07,c07@example.com,"art, music",,"vip, early"
C08,c08@example.com,;,,
C09,c09@example.com,music,,
C10,c10@example.com,,,
`;

describe("customers imported with a blank Interests cell", () => {
  it("are in exactly one of 'includes any of' and 'includes none of', counted by 'is empty', and match() agrees", async () => {
    const ws = await createTestWorkspace(db);
    const imported = await importText(db, ws, "CUSTOMERS", CSV);
    expect(imported.outcome.status).toBe("COMPLETED");
    expect(imported.job).toMatchObject({ rowsInserted: 10, rowsFailed: 0 });
    // Blank interests become the empty list; a blank trait cell leaves the trait out.
    const rows = await db.customer.findMany({ where: { workspaceId: ws }, orderBy: { id: "asc" } });
    expect(rows.filter((r) => r.interests.length === 0).map((r) => r.externalId)).toEqual(["C03", "C04", "C06", "C08", "C10"]);
    expect(rows.find((r) => r.externalId === "C04")?.traits).toEqual({});

    // A later file that blanks C01's interests empties them (the update path).
    const again = await importText(db, ws, "CUSTOMERS", "id,interests\nC01,\n");
    expect(again.job).toMatchObject({ rowsUpdated: 1, rowsFailed: 0 });
    const customers = await db.customer.findMany({ where: { workspaceId: ws }, orderBy: { id: "asc" } });
    expect(customers.find((c) => c.externalId === "C01")?.interests).toEqual([]);

    const ctx = createContext({ now: NOW, catalog: await loadFieldCatalog(db, ws) });
    const any: SegmentNode = { type: "field", field: "interests", operator: "has_any", value: ["tech"] };
    const none: SegmentNode = { type: "field", field: "interests", operator: "has_none", value: ["tech"] };
    const empty: SegmentNode = { type: "field", field: "interests", operator: "is_empty" };
    const isSet: SegmentNode = { type: "field", field: "interests", operator: "is_set" };
    const count = (root: SegmentNode | SegmentDefinition) => countSegment(db, ws, "version" in root ? root : definitionOf(root), ctx);
    const total = customers.length;
    expect(await count(any)).toBe(1); // C02
    expect(await count(none)).toBe(total - 1);
    expect((await count(any)) + (await count(none))).toBe(total);
    expect(await count(notGroup(any))).toBe(await count(none));
    expect(await count(empty)).toBe(6); // C01 (emptied), C03, C04, C06, C08, C10
    expect((await count(isSet)) + (await count(empty))).toBe(total);

    const traitConditions: SegmentNode[] = [
      { type: "field", field: "traits.plan", operator: "is_empty" },
      { type: "field", field: "traits.plan", operator: "neq", value: "pro" },
      { type: "field", field: "traits.badges", operator: "has_none", value: ["vip"] },
      { type: "field", field: "traits.badges", operator: "is_empty" },
    ];
    expect(await count(traitConditions[0]!)).toBe(7);
    expect(await count(traitConditions[3]!)).toBe(7);
    const definitions = [any, none, empty, isSet, ...traitConditions].flatMap((c) => [definitionOf(c), notGroup(c)]);
    await expectParity(ws, customers, definitions, ctx);
  });
});
