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
