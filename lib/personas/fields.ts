import { personaCardSchema } from "@/lib/validations/persona";

/**
 * The card's fields as history, restore and copy see them, derived from the card's zod schema (so
 * a field added to `personaCardSchema` is kept in revisions, restored and copied without further
 * lists), plus the grounding: the rules (`definition`) and the linked segment (`segmentId`).
 * Browser-safe: no database.
 */
export type CardField = keyof typeof personaCardSchema.shape;
export const CARD_FIELDS = Object.keys(personaCardSchema.shape) as CardField[];

export const GROUNDING_FIELDS = ["definition", "segmentId"] as const;
export type SnapshotField = CardField | (typeof GROUNDING_FIELDS)[number];
export const SNAPSHOT_FIELDS: readonly SnapshotField[] = [...CARD_FIELDS, ...GROUNDING_FIELDS];

/** A revision's content: every snapshot field as stored (JSON values). */
export type PersonaSnapshot = Partial<Record<SnapshotField, unknown>>;

/** Labels the card uses where they differ from the field's name written out ("painPoints" → "Pain points"). */
const LABELS: Partial<Record<SnapshotField, string>> = {
  isNegative: "Negative persona",
  headline: "Headline / role",
  description: "Story",
  ageRange: "Age",
  incomeBand: "Income",
  needs: "Needs / jobs to be done",
  brandsMedia: "Brands & media",
  definition: "Rules",
  segmentId: "Linked segment",
};

export function fieldLabel(field: string): string {
  const known = LABELS[field as SnapshotField];
  if (known) return known;
  const words = field.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

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

/** A value as one line of plain text, for the history's read-only diff. */
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
