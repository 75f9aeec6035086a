import { describe, expect, it } from "vitest";
import { converterFor, parseBoolean, parseDate, parseNumber, parseTags, traitConverter } from "@/lib/imports/convert";

const day = (raw: string, order: "DMY" | "MDY" | null = null) => {
  const r = parseDate(raw, order, false);
  return r.ok ? r.value?.day ?? null : `error: ${r.message}`;
};

describe("dates", () => {
  it("reads the common written forms", () => {
    expect(day("2024-12-31")).toBe("2024-12-31");
    expect(day("2024/1/5")).toBe("2024-01-05");
    expect(day("31/12/2024")).toBe("2024-12-31");
    expect(day("12/31/2024")).toBe("2024-12-31");
    expect(day("31.12.2024")).toBe("2024-12-31");
    expect(day("5 Mar 2024")).toBe("2024-03-05");
    expect(day("March 5, 2024")).toBe("2024-03-05");
    expect(day("07/07/2024")).toBe("2024-07-07");
    expect(day("")).toBeNull();
  });

  it("flags day/month ambiguity unless an order is chosen", () => {
    expect(day("03/04/2024")).toMatch(/ambiguous/);
    expect(day("03/04/2024", "DMY")).toBe("2024-04-03");
    expect(day("03/04/2024", "MDY")).toBe("2024-03-04");
  });

  it("refuses impossible dates, two-digit years and words", () => {
    expect(day("2023-02-29")).toMatch(/not a real date/);
    expect(day("31/02/2024")).toMatch(/not a real date/);
    expect(day("01/02/24")).toMatch(/four digits/);
    expect(day("yesterday")).toMatch(/not a date/);
    expect(day("2024-01-01T10:00:00Z")).toMatch(/without a time/);
  });

  it("reads times as UTC unless they name a zone", () => {
    const at = (raw: string) => {
      const r = parseDate(raw, null, true);
      return r.ok ? r.value?.instant.toISOString() : r.message;
    };
    expect(at("2024-03-01T09:30:00Z")).toBe("2024-03-01T09:30:00.000Z");
    expect(at("2024-03-01 09:30")).toBe("2024-03-01T09:30:00.000Z");
    expect(at("2024-03-01T09:30:00+02:00")).toBe("2024-03-01T07:30:00.000Z");
    expect(at("2024-03-01T09:30:00.123456-0130")).toBe("2024-03-01T11:00:00.123Z");
    expect(at("03/01/2024 9:30 pm")).toMatch(/ambiguous/);
    expect(at("13/01/2024 9:30 pm")).toBe("2024-01-13T21:30:00.000Z");
    expect(at("2024-03-01T25:00")).toMatch(/not a real/);
  });
});

describe("numbers and money", () => {
  it("accepts thousands separators, decimal commas and currency signs", () => {
    const n = (raw: string) => {
      const r = parseNumber(raw);
      return r.ok ? r.value : "error";
    };
    expect(n("1,234.50")).toBe("1234.50");
    expect(n("1.234,50")).toBe("1234.50");
    expect(n("12,5")).toBe("12.5");
    expect(n("1,234")).toBe("1234");
    expect(n("$ 1 234")).toBe("1234");
    expect(n("-12.5")).toBe("-12.5");
    expect(n("€-3")).toBe("-3");
    expect(n("007")).toBe("7");
    expect(n("1.2.3")).toBe("123");
    expect(n("12abc")).toBe("error");
    expect(n("ten")).toBe("error");
    expect(n("")).toBeNull();
  });

  it("keeps money to two decimals and income non-negative", () => {
    const money = converterFor("money", { order: null });
    const income = converterFor("positiveMoney", { order: null });
    expect(money("-10.50")).toEqual({ ok: true, value: "-10.50" });
    expect(money("10.5000")).toEqual({ ok: true, value: "10.50" });
    expect(money("10.505").ok).toBe(false);
    expect(money("1234567890123").ok).toBe(false);
    expect(income("-1").ok).toBe(false);
  });
});

describe("other cells", () => {
  it("reads yes/no words", () => {
    expect(parseBoolean("Yes")).toEqual({ ok: true, value: true });
    expect(parseBoolean("n")).toEqual({ ok: true, value: false });
    expect(parseBoolean("maybe").ok).toBe(false);
  });

  it("splits tags on semicolons, commas and pipes, without duplicates", () => {
    expect(parseTags("a; b,c | a")).toEqual({ ok: true, value: ["a", "b", "c"] });
    expect(parseTags(" ; ")).toEqual({ ok: true, value: null });
  });

  it("reads a blank cell of a built-in tag list as the empty list, and of a tag trait as no value", () => {
    const tags = converterFor("tags", { order: null });
    expect(tags("")).toEqual({ ok: true, value: [] });
    expect(tags(" ; , ")).toEqual({ ok: true, value: [] });
    expect(tags("a|b")).toEqual({ ok: true, value: ["a", "b"] });
    expect(traitConverter("TAGS", null)("  ")).toEqual({ ok: true, value: null });
  });

  it("reads countries by code, English name or common alias", () => {
    const country = converterFor("country", { order: null });
    expect(country("de")).toEqual({ ok: true, value: "DE" });
    expect(country("Germany")).toEqual({ ok: true, value: "DE" });
    expect(country("UK")).toEqual({ ok: true, value: "GB" });
    expect(country("Atlantis").ok).toBe(false);
  });

  it("checks text length and control characters", () => {
    const text = converterFor("text", { max: 5, order: null });
    expect(text(" hello ")).toEqual({ ok: true, value: "hello" });
    expect(text("toolong").ok).toBe(false);
    expect(text("a\u0000b").ok).toBe(false);
    expect(text("a\nb").ok).toBe(false);
    expect(traitConverter("TEXT", null)("a\nb")).toEqual({ ok: true, value: "a\nb" });
  });

  it("stores trait values the way Customer.traits does", () => {
    expect(traitConverter("NUMBER", null)("1,5")).toEqual({ ok: true, value: 1.5 });
    expect(traitConverter("DATE", "DMY")("01/02/2024")).toEqual({ ok: true, value: "2024-02-01" });
    expect(traitConverter("BOOLEAN", null)("TRUE")).toEqual({ ok: true, value: true });
  });
});
