import "server-only";
/**
 * The field catalog: every customer field a condition may name, with its type, label, attribute
 * group and a few sample values. Built-in fields are typed columns of "Customer"; custom traits
 * (CustomerTraitDefinition rows) live in the `traits` JSONB column and are named `traits.<key>`.
 *
 * Column identifiers in SQL come only from BUILT_IN_FIELDS below (derived from the customer field
 * registry), never from user input.
 */
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { loadTraitDefinitions } from "@/lib/segments/traits";
import type { FieldType } from "@/lib/segments/definition";
import { OPERATORS_BY_TYPE, type FieldOperator } from "@/lib/segments/definition";
import { FIELD_DECLARATIONS, type DateStorage, type FieldKind, type SegmentFieldKey } from "@/lib/customers/field-registry";

export type FieldGroup =
  | "demographic"
  | "geographic"
  | "psychographic"
  | "behavioral"
  | "firmographic"
  | "technographic"
  | "needs"
  | "value";

export type { DateStorage };

export type CatalogField = {
  /** The name used in definitions: `country`, `traits.plan`. */
  key: string;
  label: string;
  type: FieldType;
  group: FieldGroup;
  /** `derived`: computed from a column at the evaluation's `now` (Age from the birth date). */
  source: "column" | "trait" | "derived";
  /** Column name on "Customer" (built-in fields; for a derived field, the column it is computed from). */
  column?: BuiltInColumn;
  /** How a derived field is computed (compiler/fields.ts and matcher/fields.ts, identically). */
  derived?: "age";
  /** Trait key inside `traits` (custom traits only). */
  traitKey?: string;
  /** Storage of a date field. Date traits are `YYYY-MM-DD…` strings and compare as days. */
  dateStorage?: DateStorage;
  /**
   * Whether the value can be NULL: as the column is declared for built-in fields (a test compares
   * this with the live database), always for traits. Tag lists, emailOptIn, externalId and
   * createdAt cannot be NULL.
   */
  nullable: boolean;
  /** An integer column (compared with whole numbers without a numeric cast). */
  integer?: boolean;
  operators: readonly FieldOperator[];
  samples: (string | number | boolean)[];
};

export type FieldCatalog = {
  fields: CatalogField[];
  byKey: Map<string, CatalogField>;
};

/** The Customer columns a condition may name: the registry's fields that are in the catalog. */
export type BuiltInColumn = SegmentFieldKey;

const SEGMENT_TYPE: Record<FieldKind, FieldType> = {
  text: "text",
  email: "text",
  country: "text",
  number: "number",
  integer: "number",
  money: "number",
  date: "date",
  datetime: "date",
  boolean: "boolean",
  tags: "tags",
};

/** Built-in fields, derived from the customer field registry (lib/customers/field-registry.ts). */
export const BUILT_IN_FIELDS: readonly CatalogField[] = FIELD_DECLARATIONS.flatMap((f): CatalogField[] => {
  if (f.segment === false) return [];
  const type = SEGMENT_TYPE[f.kind];
  return [
    {
      label: f.segment.label ?? f.label,
      type,
      ...(f.segment.dateStorage ? { dateStorage: f.segment.dateStorage } : {}),
      group: f.family.toLowerCase() as FieldGroup,
      nullable: f.nullable,
      ...(f.kind === "integer" ? { integer: true } : {}),
      column: f.key as BuiltInColumn,
      key: f.key,
      source: "column" as const,
      operators: OPERATORS_BY_TYPE[type],
      samples: [],
    },
  ];
});

/**
 * Age in whole years at the evaluation's `now` (UTC day), from the birth date: the years of
 * PostgreSQL's `age(today, birthDate)`. Empty when the birth date is missing or later than today.
 * Listed right after the birth date in the builder.
 */
export const AGE_FIELD: CatalogField = {
  key: "age",
  label: "Age",
  type: "number",
  group: "demographic",
  source: "derived",
  derived: "age",
  column: "birthDate",
  nullable: true,
  integer: true,
  operators: OPERATORS_BY_TYPE.number,
  samples: [],
};

/** Built-in fields and derived ones, in the builder's order. */
const CATALOG_FIELDS: readonly CatalogField[] = BUILT_IN_FIELDS.flatMap((f) => (f.key === "birthDate" ? [f, AGE_FIELD] : [f]));

export const TRAIT_PREFIX = "traits.";

