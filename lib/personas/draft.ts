/**
 * "New persona from segment": a first draft of the card from the segment's aggregate profile,
 * for the team to edit. Pure and deterministic (ties are broken by label); every field filled
 * comes with a sentence saying why ("Age range 25–34: 61% of members with a known age").
 *
 * The profile is computed in SQL (lib/personas/draft-profile.ts); this module only decides.
 */
import { countryName } from "@/lib/customers/countries";
import { DomainError } from "@/lib/errors";
import type { LiftRow, MixRow } from "@/lib/personas/evidence";

/** Age bands of 10 years; the SQL returns the band's index. */
export const AGE_BANDS = ["Under 15", "15–24", "25–34", "35–44", "45–54", "55–64", "65 and over"] as const;
/** Lower bounds of the age bands 1…6 (band 0 is below the first). */
export const AGE_BAND_LOWER = [15, 25, 35, 45, 55, 65] as const;

/** Annual income bands; the SQL returns the band's index. */
export const INCOME_BANDS = ["Under $30k", "$30–60k", "$60–100k", "$100–150k", "$150k and over"] as const;
/** Lower bounds of the income bands 1…4 (band 0 is below the first). */
export const INCOME_BAND_LOWER = [30_000, 60_000, 100_000, 150_000] as const;

/** The index of the band a value falls in, given the lower bounds of bands 1…n. */
export function bandIndex(value: number, lowers: readonly number[]): number {
  let i = 0;
  while (i < lowers.length && value >= lowers[i]!) i += 1;
  return i;
}

export type BandCount = { label: string; count: number };
export type ValueShare = { value: string; count: number; share: number };

/** What a segment's members look like, as computed by the database. */
export type SegmentProfile = {
  segmentName: string;
  members: number;
  /** Members per age band / income band; members without a birth date or income are left out. */
  ageBands: BandCount[];
  incomeBands: BandCount[];
  /** Top values with their share of the members and lift over all customers (see evidence.ts). */
  countries: LiftRow[];
  industries: LiftRow[];
  channels: LiftRow[];
  /** Most common occupations and interests, with their share of the members. */
  occupations: ValueShare[];
  interests: ValueShare[];
  rfm: MixRow[];
  lifecycle: MixRow[];
};

export type DraftCard = {
  headline?: string;
  ageRange?: string;
  incomeBand?: string;
  location?: string;
  occupation?: string;
  preferredChannels?: string[];
  tags?: string[];
};

export type DraftExplanation = { field: keyof DraftCard; text: string };
export type Draft = { card: DraftCard; explanations: DraftExplanation[] };

export const EMPTY_SEGMENT_MESSAGE = "This segment has no members to draft from";

/** Extra countries join the first while they hold at least this share of the members (at most 3). */
export const LOCATION_MIN_SHARE = 0.2;
/** Channels, interests: the top ones holding at least this share (at most 3). */
export const LIST_MIN_SHARE = 0.1;
const MAX_LIST = 3;

const byLabel = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const pct = (share: number) => `${Math.round(share * 100)}%`;
const liftText = (lift: number | null) => (lift === null ? "" : ` (×${lift.toFixed(1)} vs all customers)`);

/** The item with the most, ties broken by label (ascending). */
function largest<T>(items: readonly T[], count: (t: T) => number, label: (t: T) => string): T | null {
  const sorted = [...items].filter((t) => count(t) > 0).sort((a, b) => count(b) - count(a) || byLabel(label(a), label(b)));
  return sorted[0] ?? null;
}

/** Sorted by count, ties by label: the order the card lists values in. */
function ranked<T>(items: readonly T[], count: (t: T) => number, label: (t: T) => string): T[] {
  return [...items].filter((t) => count(t) > 0).sort((a, b) => count(b) - count(a) || byLabel(label(a), label(b)));
}

function bandDraft(bands: BandCount[], members: number, what: string) {
  const known = bands.reduce((s, b) => s + b.count, 0);
  const top = largest(bands, (b) => b.count, (b) => b.label);
  if (!top || known === 0) return null;
  const of = known < members ? `of members with a known ${what}` : "of members";
  return { label: top.label, share: top.count / known, of };
}

/** Phrases for the headline, from the most common RFM segment. */
const RFM_PHRASES: Record<string, string> = {
  champions: "top buyers",
  loyal: "loyal buyers",
  cant_lose_them: "lapsing big spenders",
  at_risk: "buyers at risk",
  potential_loyalists: "growing buyers",
  new: "new buyers",
  promising: "promising buyers",
  need_attention: "buyers needing attention",
  about_to_sleep: "buyers drifting away",
  hibernating: "dormant buyers",
  lost: "lost buyers",
};

