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

/** Value metrics of one customer (all null without orders). */
export type CustomerExportMetrics = {
  orders: number | null;
  lifetimeValue: string | null;
  lastOrderAt: Date | null;
  recency: number | null;
  frequency: number | null;
  monetary: number | null;
  rfmSegment: string | null;
};

export type ExportableWithMetrics = ExportableCustomer & { metrics?: CustomerExportMetrics };

/** The optional metric columns: RFM scores and named segment, lifetime value, orders, last order. */
export const METRIC_EXPORT_COLUMNS: ExportColumn<ExportableWithMetrics>[] = [
  { header: "orders", value: (c) => c.metrics?.orders ?? 0 },
  { header: "lifetime_value", value: (c) => Number(c.metrics?.lifetimeValue ?? 0) },
  { header: "last_order_at", value: (c) => c.metrics?.lastOrderAt ?? null },
  { header: "rfm_recency", value: (c) => c.metrics?.recency ?? null },
  { header: "rfm_frequency", value: (c) => c.metrics?.frequency ?? null },
  { header: "rfm_monetary", value: (c) => c.metrics?.monetary ?? null },
  { header: "rfm_segment", value: (c) => c.metrics?.rfmSegment ?? null },
];

export function customerExportColumns(traits: readonly ExportTrait[]): ExportColumn<ExportableCustomer>[] {
  return [
    ...BUILT_IN,
    ...traits.map((t) => ({ header: `trait.${t.key}`, value: (c: ExportableCustomer) => traitCell(traitsObject(c.traits)[t.key]) })),
  ];
}

/** A customer's metrics as JSON (scores null without orders; the lifetime value an exact decimal string). */
export function metricsJson(m: CustomerExportMetrics | undefined) {
  return {
    orders: m?.orders ?? 0,
    lifetimeValue: m?.lifetimeValue ?? "0.00",
    lastOrderAt: m?.lastOrderAt?.toISOString() ?? null,
    rfm: m?.recency == null ? null : { recency: m.recency, frequency: m.frequency, monetary: m.monetary, segment: m.rfmSegment },
  };
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
