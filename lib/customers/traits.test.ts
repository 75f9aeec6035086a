import { describe, expect, it } from "vitest";
import {
  applyTraitInputs,
  convertTraitValue,
  isCalendarDay,
  parseTraitInput,
  planTypeChange,
  splitTags,
  suggestTraitKey,
  traitInputValue,
} from "@/lib/customers/traits";

describe("parseTraitInput", () => {
  it("reads each type, blank meaning no value", () => {
    expect(parseTraitInput("TEXT", "  gold ")).toEqual({ ok: true, value: "gold" });
    expect(parseTraitInput("NUMBER", "-3.5")).toEqual({ ok: true, value: -3.5 });
    expect(parseTraitInput("NUMBER", "12abc")).toMatchObject({ ok: false });
    expect(parseTraitInput("NUMBER", "Infinity")).toMatchObject({ ok: false });
    expect(parseTraitInput("DATE", "2024-02-29")).toEqual({ ok: true, value: "2024-02-29" });
    expect(parseTraitInput("DATE", "2023-02-29")).toMatchObject({ ok: false, message: "Enter a date as YYYY-MM-DD." });
    expect(parseTraitInput("BOOLEAN", "true")).toEqual({ ok: true, value: true });
    expect(parseTraitInput("BOOLEAN", false)).toEqual({ ok: true, value: false });
    expect(parseTraitInput("TAGS", "a, b, a,,")).toEqual({ ok: true, value: ["a", "b"] });
    expect(parseTraitInput("TAGS", " , ")).toEqual({ ok: true, value: null });
    for (const type of ["TEXT", "NUMBER", "DATE", "BOOLEAN", "TAGS"] as const) {
      expect(parseTraitInput(type, "   ")).toEqual({ ok: true, value: null });
      expect(parseTraitInput(type, null)).toEqual({ ok: true, value: null });
    }
  });

  it("refuses overlong text and tags", () => {
    expect(parseTraitInput("TEXT", "x".repeat(501))).toMatchObject({ ok: false });
    expect(parseTraitInput("TAGS", "x".repeat(61))).toMatchObject({ ok: false });
  });
});

describe("convertTraitValue", () => {
  it("converts what can be converted", () => {
    expect(convertTraitValue(7, "TEXT")).toEqual({ ok: true, value: "7" });
    expect(convertTraitValue(["a", "b"], "TEXT")).toEqual({ ok: true, value: "a, b" });
    expect(convertTraitValue(" 42 ", "NUMBER")).toEqual({ ok: true, value: 42 });
    expect(convertTraitValue("2025-01-31T10:00:00Z", "DATE")).toEqual({ ok: true, value: "2025-01-31" });
    expect(convertTraitValue("Yes", "BOOLEAN")).toEqual({ ok: true, value: true });
    expect(convertTraitValue(0, "BOOLEAN")).toEqual({ ok: true, value: false });
    expect(convertTraitValue("a,b", "TAGS")).toEqual({ ok: true, value: ["a", "b"] });
  });

  it("refuses what cannot", () => {
    expect(convertTraitValue("abc", "NUMBER")).toEqual({ ok: false });
    expect(convertTraitValue(true, "NUMBER")).toEqual({ ok: false });
    expect(convertTraitValue("31/01/2025", "DATE")).toEqual({ ok: false });
    expect(convertTraitValue(2, "BOOLEAN")).toEqual({ ok: false });
    expect(convertTraitValue({ nested: 1 }, "TEXT")).toEqual({ ok: false });
  });
});

describe("planTypeChange", () => {
  it("counts blocking customers and lists a few examples", () => {
    const plan = planTypeChange(
      [
        { id: 1, value: "10" },
        { id: 2, value: "ten" },
        { id: 3, value: 3 },
        { id: 4, value: "n/a" },
        { id: 5, value: "ten" },
      ],
      "NUMBER",
    );
    expect(plan.blocked).toBe(3);
    expect(plan.examples).toEqual(["ten", "n/a"]);
  });

  it("only rewrites values whose stored form changes", () => {
    const plan = planTypeChange([{ id: 1, value: "10" }, { id: 2, value: 3 }], "NUMBER");
    expect(plan).toEqual({ blocked: 0, examples: [], updates: [{ id: 1, value: 10 }] });
  });
});

describe("applyTraitInputs", () => {
  const defs = [
    { key: "tier", label: "Tier", type: "TEXT" as const },
    { key: "nps", label: "NPS", type: "NUMBER" as const },
  ];

  it("sets, clears and keeps values; undefined keys are kept", () => {
    const { traits, errors } = applyTraitInputs(defs, { tier: "gold", nps: "" }, { nps: 9, legacy: "x" });
    expect(errors).toEqual({});
    expect(traits).toEqual({ tier: "gold", legacy: "x" });
  });

  it("reports errors by trait key, and unknown keys", () => {
    const { errors } = applyTraitInputs(defs, { nps: "high", ghost: "x" });
    expect(errors["traits.nps"]).toEqual(["Enter a number, like 42 or 3.5."]);
    expect(errors.traits?.[0]).toMatch(/no custom trait “ghost”/);
  });
});

describe("helpers", () => {
  it("checks calendar days", () => {
    expect(isCalendarDay("2024-02-29")).toBe(true);
    expect(isCalendarDay("2024-13-01")).toBe(false);
    expect(isCalendarDay("2024-1-01")).toBe(false);
  });

  it("splits tags", () => {
    expect(splitTags(" a ,b,, a ")).toEqual(["a", "b"]);
  });

  it("suggests keys from labels", () => {
    expect(suggestTraitKey("NPS score (0–10)")).toBe("nps_score_0_10");
    expect(suggestTraitKey("2nd Café visit")).toBe("nd_cafe_visit");
  });

  it("shows stored values in the form", () => {
    expect(traitInputValue("TAGS", ["a", "b"])).toBe("a, b");
    expect(traitInputValue("BOOLEAN", false)).toBe("false");
    expect(traitInputValue("NUMBER", 3)).toBe("3");
    expect(traitInputValue("TEXT", undefined)).toBe("");
  });
});

describe("format helpers", async () => {
  const { ageOn, formatAmount, humanize, plural } = await import("@/lib/customers/format");
  it("formats", () => {
    expect(formatAmount("85000.5")).toBe("$85,001");
    expect(formatAmount(12.5, { cents: true })).toBe("$12.50");
    expect(formatAmount(null)).toBe("—");
    expect(ageOn(new Date("2000-03-01T00:00:00Z"), new Date("2026-02-28T00:00:00Z"))).toBe(25);
    expect(ageOn(new Date("2000-03-01T00:00:00Z"), new Date("2026-03-01T00:00:00Z"))).toBe(26);
    expect(humanize("organic_search")).toBe("Organic search");
    expect(plural(1, "customer")).toBe("1 customer");
    expect(plural(1200, "customer")).toBe("1,200 customers");
  });
});