export function draftFromProfile(profile: SegmentProfile): Draft {
  if (profile.members <= 0) throw new DomainError("BAD_REQUEST", EMPTY_SEGMENT_MESSAGE);
  const card: DraftCard = {};
  const explanations: DraftExplanation[] = [];
  const explain = (field: keyof DraftCard, text: string) => explanations.push({ field, text });

  const age = bandDraft(profile.ageBands, profile.members, "age");
  if (age) {
    card.ageRange = age.label;
    explain("ageRange", `Age range ${age.label}: ${pct(age.share)} ${age.of}.`);
  }

  const income = bandDraft(profile.incomeBands, profile.members, "income");
  if (income) {
    card.incomeBand = income.label;
    explain("incomeBand", `Income band ${income.label}: ${pct(income.share)} ${income.of}.`);
  }

  const countries = ranked(profile.countries, (c) => c.count, (c) => c.value);
  const places = countries.filter((c, i) => i === 0 || c.share >= LOCATION_MIN_SHARE).slice(0, MAX_LIST);
  if (places.length > 0) {
    card.location = places.map((c) => countryName(c.value)).join(", ");
    explain(
      "location",
      `Location ${card.location}: ${places.map((c) => `${countryName(c.value)} ${pct(c.share)} of members${liftText(c.lift)}`).join("; ")}.`,
    );
  }

  const occupation = ranked(profile.occupations, (o) => o.count, (o) => o.value)[0];
  const industry = ranked(profile.industries, (i) => i.count, (i) => i.value)[0];
  if (occupation) {
    card.occupation = industry ? `${occupation.value} (${industry.value})` : occupation.value;
    explain("occupation", `Occupation ${occupation.value}: ${pct(occupation.share)} of members.`);
    if (industry) explain("occupation", `Industry ${industry.value}: ${pct(industry.share)} of members${liftText(industry.lift)}.`);
  } else if (industry) {
    card.occupation = `Works in ${industry.value}`;
    explain("occupation", `Industry ${industry.value}: ${pct(industry.share)} of members${liftText(industry.lift)}.`);
  }

  const channels = ranked(profile.channels, (c) => c.count, (c) => c.value)
    .filter((c, i) => i === 0 || c.share >= LIST_MIN_SHARE)
    .slice(0, MAX_LIST);
  if (channels.length > 0) {
    card.preferredChannels = channels.map((c) => c.value);
    explain(
      "preferredChannels",
      `Preferred channels (how members were acquired): ${channels.map((c) => `${c.value} ${pct(c.share)} of members${liftText(c.lift)}`).join("; ")}.`,
    );
  }

  const tags: string[] = [];
  const interests = ranked(profile.interests, (i) => i.count, (i) => i.value)
    .filter((i) => i.share >= LIST_MIN_SHARE)
    .slice(0, MAX_LIST);
  if (interests.length > 0) {
    tags.push(...interests.map((i) => i.value.toLowerCase()));
    explain("tags", `Interests: ${interests.map((i) => `${i.value} ${pct(i.share)} of members`).join(", ")}.`);
  }
  const rfm = largest(profile.rfm, (r) => r.count, (r) => r.label);
  if (rfm) {
    tags.push(rfm.label.toLowerCase());
    explain("tags", `Most common RFM segment ${rfm.label}: ${pct(rfm.share)} of members with orders.`);
  }
  const lifecycle = largest(profile.lifecycle, (r) => r.count, (r) => r.label);
  if (lifecycle) {
    tags.push(lifecycle.label.toLowerCase());
    explain("tags", `Most common lifecycle stage ${lifecycle.label}: ${pct(lifecycle.share)} of members.`);
  }
  if (tags.length > 0) card.tags = [...new Set(tags.map((t) => t.slice(0, 40)))];

  const parts = [age ? age.label : null, places[0] ? `in ${countryName(places[0].value)}` : null].filter((p): p is string => !!p);
  const who = rfm ? (RFM_PHRASES[rfm.key] ?? `${rfm.label.toLowerCase()} buyers`) : null;
  if (parts.length > 0 || who) {
    card.headline = parts.length > 0 ? [`Mostly ${parts.join(" ")}`, who].filter((p): p is string => !!p).join(", ") : `Mostly ${who}`;
    explain("headline", `Headline from the most common age range, country and RFM segment of the ${profile.members} members of “${profile.segmentName}”.`);
  }

  return { card, explanations };
}

/** The free section that keeps the explanations on the card. */
export const DRAFT_SECTION_TITLE = "How this draft was made";

export function draftSection(profile: SegmentProfile, draft: Draft) {
  const lines = draft.explanations.map((e) => `• ${e.text}`);
  const intro = `Drafted from the segment “${profile.segmentName}” (${profile.members} members) — edit anything that does not fit.`;
  return { title: DRAFT_SECTION_TITLE, body: [intro, ...lines].join("\n").slice(0, 4000) };
}
