/**
 * Drafting a persona from a segment: over generated customers with known ages, incomes, countries,
 * occupations and interests (some unknown), the drafted fields and the shares in the explanation
 * section equal an independent computation in JavaScript; the persona is linked to the segment,
 * audited as `persona.drafted`, refused to viewers and for empty or archived segments.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ServiceContext } from "@/lib/domain/context";
import { countryName } from "@/lib/customers/countries";
import { DomainError } from "@/lib/errors";
import { draftPersonaFromSegment } from "@/lib/personas/service";
import { createSegment } from "@/lib/segments/store";
import { blankCustomer, createTestWorkspace, insertPopulation, type PopulationMember } from "@/lib/segments/test-fixtures";
import { readSections } from "@/lib/validations/persona";

const NOW = new Date("2024-06-15T12:00:00.000Z");

function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTRIES = ["US", "US", "US", "DE", "GB", "GB", "FR"];
const OCCUPATIONS = ["Designer", "Engineer", "Nurse", null];
const INTERESTS = ["Hiking", "Cooking", "Gaming"];

function population(n: number): PopulationMember[] {
  const r = rng(7);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => ({
    customer: blankCustomer(i + 1, {
      country: pick(COUNTRIES),
      occupation: pick(OCCUPATIONS),
      // Ages 18–70, some unknown; birthdays on the 1st of a month so ages are unambiguous.
      birthDate: r() < 0.2 ? null : new Date(Date.UTC(1954 + Math.floor(r() * 52), Math.floor(r() * 12), 1)),
      annualIncome: r() < 0.3 ? null : pick([20_000, 35_000, 59_999.99, 60_000, 90_000, 120_000, 200_000]),
      interests: INTERESTS.filter(() => r() < 0.4),
      acquisitionChannel: pick(["Social", "Email", "Ads", null]),
    }),
    history: { orders: [], events: [] },
  }));
}

// ---------------------------------------------------------------------------------------------
// The independent computation

function ageAt(birth: Date, now: Date): number {
  let years = now.getUTCFullYear() - birth.getUTCFullYear();
  if (now.getUTCMonth() < birth.getUTCMonth() || (now.getUTCMonth() === birth.getUTCMonth() && now.getUTCDate() < birth.getUTCDate())) years -= 1;
  return years;
}
const ageLabel = (age: number) => (age < 15 ? "Under 15" : age >= 65 ? "65 and over" : `${Math.floor((age - 5) / 10) * 10 + 5}–${Math.floor((age - 5) / 10) * 10 + 14}`);
const incomeLabel = (v: number) =>
  v < 30_000 ? "Under $30k" : v < 60_000 ? "$30–60k" : v < 100_000 ? "$60–100k" : v < 150_000 ? "$100–150k" : "$150k and over";

/** The most common value (ties by label) with its count, over the values known. */
function mode(values: string[]): { value: string; count: number; known: number } {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const [value, count] = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
  return { value, count, known: values.length };
}
const pct = (n: number, d: number) => `${Math.round((n / d) * 100)}%`;

let ws = "";
let editor: ServiceContext;
const all = population(300);
const inSegment = (m: PopulationMember) => m.customer.country !== "FR";

beforeAll(async () => {
  ws = await createTestWorkspace(db);
  const user = await db.user.create({ data: { email: `draft-${Date.now()}@example.com`, name: "Dee Drafter" } });
  editor = { workspaceId: ws, actor: { id: user.id, email: user.email }, role: "EDITOR" };
  await insertPopulation(db, ws, all);
});

async function segmentOf(name: string, countries: string[]) {
  const { segment } = await createSegment(db, ws, {
    name,
    definition: { version: 1, root: { type: "group", op: "and", children: [{ type: "field", field: "country", operator: "in", value: countries }] } },
  });
  return segment.id;
}

