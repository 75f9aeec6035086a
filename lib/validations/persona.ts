import { z } from "zod";

/**
 * The persona card as forms, actions and the service accept it. Text fields are trimmed and an
 * empty one is stored as null; list fields drop blank items. The rules (`definition`) are checked
 * by the segment engine, which names the path of every problem.
 */
const id = z.string().min(1).max(64);

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .transform((v) => (v === "" ? null : v))
    .nullable();

const list = (maxItems: number, maxLength: number) =>
  z
    .array(z.string().trim().max(maxLength, `Keep each item to ${maxLength} characters.`))
    .max(maxItems, `Use at most ${maxItems} items.`)
    .transform((items) => items.filter((v) => v !== ""));

export const PERSONALITY_POINTS = 5;

/** The sliders a new card starts with (the team sets each on a 5-point scale). */
export const DEFAULT_PERSONALITY = [
  { key: "price", left: "Price-sensitive", right: "Quality-seeking", value: 3 },
  { key: "adoption", left: "Cautious", right: "Early adopter", value: 3 },
  { key: "decision", left: "Gut feeling", right: "Research-driven", value: 3 },
  { key: "loyalty", left: "Switches brands", right: "Brand-loyal", value: 3 },
  { key: "social", left: "Independent", right: "Guided by peers", value: 3 },
] as const;

export const personalitySliderSchema = z.object({
  key: z.string().trim().min(1).max(40),
  left: z.string().trim().min(1, "Name the left end.").max(60),
  right: z.string().trim().min(1, "Name the right end.").max(60),
  value: z.number().int().min(1).max(PERSONALITY_POINTS),
});
export type PersonalitySlider = z.infer<typeof personalitySliderSchema>;

export const personaSectionSchema = z.object({
  title: z.string().trim().max(120, "Use at most 120 characters."),
  body: z.string().trim().max(4000, "Use at most 4000 characters."),
});
export type PersonaSection = z.infer<typeof personaSectionSchema>;

/** List fields of the card, in the order the card shows them. */
export const PERSONA_LIST_FIELDS = [
  "goals",
  "painPoints",
  "motivations",
  "needs",
  "objections",
  "buyingTriggers",
  "preferredChannels",
  "brandsMedia",
  "technology",
] as const;
export type PersonaListField = (typeof PERSONA_LIST_FIELDS)[number];

/** Short text fields of the card (headline and demographics). */
export const PERSONA_TEXT_FIELDS = [
  "headline",
  "ageRange",
  "gender",
  "occupation",
  "location",
  "incomeBand",
  "education",
  "family",
] as const;
export type PersonaTextField = (typeof PERSONA_TEXT_FIELDS)[number];

const shortText = text(200);
const listField = list(30, 300);

/** Everything on the card that the team writes (not the rules, the photo or the review). */
export const personaCardSchema = z.object({
  name: z.string().trim().min(1, "Give the persona a name.").max(120, "Use at most 120 characters."),
  isNegative: z.boolean(),
  headline: shortText,
  ageRange: shortText,
  gender: shortText,
  occupation: shortText,
  location: shortText,
  incomeBand: shortText,
  education: shortText,
  family: shortText,
  quote: text(500),
  description: text(4000),
  goals: listField,
  painPoints: listField,
  motivations: listField,
  needs: listField,
  objections: listField,
  buyingTriggers: listField,
  preferredChannels: listField,
  brandsMedia: listField,
  technology: listField,
  personality: z.array(personalitySliderSchema).max(8, "Use at most 8 sliders."),
  /** Negative personas: why they are not a fit, and the cost of serving them. */
  notFitReasons: listField,
  costToServe: text(500),
  tags: z
    .array(z.string().trim().toLowerCase().max(40, "Keep each tag to 40 characters."))
    .max(20, "Use at most 20 tags.")
    .transform((tags) => [...new Set(tags.filter((t) => t !== ""))]),
  sections: z.array(personaSectionSchema).max(20, "Use at most 20 sections."),
});
export type PersonaCard = z.infer<typeof personaCardSchema>;
export type PersonaCardInput = z.input<typeof personaCardSchema>;

/** The grounding: the persona's own rules (null: none) and/or a linked segment (null: none). */
const grounding = {
  definition: z.unknown().optional(),
  segmentId: id.nullable().optional(),
};

export const createPersonaSchema = personaCardSchema.partial().extend({
  name: personaCardSchema.shape.name,
  isNegative: z.boolean().default(false),
  ...grounding,
});
export type CreatePersonaInput = z.input<typeof createPersonaSchema>;

/** A save from the card: only the fields given change; `expectedVersion` is the version edited. */
export const updatePersonaSchema = personaCardSchema.partial().extend({
  id,
  expectedVersion: z.number().int().min(1),
  ...grounding,
});
export type UpdatePersonaInput = z.input<typeof updatePersonaSchema>;

export const personaIdSchema = z.object({ id });
/** A persona from a gallery template (lib/personas/templates.ts), by the template's key. */
export const personaTemplateSchema = z.object({ template: z.string().min(1).max(80) });
/** "New persona from segment": the segment to draft from, and whether the draft is a negative persona. */
export const draftPersonaSchema = z.object({ segmentId: id, negative: z.boolean().default(false) });
export const previewPersonaSchema = z.object({ id, definition: z.unknown().optional(), segmentId: id.nullable().optional() });

/** Parses the stored personality JSON; anything unreadable becomes the default sliders. */
export function readPersonality(value: unknown): PersonalitySlider[] {
  const parsed = z.array(personalitySliderSchema).safeParse(value);
  return parsed.success && parsed.data.length > 0 ? parsed.data : DEFAULT_PERSONALITY.map((s) => ({ ...s }));
}

/** Parses the stored free sections; anything unreadable is dropped. */
export function readSections(value: unknown): PersonaSection[] {
  const parsed = z.array(personaSectionSchema).safeParse(value);
  return parsed.success ? parsed.data : [];
}
