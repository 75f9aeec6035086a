import type { TraitType } from "@/lib/generated/prisma/enums";
import type { CellValue, ExportColumn } from "@/lib/customers/export";
import { FIELD_DECLARATIONS, type CustomerFieldKey, type FieldDeclaration, type FieldKind } from "@/lib/customers/field-registry";
import { traitsObject } from "@/lib/customers/traits";
import type { CustomerTextRow } from "@/lib/customers/record";

/** The columns of a customer export, in order: id, the registry's fields, then one per custom trait. */
export type ExportableCustomer = CustomerTextRow;

export type ExportTrait = { key: string; type: TraitType };

/** A built-in field's value in a CSV cell: exact decimals written as numbers (not text), so a spreadsheet reads them as amounts. */
function csvValue(kind: FieldKind, value: unknown): CellValue {
  if (kind === "money") return value === null || value === undefined ? null : Number(value);
  return value as CellValue;
}

const field = (c: ExportableCustomer, key: string): unknown => (c as Record<string, unknown>)[key];

const BUILT_IN_ORDER = [
  ...FIELD_DECLARATIONS.filter((f) => !f.export.trailing),
  ...FIELD_DECLARATIONS.filter((f) => f.export.trailing),
];

const BUILT_IN: ExportColumn<ExportableCustomer>[] = [
  { header: "id", value: (c) => c.id },
  ...BUILT_IN_ORDER.map((f) => ({ header: f.export.header, value: (c: ExportableCustomer) => csvValue(f.kind, field(c, f.key)) })),
];

function traitCell(value: unknown): string | number | boolean | string[] | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
  return JSON.stringify(value);
}

export function customerExportColumns(traits: readonly ExportTrait[]): ExportColumn<ExportableCustomer>[] {
  return [
    ...BUILT_IN,
    ...traits.map((t) => ({ header: `trait.${t.key}`, value: (c: ExportableCustomer) => traitCell(traitsObject(c.traits)[t.key]) })),
  ];
}

const jsonValue = (value: unknown) => (value instanceof Date ? value.toISOString() : value ?? null);

const jsonEntries = (c: ExportableCustomer, fields: readonly FieldDeclaration[]) => fields.map((f) => [f.key, jsonValue(field(c, f.key))]);

/** One customer as a JSON export object (camelCase, traits nested, income as a string-exact decimal). */
export function customerJson(c: ExportableCustomer) {
  return {
    id: c.id,
    ...Object.fromEntries(jsonEntries(c, FIELD_DECLARATIONS.filter((f) => !f.export.trailing))),
    traits: traitsObject(c.traits),
    ...Object.fromEntries(jsonEntries(c, FIELD_DECLARATIONS.filter((f) => f.export.trailing))),
  } as { id: number; traits: Record<string, unknown> } & Record<CustomerFieldKey, unknown>;
}
