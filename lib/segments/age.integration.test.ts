/**
 * The derived Age field (years from the birth date at the evaluation's `now`): SQL and `match`
 * give every customer the same age around the edges — birthday today or tomorrow, 29 February
 * births in leap and other years, missing and future birth dates — on PGlite and on PostgreSQL.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { segmentMemberIds } from "@/lib/segments/queries";
import { createContext } from "@/lib/segments/context";
import type { FieldCondition, SegmentDefinition } from "@/lib/segments/definition";
import { match } from "@/lib/segments/match";
import { ageOn } from "@/lib/segments/matcher/fields";
import { blankCustomer, createTestWorkspace, insertPopulation, testCatalog } from "@/lib/segments/test-fixtures";

const BIRTHS = [null, "2000-03-01", "2000-03-02", "2000-02-29", "2000-02-28", "1990-12-31", "2024-03-02", "2024-03-01", "1960-01-01"];
const day = (d: string | null) => (d === null ? null : new Date(`${d}T00:00:00.000Z`));
const population = BIRTHS.map((b, i) => ({ customer: blankCustomer(i + 1, { birthDate: day(b) }), history: { orders: [], events: [] } }));

type AgeRule = { operator: FieldCondition["operator"]; value?: number | { min: number; max: number } };
const rule = (c: AgeRule): SegmentDefinition =>
  ({ version: 1, root: { type: "group", op: "and", children: [{ type: "field", field: "age", ...c } as FieldCondition] } });

describe("Age", () => {
  it("counts whole years, with 29 February birthdays on 1 March in other years", () => {
    const on = (b: string, now: string) => ageOn(day(b), new Date(`${now}T12:00:00.000Z`));
    expect(on("2000-03-01", "2024-03-01")).toBe(24);
    expect(on("2000-03-02", "2024-03-01")).toBe(23);
    expect(on("2000-02-29", "2023-02-28")).toBe(22);
    expect(on("2000-02-29", "2023-03-01")).toBe(23);
    expect(on("2000-02-29", "2024-02-29")).toBe(24);
    expect(on("2024-03-02", "2024-03-01")).toBeNull();
    expect(ageOn(null, new Date())).toBeNull();
  });

  it("is the same in SQL and in memory, birthday today and tomorrow, 29 February, missing and future dates", async () => {
    const workspaceId = await createTestWorkspace(db);
    await insertPopulation(db, workspaceId, population);
    const conditions: AgeRule[] = [
      { operator: "eq", value: 24 },
      { operator: "neq", value: 24 },
      { operator: "lt", value: 24 },
      { operator: "gte", value: 23 },
      { operator: "between", value: { min: 23, max: 33 } },
      { operator: "eq", value: 0 },
      { operator: "gt", value: 23.5 },
      { operator: "is_set" },
      { operator: "is_empty" },
    ];
    for (const now of ["2024-03-01T00:00:00.000Z", "2023-02-28T23:59:59.999Z", "2023-03-01T00:00:00.000Z", "2024-02-29T12:00:00.000Z"]) {
      const ctx = createContext({ now: new Date(now), catalog: testCatalog() });
      for (const c of conditions) {
        const d = rule(c);
        const expected = population.filter((p) => match(d, p.customer, p.history, ctx).matched).map((p) => p.customer.id);
        expect(await segmentMemberIds(db, workspaceId, d, ctx), `${now} ${JSON.stringify(c)}`).toEqual(expected);
      }
    }
    // On 1 March 2024: born 2000-03-01 (birthday today) is 24, 2000-03-02 (tomorrow) still 23.
    const ctx = createContext({ now: new Date("2024-03-01T00:00:00.000Z"), catalog: testCatalog() });
    expect(await segmentMemberIds(db, workspaceId, rule({ operator: "eq", value: 24 }), ctx)).toEqual([2, 4, 5]);
    // Missing birth date and one after today have no age.
    expect(await segmentMemberIds(db, workspaceId, rule({ operator: "is_empty" }), ctx)).toEqual([1, 7]);
  });
});
