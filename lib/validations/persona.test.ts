import { describe, expect, it } from "vitest";
import { avatarFor } from "@/lib/personas/avatar";
import { DEFAULT_PERSONALITY, readPersonality, readSections, updatePersonaSchema } from "@/lib/validations/persona";

describe("updatePersonaSchema", () => {
  it("trims text, stores an empty one as null, drops blank list items and repeats of a tag", () => {
    const parsed = updatePersonaSchema.parse({
      id: "p1",
      expectedVersion: 2,
      headline: "  Runs a studio ",
      quote: "   ",
      goals: ["Grow", "  ", " Rest "],
      tags: ["Premium", "premium", " ", "B2B"],
    });
    expect(parsed).toMatchObject({ headline: "Runs a studio", quote: null, goals: ["Grow", "Rest"], tags: ["premium", "b2b"] });
    // Only the fields given are present: a save changes nothing else.
    expect(Object.keys(parsed).sort()).toEqual(["expectedVersion", "goals", "headline", "id", "quote", "tags"]);
  });

  it("refuses an empty name, a slider off the 5-point scale and a version below 1", () => {
    expect(updatePersonaSchema.safeParse({ id: "p1", expectedVersion: 1, name: " " }).success).toBe(false);
    expect(
      updatePersonaSchema.safeParse({ id: "p1", expectedVersion: 1, personality: [{ key: "price", left: "a", right: "b", value: 6 }] }).success,
    ).toBe(false);
    expect(updatePersonaSchema.safeParse({ id: "p1", expectedVersion: 0 }).success).toBe(false);
  });
});

describe("reading stored JSON", () => {
  it("falls back to the default sliders and to no sections when unreadable", () => {
    expect(readPersonality("nonsense")).toEqual(DEFAULT_PERSONALITY.map((s) => ({ ...s })));
    expect(readPersonality([{ key: "k", left: "L", right: "R", value: 2 }])).toEqual([{ key: "k", left: "L", right: "R", value: 2 }]);
    expect(readSections([{ title: 1 }])).toEqual([]);
    expect(readSections([{ title: "Day", body: "Coffee first" }])).toEqual([{ title: "Day", body: "Coffee first" }]);
  });
});

describe("avatarFor", () => {
  it("takes the first and last initials, and the same colour for the same name", () => {
    expect(avatarFor("Budget conscious Bea").initials).toBe("BB");
    expect(avatarFor("uma").initials).toBe("UM");
    expect(avatarFor("Uma Stone").color).toBe(avatarFor("Uma Stone").color);
  });
});
