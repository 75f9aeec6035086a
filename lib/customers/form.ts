import type { AttributeFamily, TraitType } from "@/lib/generated/prisma/enums";
import { traitInputValue, traitsObject } from "@/lib/customers/traits";
import type { CustomerRow } from "@/lib/customers/record";
import {
  EDITABLE_FIELDS,
  FIELD_DECLARATIONS,
  type EditableField,
  type FieldKind,
  type SuggestionFieldKey,
} from "@/lib/customers/field-registry";

/** What the customer form holds: text as typed, so nothing is lost while someone edits. One entry per editable registry field. */
export type CustomerFormState = {
  [F in EditableField as F["key"]]: F["kind"] extends "boolean" ? boolean : string;
} & { traits: Record<string, string> };

export type FormTrait = { key: string; label: string; type: TraitType; family: AttributeFamily };

type StoredCustomer = Omit<CustomerRow, "id" | "firstSeenAt" | "createdAt" | "updatedAt">;

/** A stored column value as the form shows it. */
function formValue(kind: FieldKind, value: unknown): string | boolean {
  if (kind === "boolean") return value === true;
  if (value === null || value === undefined) return "";
  if (kind === "date" && value instanceof Date) return value.toISOString().slice(0, 10);
  if (kind === "tags" && Array.isArray(value)) return value.join(", ");
  return String(value);
}

/** The form's starting values: blank for a new customer, the stored values for an edit. */
export function customerFormState(customer: StoredCustomer | null, traits: readonly FormTrait[]): CustomerFormState {
  const stored = traitsObject(customer?.traits);
  const builtIn = Object.fromEntries(
    EDITABLE_FIELDS.map((f) => [f.key, formValue(f.kind, customer ? customer[f.key as keyof StoredCustomer] : undefined)]),
  );
  return {
    ...builtIn,
    traits: Object.fromEntries(traits.map((t) => [t.key, traitInputValue(t.type, stored[t.key])])),
  } as CustomerFormState;
}

/** Suggested values offered while typing (the workspace's own values come first), from the registry. */
export const DEFAULT_SUGGESTIONS = Object.fromEntries(
  FIELD_DECLARATIONS.flatMap((f) => (f.suggestions ? [[f.key, [...f.suggestions]]] : [])),
) as Record<SuggestionFieldKey, string[]>;

export type SuggestionField = SuggestionFieldKey;
