import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { createPersonaSchema, DEFAULT_PERSONALITY, type CreatePersonaInput } from "@/lib/validations/persona";
import { DEFINITION_VERSION, type Condition, type SegmentDefinition } from "@/lib/segments/definition";
import { syncReferences } from "@/lib/segments/references";
import { loadFieldCatalog } from "@/lib/segments/catalog";
import { validateStructure } from "@/lib/segments/validate";

/**
 * The demo workspace's personas: three it serves and two it deliberately does not, each grounded
 * in rules over the demo customers (lib/demo/generate.ts), so every card shows live evidence.
 */
export type DemoPersona = Omit<CreatePersonaInput, "definition" | "personality"> & {
  conditions: Condition[];
  /** Slider positions 1–5, in DEFAULT_PERSONALITY's order. */
  personality: [number, number, number, number, number];
};

const yearsAgo = (n: number) => ({ amount: n * 12, unit: "months" as const });

export const DEMO_PERSONAS: readonly DemoPersona[] = [
  {
    name: "Trail-ready Tara",
    headline: "Weekend hiker who plans the next trip while on this one",
    ageRange: "25–40",
    occupation: "Product designer",
    location: "Denver, Berlin, Bristol",
    incomeBand: "$60–100k",
    family: "Partner, no children yet",
    quote: "If it won't survive a wet weekend in the hills, it isn't worth the money.",
    description:
      "Tara spends most weekends outdoors and most evenings reading reviews. She buys fewer, better things and tells her friends about the ones that last.",
    goals: ["Gear that lasts several seasons", "Plan trips with friends without fuss"],
    painPoints: ["Sizing that differs between brands", "Returns that take weeks"],
    motivations: ["Being outside", "Buying once, buying well"],
    buyingTriggers: ["A trip booked", "Season change", "A friend's recommendation"],
    preferredChannels: ["Instagram", "E-mail newsletter", "Outdoor forums"],
    tags: ["outdoors", "core"],
    personality: [4, 3, 5, 4, 3],
    conditions: [
      { type: "field", field: "interests", operator: "has_any", value: ["outdoors", "fitness"] },
      { type: "field", field: "birthDate", operator: "in_last", value: yearsAgo(40) },
      { type: "field", field: "birthDate", operator: "more_than_ago", value: yearsAgo(25) },
    ],
  },
  {
    name: "Loyal Luis",
    headline: "Has bought every season for years and expects to be recognised",
    ageRange: "35–55",
    occupation: "Engineer",
    incomeBand: "$80–150k",
    family: "Married, two children",
    quote: "I know what fits me here. Just tell me when the new line is in.",
    description: "Luis is among the most recent, frequent and highest-spending customers. He rarely browses; he comes back for what he knows.",
    goals: ["Reorder quickly", "Early access to new collections"],
    painPoints: ["Being sent offers meant for new customers"],
    motivations: ["Reliability", "Being treated as a regular"],
    buyingTriggers: ["New collection", "Loyalty reward"],
    preferredChannels: ["E-mail", "App"],
    tags: ["loyalty", "high value"],
    personality: [5, 2, 3, 5, 2],
    conditions: [{ type: "value", metric: "rfm_segment", operator: "in", value: ["champions", "loyal"] }],
  },
  {
    name: "Social-first Sam",
    headline: "Discovers brands on social media and buys on the phone",
    ageRange: "20–30",
    occupation: "Marketing coordinator",
    incomeBand: "$35–60k",
    quote: "If my friends are wearing it, I want to see it on someone real first.",
    description: "Sam found the brand through social media and shops on mobile. Quick to try, quick to share, easily lost to the next trend.",
    goals: ["Look good in photos", "Try new things"],
    painPoints: ["Slow checkout on mobile", "Out-of-stock sizes"],
    motivations: ["Trends", "Community"],
    buyingTriggers: ["Creator posts", "Limited drops"],
    preferredChannels: ["Instagram", "TikTok"],
    tags: ["social", "growth"],
    personality: [2, 5, 1, 2, 5],
    conditions: [{ type: "field", field: "acquisitionChannel", operator: "eq", value: "social" }],
  },
  {
    name: "Bargain-only Ben",
    isNegative: true,
    headline: "Buys only on deep discount, and not for long",
    incomeBand: "Under $30k",
    quote: "I'll wait for the sale. There's always a sale.",
    description: "Ben's orders come almost only from markdowns, and he has stopped buying.",
    notFitReasons: ["Buys only at deep discounts", "Discounts aimed at him teach the rest of the base to wait"],
    costToServe: "Every order is a markdown: margin near zero, plus returns and price-match requests.",
    painPoints: ["Full prices"],
    objections: ["Cheaper elsewhere"],
    tags: ["exclude", "discount-driven"],
    personality: [1, 3, 2, 1, 4],
    conditions: [
      { type: "field", field: "annualIncome", operator: "lt", value: 30000 },
      { type: "value", metric: "rfm_segment", operator: "in", value: ["hibernating", "lost", "about_to_sleep"] },
    ],
  },
  {
    name: "One-and-done Olga",
    isNegative: true,
    headline: "Bought once, long ago, and never opened an e-mail since",
    quote: "I don't remember signing up for this.",
    description: "One order more than a year ago and no opt-in since.",
    notFitReasons: ["No opt-in: mailing her risks complaints", "Win-back effort is better spent on lapsed regulars"],
    costToServe: "Sends, spam complaints and a worse sender reputation for everyone else.",
    objections: ["Not interested", "Too many e-mails"],
    tags: ["exclude", "inactive"],
    personality: [2, 1, 3, 1, 3],
    conditions: [
      { type: "value", metric: "rfm_segment", operator: "in", value: ["lost"] },
      { type: "field", field: "emailOptIn", operator: "is_false" },
    ],
  },
];

