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

const OTHER_LABELS: Partial<Record<string, string>> = { photo: "Photo", definition: "Rules", segmentId: "Linked segment" };

/** Any persona key's label: a card field's, or the photo's, rules' or linked segment's. */
export function fieldLabel(key: string): string {
  return PERSONA_FIELDS.find((f) => f.key === key)?.label ?? OTHER_LABELS[key] ?? humanize(key);
}

/** A card field's label, as the card, the upload preview and the history show it. */
export const personaFieldLabel = (key: PersonaFieldKey): string => LABELS[key] ?? humanize(key);

// ---------------------------------------------------------------------------------------------
// Snapshots: the card as history, restore and copy see it (browser-safe: no database).

export type CardField = keyof typeof personaCardSchema.shape;
export const CARD_FIELDS = Object.keys(personaCardSchema.shape) as CardField[];

/** The grounding: the rules (`definition`) and the linked segment (`segmentId`). */
export const GROUNDING_FIELDS = ["definition", "segmentId"] as const;
export type SnapshotField = CardField | (typeof GROUNDING_FIELDS)[number];
export const SNAPSHOT_FIELDS: readonly SnapshotField[] = [...CARD_FIELDS, ...GROUNDING_FIELDS];

/** A revision's content: every snapshot field as stored (JSON values). */
export type PersonaSnapshot = Partial<Record<SnapshotField, unknown>>;

/** Picks the snapshot fields out of a stored row or JSON value (unknown keys are dropped). */
export function toSnapshot(value: unknown): PersonaSnapshot {
  const out: PersonaSnapshot = {};
  if (!value || typeof value !== "object" || Array.isArray(value)) return out;
  const record = value as Record<string, unknown>;
  for (const field of SNAPSHOT_FIELDS) if (field in record) out[field] = record[field] ?? null;
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The snapshot fields whose values differ between two snapshots, in card order. */
export function changedFields(before: PersonaSnapshot, after: PersonaSnapshot): SnapshotField[] {
  return SNAPSHOT_FIELDS.filter((f) => (f in before || f in after) && !same(before[f], after[f]));
}

/** A value as one line of plain text (the history's diff, the conflict dialog). */
export function showValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value)) {
    const items = value.map((v) => {
      if (typeof v === "string") return v;
      if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        if (typeof o.title === "string") return o.body ? `${o.title}: ${String(o.body)}` : o.title;
        if (typeof o.left === "string" && typeof o.right === "string") return `${o.left} ↔ ${o.right}: ${String(o.value)}/5`;
      }
      return JSON.stringify(v);
    });
    return items.filter(Boolean).join(" · ") || "—";
  }
  if (typeof value === "object") {
    const root = (value as { root?: { children?: unknown[] } }).root;
    if (root && Array.isArray(root.children)) return `${root.children.length} ${root.children.length === 1 ? "rule" : "rules"}`;
  }
  return JSON.stringify(value);
}
