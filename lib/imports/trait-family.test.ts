import { describe, expect, it } from "vitest";
import { guessTraitFamily, headerWords } from "@/lib/imports/trait-family";

describe("guessTraitFamily", () => {
  it.each([
    ["Age", "DEMOGRAPHIC"],
    ["Annual Income (k$)", "DEMOGRAPHIC"],
    ["Gender", "DEMOGRAPHIC"],
    ["Spending Score (1-100)", "BEHAVIORAL"],
    ["website_visits", "BEHAVIORAL"],
    ["lastPurchaseDate", "BEHAVIORAL"],
    ["Loyalty Tier", "VALUE"],
    ["Predicted CLV", "VALUE"],
    ["Postal code", "GEOGRAPHIC"],
    ["Company size", "FIRMOGRAPHIC"],
    ["Industry", "FIRMOGRAPHIC"],
    ["Primary device", "TECHNOGRAPHIC"],
    ["CRM", "TECHNOGRAPHIC"],
    ["Main pain point", "NEEDS"],
    ["Hobbies", "PSYCHOGRAPHIC"],
    ["NPS", "PSYCHOGRAPHIC"],
  ] as const)("%s → %s", (header, family) => {
    expect(guessTraitFamily(header)).toBe(family);
  });

  it("keeps Psychographic when no word is known, including empty and symbol-only headers", () => {
    for (const header of ["", "   ", "Notes", "(k$)", "Column 7", "ñandú"]) expect(guessTraitFamily(header), header).toBe("PSYCHOGRAPHIC");
  });

  it("lets the family with more words win, and breaks ties in a fixed order", () => {
    // "customer lifetime value" has two value words against none.
    expect(guessTraitFamily("Customer lifetime value")).toBe("VALUE");
    // "score" is vague (half a word) against "nps": psychographic.
    expect(guessTraitFamily("NPS score")).toBe("PSYCHOGRAPHIC");
    // A tie: "spend" (behavioral) and "income" (demographic), one each; behavioral comes first.
    expect(guessTraitFamily("Income spend")).toBe("BEHAVIORAL");
    // "income" and "household" (demographic) outweigh "spend" (behavioral).
    expect(guessTraitFamily("Household income spend")).toBe("DEMOGRAPHIC");
  });

  it("splits headers into words the way people write them", () => {
    expect(headerWords("AnnualIncome (k$)")).toEqual(["annual", "income", "k"]);
    expect(headerWords("last_order-date")).toEqual(["last", "order", "date"]);
    expect(headerWords("")).toEqual([]);
  });
});
