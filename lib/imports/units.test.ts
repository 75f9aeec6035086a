import { describe, expect, it } from "vitest";
import { headerUnit } from "@/lib/imports/units";
import { shiftDecimal } from "@/lib/imports/convert";
import { guessColumns } from "@/lib/imports/mapping";
import { rowReader } from "@/lib/imports/rows";

describe("headerUnit", () => {
  it.each([
    ["Annual Income (k$)", 1000, "Annual Income"],
    ["Income ($k)", 1000, "Income"],
    ["Revenue (in thousands)", 1000, "Revenue"],
    ["Salary (000s)", 1000, "Salary"],
    ["Spend k€", 1000, "Spend"],
    ["Turnover (€m)", 1_000_000, "Turnover"],
    ["Revenue (millions of USD)", 1_000_000, "Revenue"],
  ])("%s is in %s", (header, scale, bare) => {
    expect(headerUnit(header)).toMatchObject({ scale, header: bare });
  });

  it.each(["Annual Income", "Kids", "Market", "km driven", "Income $", "Monthly spend", ""])("%s names no unit", (header) => {
    expect(headerUnit(header)).toBeNull();
  });
});

describe("shiftDecimal", () => {
  it("multiplies exactly, keeping the sign and the remaining decimals", () => {
    expect(shiftDecimal("15", 3)).toBe("15000");
    expect(shiftDecimal("15.5", 3)).toBe("15500");
    expect(shiftDecimal("-0.0125", 3)).toBe("-12.5");
    expect(shiftDecimal("1.234567", 6)).toBe("1234567");
    expect(shiftDecimal("0", 6)).toBe("0");
    expect(shiftDecimal("7.25", 0)).toBe("7.25");
  });
});

describe("a header with a unit, mapped to an amount", () => {
  const headers = ["CustomerID", "Annual Income (k$)", "Spending Score (1-100)"];
  const sample = [["1", "15", "39"]];

  it("is matched to the field and scaled by the unit", () => {
    const columns = guessColumns("CUSTOMERS", headers, sample, [], true);
    expect(columns[1]).toEqual({ type: "field", key: "annualIncome", scale: 1000 });
    // A score is not an amount: no unit, no scale.
    expect(columns[2]).toMatchObject({ type: "newTrait" });
  });

  it("stores 15 k$ as 15000, and refuses what scaling makes too large", () => {
    const settings = {
      encoding: "utf-8" as const,
      delimiter: "," as const,
      hasHeader: true,
      dateOrder: null,
      matchBy: "externalId" as const,
      columns: [{ type: "field" as const, key: "externalId" }, { type: "field" as const, key: "annualIncome", scale: 1000 as const }],
    };
    const reader = rowReader("CUSTOMERS", settings, headers.slice(0, 2), new Map());
    expect(reader.read(["C-1", "15"], 2).values.annualIncome).toBe("15000");
    expect(reader.read(["C-2", "15.25"], 3).values.annualIncome).toBe("15250");
    expect(reader.read(["C-3", "999999999999"], 4).problems[0]?.message).toMatch(/too large/);
    const unscaled = rowReader("CUSTOMERS", { ...settings, columns: [settings.columns[0]!, { type: "field", key: "annualIncome" }] }, headers.slice(0, 2), new Map());
    expect(unscaled.read(["C-1", "15"], 2).values.annualIncome).toBe("15");
  });
});

describe("an Age column", () => {
  it("maps to Age and sets an approximate birth date; a birth date in the row wins", async () => {
    const { birthDateFromAge } = await import("@/lib/imports/targets");
    const headers = ["CustomerID", "Age", "Annual Income (k$)"];
    const columns = guessColumns("CUSTOMERS", headers, [["1", "19", "15"]], [], true);
    expect(columns[0]).toEqual({ type: "field", key: "externalId" });
    expect(columns[1]).toEqual({ type: "field", key: "age" });
    const base = { encoding: "utf-8" as const, delimiter: "," as const, hasHeader: true, dateOrder: null, matchBy: "externalId" as const };
    const reader = rowReader("CUSTOMERS", { ...base, columns: [columns[0]!, columns[1]!] }, headers.slice(0, 2), new Map());
    const today = new Date().toISOString().slice(0, 10);
    expect(reader.fieldKeys).toEqual(["externalId", "birthDate"]);
    const row = reader.read(["C-1", "19"], 2);
    expect(row.values).toEqual({ externalId: "C-1", birthDate: birthDateFromAge(19, today) });
    expect(reader.read(["C-2", ""], 3).values).toEqual({ externalId: "C-2", birthDate: null });
    expect(reader.read(["C-3", "131"], 4).problems[0]?.message).toMatch(/at most 130/);
    expect(reader.read(["C-4", "-3"], 5).problems).toHaveLength(1);

    const both = rowReader(
      "CUSTOMERS",
      { ...base, columns: [columns[0]!, { type: "field", key: "birthDate" }, { type: "field", key: "age" }] },
      ["CustomerID", "Birth date", "Age"],
      new Map(),
    );
    expect(both.read(["C-5", "1990-05-06", "19"], 6).values.birthDate).toBe("1990-05-06");
    expect(both.read(["C-6", "", "19"], 7).values.birthDate).toBe(birthDateFromAge(19, today));
  });

  it("turns an age into the birth date that age stands for today", async () => {
    const { birthDateFromAge } = await import("@/lib/imports/targets");
    expect(birthDateFromAge(30, "2026-12-01")).toBe("1996-12-01");
    expect(birthDateFromAge(0, "2026-12-01")).toBe("2026-12-01");
    // 29 February of a leap year, for a year that has none.
    expect(birthDateFromAge(1, "2024-02-29")).toBe("2023-02-28");
    expect(birthDateFromAge(4, "2024-02-29")).toBe("2020-02-29");
  });
});
