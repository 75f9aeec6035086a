import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { AGE_BAND_LOWER, bandIndex, draftFromProfile, draftSection, EMPTY_SEGMENT_MESSAGE, INCOME_BAND_LOWER, type SegmentProfile } from "@/lib/personas/draft";
import type { LiftRow, MixRow } from "@/lib/personas/evidence";

const lift = (value: string, count: number, members: number, baseShare: number): LiftRow => ({
  value,
  count,
  share: count / members,
  baseCount: 0,
  baseShare,
  lift: count / members / baseShare,
});
const mix = (key: string, label: string, count: number, total: number): MixRow => ({ key, label, count, share: count / total, baseCount: 0, baseShare: 0 });

function profile(overrides: Partial<SegmentProfile> = {}): SegmentProfile {
  return {
    segmentName: "Outdoor fans",
    members: 100,
    ageBands: [
      { label: "15–24", count: 10 },
      { label: "25–34", count: 61 },
      { label: "35–44", count: 29 },
    ],
    incomeBands: [
      { label: "$30–60k", count: 30 },
      { label: "$60–100k", count: 50 },
    ],
    countries: [lift("US", 48, 100, 0.4), lift("GB", 22, 100, 0.25), lift("DE", 15, 100, 0.1)],
    industries: [lift("Retail", 40, 100, 0.2)],
    channels: [lift("Social", 50, 100, 0.25), lift("Email", 30, 100, 0.3), lift("Ads", 5, 100, 0.1)],
    occupations: [{ value: "Designer", count: 20, share: 0.2 }],
    interests: [
      { value: "Hiking", count: 45, share: 0.45 },
      { value: "Camping", count: 5, share: 0.05 },
    ],
    rfm: [mix("champions", "Champions", 10, 80), mix("loyal", "Loyal", 50, 80), mix("lost", "Lost", 20, 80)],
    lifecycle: [mix("active", "Active", 70, 100), mix("churned", "Churned", 30, 100)],
    ...overrides,
  };
}

describe("bands", () => {
  it("puts ages and incomes in their band by lower bound", () => {
    expect([14, 15, 24, 25, 34, 35, 64, 65, 90].map((a) => bandIndex(a, AGE_BAND_LOWER))).toEqual([0, 1, 1, 2, 2, 3, 5, 6, 6]);
    expect([0, 29_999.99, 30_000, 59_999, 60_000, 150_000].map((v) => bandIndex(v, INCOME_BAND_LOWER))).toEqual([0, 0, 1, 1, 2, 4]);
  });
});

describe("draftFromProfile", () => {
  it("fills the demographic and behavioural fields, each with its reason", () => {
    const { card, explanations } = draftFromProfile(profile());
    expect(card).toEqual({
      ageRange: "25–34",
      incomeBand: "$60–100k",
      location: "United States, United Kingdom",
      occupation: "Designer (Retail)",
      preferredChannels: ["Social", "Email"],
      tags: ["hiking", "loyal", "active"],
      headline: "Mostly 25–34 in United States, loyal buyers",
    });
    const text = (field: string) => explanations.filter((e) => e.field === field).map((e) => e.text);
    expect(text("ageRange")).toEqual(["Age range 25–34: 61% of members."]);
    expect(text("incomeBand")).toEqual(["Income band $60–100k: 63% of members with a known income."]);
    expect(text("location")).toEqual(["Location United States, United Kingdom: United States 48% of members (×1.2 vs all customers); United Kingdom 22% of members (×0.9 vs all customers)."]);
    expect(text("tags")).toContain("Most common RFM segment Loyal: 63% of members with orders.");
    expect(text("preferredChannels")[0]).toContain("Social 50% of members (×2.0 vs all customers)");
  });

  it("breaks ties by label", () => {
    const tied = profile({
      ageBands: [
        { label: "35–44", count: 40 },
        { label: "25–34", count: 40 },
      ],
      countries: [lift("US", 30, 100, 0.3), lift("DE", 30, 100, 0.3)],
      rfm: [mix("loyal", "Loyal", 10, 20), mix("champions", "Champions", 10, 20)],
    });
    const { card } = draftFromProfile(tied);
    expect(card.ageRange).toBe("25–34");
    expect(card.location).toBe("Germany, United States");
    expect(card.headline).toBe("Mostly 25–34 in Germany, top buyers");
    // The same profile in another order drafts the same card.
    const reversed = { ...tied, ageBands: [...tied.ageBands].reverse(), countries: [...tied.countries].reverse(), rfm: [...tied.rfm].reverse() };
    expect(draftFromProfile(reversed)).toEqual(draftFromProfile(tied));
  });

  it("shares of age and income count only members with a known value; without any the field stays empty", () => {
    const { card, explanations } = draftFromProfile(
      profile({
        ageBands: [
          { label: "45–54", count: 30 },
          { label: "55–64", count: 10 },
        ],
        incomeBands: [],
      }),
    );
    expect(card.ageRange).toBe("45–54");
    expect(explanations.find((e) => e.field === "ageRange")!.text).toBe("Age range 45–54: 75% of members with a known age.");
    expect(card.incomeBand).toBeUndefined();
    expect(explanations.some((e) => e.field === "incomeBand")).toBe(false);
  });

  it("with little known, drafts only what the data supports", () => {
    const { card } = draftFromProfile(
      profile({ ageBands: [], incomeBands: [], countries: [], industries: [lift("Health", 3, 100, 0.1)], occupations: [], channels: [], interests: [], rfm: [], lifecycle: [] }),
    );
    expect(card).toEqual({ occupation: "Works in Health" });
  });

  it("refuses an empty segment", () => {
    expect(() => draftFromProfile(profile({ members: 0 }))).toThrow(DomainError);
    expect(() => draftFromProfile(profile({ members: 0 }))).toThrow(EMPTY_SEGMENT_MESSAGE);
  });

  it("keeps the explanations in a section titled “How this draft was made”", () => {
    const p = profile();
    const section = draftSection(p, draftFromProfile(p));
    expect(section.title).toBe("How this draft was made");
    expect(section.body).toContain("Outdoor fans");
    expect(section.body).toContain("• Age range 25–34: 61% of members.");
  });
});
