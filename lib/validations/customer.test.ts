import { describe, expect, it } from "vitest";
import { bulkDeleteSchema, createTraitSchema, customerInputSchema } from "@/lib/validations/customer";

const base = { externalId: "C-1" };

function errorsOf(input: Record<string, unknown>) {
  const r = customerInputSchema.safeParse({ ...base, ...input });
  if (r.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of r.error.issues) (out[issue.path.join(".")] ??= []).push(issue.message);
  return out;
}

describe("customerInputSchema", () => {
  it("turns form strings into column values", () => {
    const r = customerInputSchema.parse({
      externalId: " C-1 ",
      email: " Ada@Example.COM ",
      firstName: " Ada ",
      lastName: "",
      birthDate: "1990-05-17",
      annualIncome: "85,000.50",
      companySize: "1,200",
      country: "de",
      interests: "hiking, travel, hiking",
      emailOptIn: true,
    });
    expect(r).toMatchObject({
      externalId: "C-1",
      email: "ada@example.com",
      firstName: "Ada",
      lastName: null,
      annualIncome: "85000.50",
      companySize: 1200,
      country: "DE",
      interests: ["hiking", "travel"],
      needs: [],
      emailOptIn: true,
      traits: {},
    });
    expect(r.birthDate?.toISOString()).toBe("1990-05-17T00:00:00.000Z");
  });

  it("reads blank tag lists (form or API) as the empty list, never null", () => {
    const r = customerInputSchema.parse({ ...base, interests: "  ", needs: " , ,", technologies: null });
    expect([r.interests, r.needs, r.technologies]).toEqual([[], [], []]);
    expect(customerInputSchema.parse({ ...base, interests: [] }).interests).toEqual([]);
  });

  it("explains each bad field", () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const errors = errorsOf({
      email: "not-an-email",
      birthDate: tomorrow,
      annualIncome: "-5",
      country: "Germany",
      companySize: "12.5",
      firstName: "x".repeat(101),
    });
    expect(errors).toEqual({
      email: ["Enter a valid e-mail address, like name@company.com."],
      birthDate: ["A birth date cannot be in the future."],
      annualIncome: ["Income cannot be negative."],
      country: ["Use a two-letter ISO 3166 country code, like US or DE."],
      companySize: ["Enter a whole number of employees, like 250."],
      firstName: ["Use at most 100 characters."],
    });
  });

  it("refuses impossible dates, huge amounts, too many tags and overlong ids", () => {
    expect(errorsOf({ birthDate: "2001-02-30" }).birthDate).toEqual(["Enter a date as YYYY-MM-DD."]);
    expect(errorsOf({ annualIncome: "1234567890123" }).annualIncome).toEqual(["That amount is too large."]);
    expect(errorsOf({ annualIncome: "12.345" }).annualIncome).toEqual(["Enter an amount, like 85000 or 85000.50."]);
    expect(errorsOf({ interests: Array.from({ length: 51 }, (_, i) => `t${i}`).join(",") }).interests).toEqual(["Use at most 50 tags."]);
    expect(errorsOf({ externalId: "x".repeat(101) }).externalId).toEqual(["Use at most 100 characters."]);
    expect(errorsOf({ country: "XX" }).country).toBeDefined();
  });

  it("accepts an empty form apart from the external id (which may be blank: one is generated)", () => {
    expect(customerInputSchema.safeParse({ externalId: "" }).success).toBe(true);
  });
});

describe("other schemas", () => {
  it("checks trait keys", () => {
    expect(createTraitSchema.safeParse({ key: "nps_score", label: "NPS", type: "NUMBER", family: "VALUE" }).success).toBe(true);
    const bad = createTraitSchema.safeParse({ key: "NPS Score", label: "", type: "FLOAT", family: "X" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(["family", "key", "label", "type"]);
  });

  it("limits bulk deletes", () => {
    expect(bulkDeleteSchema.safeParse({ ids: [] }).success).toBe(false);
    expect(bulkDeleteSchema.safeParse({ ids: ["3", 4] }).data).toEqual({ ids: [3, 4] });
    expect(bulkDeleteSchema.safeParse({ ids: [-1] }).success).toBe(false);
  });
});
