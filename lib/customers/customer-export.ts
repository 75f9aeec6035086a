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

export function customerExportColumns(traits: readonly ExportTrait[]): ExportColumn<ExportableCustomer>[] {
  return [
    ...BUILT_IN,
    ...traits.map((t) => ({ header: `trait.${t.key}`, value: (c: ExportableCustomer) => traitCell(traitsObject(c.traits)[t.key]) })),
  ];
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
