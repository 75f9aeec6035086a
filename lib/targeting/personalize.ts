/**
 * Per-customer messages and offers: a strategy's positioning, offer and channel may name the
 * customer's own fields in double braces — `{{first_name}}`, `{{traits.next_best_offer}}` — and the
 * audience export fills them in customer by customer. `{{traits.size | M}}` gives a fallback for a
 * customer without that value; without a fallback a missing value becomes empty text.
 *
 * This is how a customized strategy makes an offer per customer from a rule or a list: import the
 * list with a column holding each customer's offer (a trait), target the segment of those
 * customers, and write `{{traits.offer}}` as the offer.
 */

/** The customer fields a placeholder may name besides `traits.<key>`. */
export const PLACEHOLDER_FIELDS = ["first_name", "last_name", "email", "external_id"] as const;
type PlaceholderField = (typeof PLACEHOLDER_FIELDS)[number];

const PLACEHOLDER = /\{\{\s*([^{}|]*?)\s*(?:\|\s*([^{}]*?)\s*)?\}\}/g;
const TRAIT_KEY = /^traits\.([a-z0-9_]{1,64})$/i;

export type PersonalizedCustomer = {
  externalId: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  traits?: Record<string, unknown> | null;
};

/** The placeholders in a text, in order, e.g. ["first_name", "traits.offer"]. */
export function placeholderKeys(text: string | null | undefined): string[] {
  if (!text) return [];
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Whether any of the texts names a trait (the export then loads the customers' traits). */
export function usesTraits(texts: readonly (string | null | undefined)[]): boolean {
  return texts.some((t) => placeholderKeys(t).some((k) => TRAIT_KEY.test(k)));
}

/**
 * What is wrong with a text's placeholders, as a message for the field, or null: a placeholder
 * must name one of PLACEHOLDER_FIELDS or `traits.<key>` of a trait the workspace has.
 */
export function placeholderProblem(text: string | null | undefined, traitKeys: ReadonlySet<string>): string | null {
  for (const key of placeholderKeys(text)) {
    if ((PLACEHOLDER_FIELDS as readonly string[]).includes(key)) continue;
    const trait = TRAIT_KEY.exec(key);
    if (trait && traitKeys.has(trait[1]!)) continue;
    const known = [...PLACEHOLDER_FIELDS.map((f) => `{{${f}}}`), traitKeys.size ? `{{traits.${[...traitKeys][0]}}}` : "{{traits.<key>}}"].join(", ");
    return trait
      ? `{{${key}}}: this workspace has no trait “${trait[1]}”. Use a trait from the customers' data, e.g. ${known}.`
      : `{{${key}}} is not a customer field. Use ${known}.`;
  }
  return null;
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(valueText).filter(Boolean).join(", ");
  if (typeof value === "object") return "";
  return String(value).trim();
}

function fieldValue(customer: PersonalizedCustomer, key: string): string {
  const trait = TRAIT_KEY.exec(key);
  if (trait) return valueText(customer.traits?.[trait[1]!]);
  const field = key as PlaceholderField;
  return valueText(
    field === "first_name" ? customer.firstName : field === "last_name" ? customer.lastName : field === "email" ? customer.email : field === "external_id" ? customer.externalId : null,
  );
}

/** The text with every placeholder filled in for one customer (null stays null). */
export function personalize(text: string | null, customer: PersonalizedCustomer): string | null {
  if (text === null || !text.includes("{{")) return text;
  return text.replace(PLACEHOLDER, (_, key: string, fallback: string | undefined) => fieldValue(customer, key) || (fallback ?? ""));
}