describe("draftPersonaFromSegment", () => {
  it("drafts the card from the segment's members, as computed independently", async () => {
    const segmentId = await segmentOf("Not France", ["US", "DE", "GB"]);
    const members = all.filter(inSegment);
    const result = await draftPersonaFromSegment(editor, { segmentId }, NOW);
    const persona = await db.persona.findFirstOrThrow({ where: { workspaceId: ws, id: result.id } });
    expect(persona.segmentId).toBe(segmentId);
    expect(persona.isNegative).toBe(false);

    const ages = mode(members.filter((m) => m.customer.birthDate).map((m) => ageLabel(ageAt(m.customer.birthDate!, NOW))));
    const incomes = mode(members.filter((m) => m.customer.annualIncome !== null).map((m) => incomeLabel(Number(m.customer.annualIncome))));
    const country = mode(members.map((m) => m.customer.country!));
    const occupation = mode(members.filter((m) => m.customer.occupation).map((m) => m.customer.occupation!));
    expect(ages.known).toBeLessThan(members.length);

    expect(persona.ageRange).toBe(ages.value);
    expect(persona.incomeBand).toBe(incomes.value);
    expect(persona.location!.split(", ")[0]).toBe(countryName(country.value));
    expect(persona.occupation).toBe(occupation.value);
    expect(persona.headline).toBe(`Mostly ${ages.value} in ${countryName(country.value)}`);

    const [section] = readSections(persona.sections);
    expect(section!.title).toBe("How this draft was made");
    expect(section!.body).toContain(`Age range ${ages.value}: ${pct(ages.count, ages.known)} of members with a known age.`);
    expect(section!.body).toContain(`Income band ${incomes.value}: ${pct(incomes.count, incomes.known)} of members with a known income.`);
    expect(section!.body).toContain(`${countryName(country.value)} ${pct(country.count, members.length)} of members`);
    expect(section!.body).toContain(`${members.length} members`);

    // Interests held by at least 10 % of members become tags, most common first.
    const interestCounts = INTERESTS.map((i) => [i, members.filter((m) => m.customer.interests.includes(i)).length] as const)
      .filter(([, n]) => n / members.length >= 0.1)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    expect(persona.tags.slice(0, interestCounts.length)).toEqual(interestCounts.map(([i]) => i.toLowerCase()));

    const audit = await db.auditLog.findFirst({ where: { workspaceId: ws, action: "persona.drafted", targetId: result.id } });
    expect(audit!.metadata).toMatchObject({ segment: "Not France", members: members.length, negative: false });
    expect(await db.definitionReference.count({ where: { workspaceId: ws, sourceType: "PERSONA", sourceId: result.id, targetId: segmentId } })).toBe(1);
  });

  it("drafts a negative persona when asked", async () => {
    const segmentId = await segmentOf("Germany", ["DE"]);
    const result = await draftPersonaFromSegment(editor, { segmentId, negative: true }, NOW);
    const persona = await db.persona.findFirstOrThrow({ where: { workspaceId: ws, id: result.id } });
    expect(persona.isNegative).toBe(true);
    expect(persona.location).toBe("Germany");
  });

  it("refuses viewers, empty segments and archived segments", async () => {
    const code = async (p: Promise<unknown>) => {
      try {
        await p;
        return "ok";
      } catch (error) {
        if (error instanceof DomainError) return `${error.code}: ${error.message}`;
        throw error;
      }
    };
    const someone = await segmentOf("Someone", ["US"]);
    expect(await code(draftPersonaFromSegment({ ...editor, role: "VIEWER" }, { segmentId: someone }, NOW))).toMatch(/^FORBIDDEN/);
    const nobody = await segmentOf("Nobody", ["ZZ"]);
    expect(await code(draftPersonaFromSegment(editor, { segmentId: nobody }, NOW))).toBe("BAD_REQUEST: This segment has no members to draft from");
    await db.segment.updateMany({ where: { workspaceId: ws, id: someone }, data: { archivedAt: NOW } });
    expect(await code(draftPersonaFromSegment(editor, { segmentId: someone }, NOW))).toMatch(/^BAD_REQUEST: This segment is archived/);
    expect(await db.persona.count({ where: { workspaceId: ws, segmentId: { in: [someone, nobody] } } })).toBe(0);
  });
});