/**
 * Saves the demo personas into `workspaceId` (with their reference rows). Does nothing when the
 * workspace already has personas, so a second start never duplicates them.
 */
export async function seedDemoPersonas(
  client: PrismaClient,
  workspaceId: string,
  options: { actorId?: string | null } = {},
): Promise<{ created: number }> {
  if ((await client.persona.count({ where: { workspaceId } })) > 0) return { created: 0 };
  const catalog = await loadFieldCatalog(client, workspaceId);
  await client.$transaction(async (tx) => {
    for (const spec of DEMO_PERSONAS) {
      const { conditions, personality, ...card } = spec;
      const definition: SegmentDefinition = { version: DEFINITION_VERSION, root: { type: "group", op: "and", children: conditions } };
      const checked = validateStructure(definition, catalog);
      if (!checked.ok) throw new Error(`demo persona ${spec.name}: ${checked.issues.map((issue) => issue.message).join("; ")}`);
      const data = createPersonaSchema.parse({ ...card, definition: checked.definition });
      const sliders = DEFAULT_PERSONALITY.map((s, i) => ({ ...s, value: personality[i] }));
      const row = await tx.persona.create({
        data: {
          workspaceId,
          name: data.name,
          isNegative: data.isNegative,
          headline: data.headline,
          ageRange: data.ageRange,
          occupation: data.occupation,
          location: data.location,
          incomeBand: data.incomeBand,
          family: data.family,
          quote: data.quote,
          description: data.description,
          goals: data.goals,
          painPoints: data.painPoints,
          motivations: data.motivations,
          objections: data.objections,
          buyingTriggers: data.buyingTriggers,
          preferredChannels: data.preferredChannels,
          tags: data.tags,
          notFitReasons: data.notFitReasons,
          costToServe: data.costToServe,
          personality: sliders as Prisma.InputJsonValue,
          definition: checked.definition as Prisma.InputJsonValue,
          createdById: options.actorId ?? null,
          updatedById: options.actorId ?? null,
        },
        select: { id: true },
      });
      await syncReferences(tx, workspaceId, { type: "PERSONA", id: row.id, definition: checked.definition, segmentId: null });
    }
  });
  return { created: DEMO_PERSONAS.length };
}
