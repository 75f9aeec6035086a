import { LIST_FIELDS, type ListFieldKey } from "@/lib/customers/field-registry";
import type { CustomerTextRow } from "@/lib/customers/record";

/**
 * One row of the customers list as the server hands it to the browser: the registry's list fields
 * (dates as ISO text), the display name, and the country's name spelled on the server.
 */
export type ClientListRow = { id: number; name: string; named: boolean; countryName: string | null } & {
  [K in ListFieldKey]: CustomerTextRow[K] extends Date ? string : CustomerTextRow[K];
};

export function listRowForClient(
  row: Pick<CustomerTextRow, "id" | ListFieldKey>,
  names: { name: string; named: boolean; countryName: string | null },
): ClientListRow {
  const fields = Object.fromEntries(
    LIST_FIELDS.map((f) => {
      const v: unknown = row[f.key];
      return [f.key, v instanceof Date ? v.toISOString() : v];
    }),
  );
  return { id: row.id, ...names, ...fields } as ClientListRow;
}
