import type { AttributeFamily, TraitType } from "@/lib/generated/prisma/enums";
import { FIELD_DECLARATIONS, type CustomerFieldKey, type FieldKind } from "@/lib/customers/field-registry";

/**
 * The customer's fields as the product shows them: built-in columns with a fixed attribute family,
 * and custom traits whose family comes from their definition. Used by the profile (cards per
 * family), the form (sections) and the export (column order).
 */
export const FAMILIES: readonly AttributeFamily[] = [
  "DEMOGRAPHIC",
  "GEOGRAPHIC",
  "PSYCHOGRAPHIC",
  "BEHAVIORAL",
  "NEEDS",
  "VALUE",
  "FIRMOGRAPHIC",
  "TECHNOGRAPHIC",
];

export const FAMILY_LABELS: Record<AttributeFamily, string> = {
  DEMOGRAPHIC: "Demographic",
  GEOGRAPHIC: "Geographic",
  PSYCHOGRAPHIC: "Psychographic",
  BEHAVIORAL: "Behavioral",
  NEEDS: "Needs",
  VALUE: "Value",
  FIRMOGRAPHIC: "Firmographic",
  TECHNOGRAPHIC: "Technographic",
};

export const FAMILY_DESCRIPTIONS: Record<AttributeFamily, string> = {
  DEMOGRAPHIC: "Who they are: age, gender, income, occupation",
  GEOGRAPHIC: "Where they are",
  PSYCHOGRAPHIC: "Interests, values and attitudes",
  BEHAVIORAL: "How they found you and how they engage",
  NEEDS: "What they are looking for",
  VALUE: "What they are worth to you",
  FIRMOGRAPHIC: "The company they work for",
  TECHNOGRAPHIC: "The tools and platforms they use",
};

export const TRAIT_TYPES: readonly TraitType[] = ["TEXT", "NUMBER", "DATE", "BOOLEAN", "TAGS"];

export const TRAIT_TYPE_LABELS: Record<TraitType, string> = {
  TEXT: "Text",
  NUMBER: "Number",
  DATE: "Date",
  BOOLEAN: "Yes / no",
  TAGS: "Tags",
};

export type { FieldKind };

export type BuiltInField = {
  key: BuiltInFieldKey;
  label: string;
  family: AttributeFamily;
  kind: FieldKind;
  /** Shown in the profile's header rather than in a family card. */
  identity?: boolean;
  /** Set by the system or by imports, not by the form. */
  readOnly?: boolean;
};

/** The Customer columns a person sees: every field of the registry. */
export type BuiltInFieldKey = CustomerFieldKey;

/** Derived from the customer field registry (lib/customers/field-registry.ts). */
export const BUILT_IN_FIELDS: readonly BuiltInField[] = FIELD_DECLARATIONS.map((f) => ({
  key: f.key as BuiltInFieldKey,
  label: f.label,
  family: f.family,
  kind: f.kind,
  ...(f.identity ? { identity: true } : {}),
  ...(f.readOnly ? { readOnly: true } : {}),
}));

export type TraitDefinitionView = { key: string; label: string; type: TraitType; family: AttributeFamily };

export type FamilyGroup<B, T> = { family: AttributeFamily; builtIn: B[]; traits: T[] };

/** Built-in fields (minus identity fields) and traits, grouped by family in display order; empty families are left out. */
export function groupByFamily<T extends { family: AttributeFamily }>(
  traits: readonly T[],
  options: { includeIdentity?: boolean; includeReadOnly?: boolean } = {},
): FamilyGroup<BuiltInField, T>[] {
  return FAMILIES.map((family) => ({
    family,
    builtIn: BUILT_IN_FIELDS.filter(
      (f) => f.family === family && (options.includeIdentity || !f.identity) && (options.includeReadOnly !== false || !f.readOnly),
    ),
    traits: traits.filter((t) => t.family === family),
  })).filter((g) => g.builtIn.length > 0 || g.traits.length > 0);
}

/** "Ada Lovelace", or the e-mail, or the external id: never empty. */
type Nameable = { firstName: string | null; lastName: string | null; email: string | null; externalId: string };

/** First and last name, when the customer has either. */
export function personName(c: Pick<Nameable, "firstName" | "lastName">): string | null {
  return [c.firstName, c.lastName].filter((p) => p && p.trim()).join(" ").trim() || null;
}

/** What lists and headings call a customer: their name, else their e-mail, else “Unnamed” (never an id). */
export function displayName(c: Nameable): string {
  return personName(c) || c.email?.trim() || UNNAMED;
}

export const UNNAMED = "Unnamed";
