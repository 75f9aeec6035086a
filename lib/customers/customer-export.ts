import type { TraitType } from "@/lib/generated/prisma/enums";
import type { ExportColumn } from "@/lib/customers/export";
import { traitsObject } from "@/lib/customers/traits";
import type { CustomerTextRow } from "@/lib/customers/record";

/** The columns of a customer export, in order: built-in fields, then one per custom trait. */
export type ExportableCustomer = CustomerTextRow;

export type ExportTrait = { key: string; type: TraitType };

const BUILT_IN: ExportColumn<ExportableCustomer>[] = [
  { header: "id", value: (c) => c.id },
  { header: "external_id", value: (c) => c.externalId },
  { header: "email", value: (c) => c.email },
  { header: "first_name", value: (c) => c.firstName },
  { header: "last_name", value: (c) => c.lastName },
  { header: "gender", value: (c) => c.gender },
  { header: "birth_date", value: (c) => c.birthDate },
  // Exact decimals, written as numbers (not text): a spreadsheet reads them as amounts.
  { header: "annual_income", value: (c) => (c.annualIncome === null ? null : Number(c.annualIncome)) },
  { header: "occupation", value: (c) => c.occupation },
  { header: "country", value: (c) => c.country },
  { header: "region", value: (c) => c.region },
  { header: "city", value: (c) => c.city },
  { header: "industry", value: (c) => c.industry },
  { header: "company_size", value: (c) => c.companySize },
  { header: "lifecycle_stage", value: (c) => c.lifecycleStage },
  { header: "acquisition_channel", value: (c) => c.acquisitionChannel },
  { header: "email_opt_in", value: (c) => c.emailOptIn },
  { header: "first_seen_at", value: (c) => c.firstSeenAt },
  { header: "interests", value: (c) => c.interests },
  { header: "needs", value: (c) => c.needs },
  { header: "technologies", value: (c) => c.technologies },
  { header: "created_at", value: (c) => c.createdAt },
  { header: "updated_at", value: (c) => c.updatedAt },
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

/** One customer as a JSON export object (camelCase, traits nested, income as a string-exact decimal). */
export function customerJson(c: ExportableCustomer) {
  return {
    id: c.id,
    externalId: c.externalId,
    email: c.email,
    firstName: c.firstName,
    lastName: c.lastName,
    gender: c.gender,
    birthDate: c.birthDate,
    annualIncome: c.annualIncome,
    occupation: c.occupation,
    country: c.country,
    region: c.region,
    city: c.city,
    industry: c.industry,
    companySize: c.companySize,
    lifecycleStage: c.lifecycleStage,
    acquisitionChannel: c.acquisitionChannel,
    emailOptIn: c.emailOptIn,
    firstSeenAt: c.firstSeenAt?.toISOString() ?? null,
    interests: c.interests,
    needs: c.needs,
    technologies: c.technologies,
    traits: traitsObject(c.traits),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