export type TraitDefinitionRow = {
  key: string;
  label: string;
  type: "TEXT" | "NUMBER" | "DATE" | "BOOLEAN" | "TAGS";
  family:
    | "DEMOGRAPHIC"
    | "GEOGRAPHIC"
    | "PSYCHOGRAPHIC"
    | "BEHAVIORAL"
    | "NEEDS"
    | "VALUE"
    | "FIRMOGRAPHIC"
    | "TECHNOGRAPHIC";
};

export function traitField(row: TraitDefinitionRow): CatalogField {
  const type = row.type.toLowerCase() as FieldType;
  return {
    key: `${TRAIT_PREFIX}${row.key}`,
    label: row.label,
    type,
    group: row.family.toLowerCase() as FieldGroup,
    source: "trait",
    traitKey: row.key,
    nullable: true,
    operators: OPERATORS_BY_TYPE[type],
    samples: [],
  };
}

/** A catalog from built-in fields plus the given trait definitions (no sample values). */
export function buildCatalog(traits: TraitDefinitionRow[] = [], samples?: Map<string, CatalogField["samples"]>): FieldCatalog {
  const fields = [...CATALOG_FIELDS, ...traits.map(traitField)].map((f) => ({ ...f, samples: samples?.get(f.key) ?? [] }));
  return { fields, byKey: new Map(fields.map((f) => [f.key, f])) };
}

type Queryable = Pick<PrismaClient, "$queryRaw"> | Pick<Prisma.TransactionClient, "$queryRaw">;
type TraitLoader = {
  customerTraitDefinition: { findMany: PrismaClient["customerTraitDefinition"]["findMany"] };
};

const SAMPLE_ROWS = 1000;
const SAMPLES_PER_FIELD = 6;

type SampleRow = Record<string, unknown>;

/** The columns sampled for suggested values: text, number and tag fields (identifiers from the registry). */
const SAMPLE_COLUMNS = Prisma.raw(
  BUILT_IN_FIELDS.filter((f) => f.type !== "date" && f.type !== "boolean")
    .map((f) => (fieldKind(f.key) === "money" ? `"${f.key}"::float8 as "${f.key}"` : `"${f.key}"`))
    .join(", "),
);

function fieldKind(key: string): FieldKind | undefined {
  return FIELD_DECLARATIONS.find((f) => f.key === key)?.kind;
}

/**
 * The workspace's catalog for the builder UI: built-in fields, its trait definitions, and for
 * text, tag and number fields up to six frequent values taken from a sample of customers.
 */
export async function loadFieldCatalog(db: Queryable & TraitLoader, workspaceId: string): Promise<FieldCatalog> {
  const traits = await loadTraitDefinitions(db, workspaceId);
  const rows = await db.$queryRaw<SampleRow[]>`
    select ${SAMPLE_COLUMNS}, "traits"
    from "Customer" where "workspaceId" = ${workspaceId}::uuid
    order by "id" desc limit ${SAMPLE_ROWS}`;
  const catalog = buildCatalog(traits);
  const samples = new Map<string, CatalogField["samples"]>();
  for (const field of catalog.fields) {
    if (field.type === "date" || field.type === "boolean") continue;
    if (field.key === "email" || field.key === "externalId") continue;
    const counts = new Map<string | number, number>();
    const bump = (v: unknown) => {
      if (typeof v === "string" && v.trim() !== "") counts.set(v, (counts.get(v) ?? 0) + 1);
      else if (typeof v === "number" && Number.isFinite(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
    };
    for (const row of rows) {
      let value: unknown;
      if (field.source === "column" && field.column) value = row[field.column];
      else if (field.traitKey !== undefined) {
        const traitsValue = row.traits;
        value =
          traitsValue && typeof traitsValue === "object" && !Array.isArray(traitsValue)
            ? (traitsValue as Record<string, unknown>)[field.traitKey]
            : undefined;
      }
      if (Array.isArray(value)) value.forEach(bump);
      else bump(value);
    }
    const top = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))
      .slice(0, SAMPLES_PER_FIELD)
      .map(([v]) => v);
    if (field.type === "number") top.sort((a, b) => Number(a) - Number(b));
    samples.set(field.key, top);
  }
  return buildCatalog(traits, samples);
}

/** The catalog in a plain JSON shape for the builder UI. */
export function catalogForClient(catalog: FieldCatalog) {
  return catalog.fields.map(({ key, label, type, group, source, operators, samples }) => ({
    key,
    label,
    type,
    group,
    source,
    operators: [...operators],
    samples,
  }));
}
