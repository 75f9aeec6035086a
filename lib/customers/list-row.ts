import { LIST_FIELDS, type ListFieldKey } from "@/lib/customers/field-registry";
import type { CustomerTextRow } from "@/lib/customers/record";
import { formatTraitValue, traitsObject } from "@/lib/customers/traits";

/**
 * One row of the customers list as the server hands it to the browser: the registry's list fields
 * (dates as ISO text), the display name, and the country's name spelled on the server.
 */
export type ClientListRow = {
  id: number;
  name: string;
  named: boolean;
  countryName: string | null;
  /** Custom trait values as text, by key (only the workspace's defined traits). */
  traits: Record<string, string>;
} & {
  [K in ListFieldKey]: CustomerTextRow[K] extends Date ? string : CustomerTextRow[K];
};

export function listRowForClient(
  row: Pick<CustomerTextRow, "id" | ListFieldKey>,
  names: { name: string; named: boolean; countryName: string | null },
  traits: { keys: readonly string[]; values: unknown } = { keys: [], values: {} },
): ClientListRow {
  const stored = traitsObject(traits.values);
  const traitText: Record<string, string> = {};
  for (const key of traits.keys) {
    const v = stored[key];
    if (v !== undefined && v !== null && v !== "") traitText[key] = formatTraitValue(v);
  }
  const fields = Object.fromEntries(
    LIST_FIELDS.map((f) => {
      const v: unknown = row[f.key];
      return [f.key, v instanceof Date ? v.toISOString() : v];
    }),
  );
  return { id: row.id, ...names, traits: traitText, ...fields } as ClientListRow;
}
