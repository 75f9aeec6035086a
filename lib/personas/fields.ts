import { z } from "zod";
import { personaCardSchema } from "@/lib/validations/persona";

/**
 * The persona card's fields as one list, derived from `personaCardSchema` (lib/validations/persona.ts):
 * a field added to the schema shows up here — in the JSON export, the CSV columns, the Markdown
 * headings and the upload preview — without another list to update. Each field has a kind, read
 * from its zod type:
 *
 * - `text`: a string (nullable) — headline, demographics, quote, story, …
 * - `list`: an array of strings — goals, pain points, …, tags
 * - `boolean`: a yes/no — whether the persona is negative
 * - `personality` / `sections`: the two structured fields (arrays of objects)
 *
 * `name` is the one required text field.
 */
export type PersonaFieldKind = "text" | "list" | "boolean" | "personality" | "sections";
export type PersonaFieldKey = keyof typeof personaCardSchema.shape;
export type PersonaField = { key: PersonaFieldKey; label: string; kind: PersonaFieldKind };

/** Labels as the card shows them; a field without one here is labelled from its key ("whyNot" → "Why not"). */
const LABELS: Partial<Record<string, string>> = {
  name: "Name",
  isNegative: "Negative persona",
  headline: "Headline / role",
  description: "Story",
  ageRange: "Age",
  incomeBand: "Income",
  needs: "Needs / jobs to be done",
  brandsMedia: "Brands & media",
  painPoints: "Pain points",
  buyingTriggers: "Buying triggers",
  preferredChannels: "Preferred channels",
  notFitReasons: "Why not a fit",
  costToServe: "Cost of serving them",
};

/** Other names a CSV column or a Markdown heading may use for a field (compared case-insensitively). */
const SYNONYMS: Partial<Record<string, string[]>> = {
  headline: ["headline", "role"],
  description: ["description", "story"],
  ageRange: ["age range"],
  incomeBand: ["income band"],
  needs: ["needs", "jobs to be done"],
  brandsMedia: ["brands and media", "brands", "media"],
  isNegative: ["negative", "kind"],
  notFitReasons: ["why not a fit", "not a fit", "why not"],
  costToServe: ["cost to serve", "cost of serving"],
};

export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The innermost type of a field's schema: through nullable/optional/default and the input side of a pipe. */
function base(schema: z.core.$ZodType): z.core.$ZodType {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodNullable || s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap();
    else if (s instanceof z.ZodPipe) s = s.in;
    else return s;
  }
}

function kindOf(key: string, schema: z.core.$ZodType): PersonaFieldKind | null {
  const t = base(schema);
  if (t instanceof z.ZodBoolean) return "boolean";
  if (t instanceof z.ZodString) return "text";
  if (t instanceof z.ZodArray) {
    const element = base(t.element);
    if (element instanceof z.ZodString) return "list";
    if (key === "personality") return "personality";
    if (key === "sections") return "sections";
  }
  return null;
}

export const PERSONA_FIELDS: readonly PersonaField[] = (Object.entries(personaCardSchema.shape) as [PersonaFieldKey, z.core.$ZodType][]).flatMap(
  ([key, schema]) => {
    const kind = kindOf(key, schema);
    return kind ? [{ key, label: LABELS[key] ?? humanize(key), kind }] : [];
  },
);

export const fieldsOfKind = (kind: PersonaFieldKind) => PERSONA_FIELDS.filter((f) => f.kind === kind);

const normalize = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}&/]+/gu, " ")
    .trim();

const BY_NAME = new Map<string, PersonaField>();
for (const field of PERSONA_FIELDS) {
  for (const name of [field.key, field.label, humanize(field.key), ...(SYNONYMS[field.key] ?? [])]) {
    const n = normalize(name);
    if (!BY_NAME.has(n)) BY_NAME.set(n, field);
  }
}

/** The field a CSV header or Markdown heading names — its key or label, case-insensitively; null for none. */
export function findField(name: string): PersonaField | null {
  return BY_NAME.get(normalize(name)) ?? null;
}

export function fieldLabel(key: string): string {
  return PERSONA_FIELDS.find((f) => f.key === key)?.label ?? (key === "photo" ? "Photo" : key === "definition" ? "Rules" : humanize(key));
}

/** A card field's label, as the card, the upload preview and the history show it. */
export const personaFieldLabel = (key: PersonaFieldKey): string => LABELS[key] ?? humanize(key);
