import "server-only";
import { fieldSuggestions } from "@/lib/dal/customers";
import { listTraitDefinitions } from "@/lib/dal/traits";
import { countryOptions } from "@/lib/customers/countries";
import { DEFAULT_SUGGESTIONS, type SuggestionField } from "@/lib/customers/form";

/** What the create and edit forms need besides the customer: traits, countries, suggestions. */
export async function customerFormData(workspaceId: string) {
  const [traits, found] = await Promise.all([listTraitDefinitions(workspaceId), fieldSuggestions(workspaceId)]);
  const suggestions = Object.fromEntries(
    (Object.keys(DEFAULT_SUGGESTIONS) as SuggestionField[]).map((key) => [
      key,
      [...new Set([...found[key], ...DEFAULT_SUGGESTIONS[key]])].slice(0, 30),
    ]),
  ) as Record<SuggestionField, string[]>;
  return {
    traits: traits.map((t) => ({ key: t.key, label: t.label, type: t.type, family: t.family })),
    countries: countryOptions(),
    suggestions,
  };
}
