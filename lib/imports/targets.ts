import type { ImportKind } from "@/lib/generated/prisma/enums";
import { FIELD_DECLARATIONS, type FieldKind } from "@/lib/customers/field-registry";

/**
 * Where a CSV column can go, per kind of import. Keys are the product's own column names (never
 * taken from the file), so the SQL built from a mapping only ever names known columns.
 */
export type ValueKind = FieldKind | "positiveMoney";

export type ImportTarget = {
  key: string;
  label: string;
  kind: ValueKind;
  required?: boolean;
  /** Maximum length for text values. */
  max?: number;
  /** Header spellings that map here (compared after normalising: lower case, letters and digits only). */
  synonyms: readonly string[];
};

/** Derived from the customer field registry: every field with import synonyms; text fields keep their maximum length. */
export const CUSTOMER_TARGETS: readonly ImportTarget[] = FIELD_DECLARATIONS.flatMap((f) =>
  f.import
    ? [
        {
          key: f.key,
          label: f.label,
          kind: f.import.kind ?? f.kind,
          max: f.kind === "text" ? f.max : undefined,
          synonyms: f.import.synonyms,
        },
      ]
    : [],
);

export const ORDER_TARGETS: readonly ImportTarget[] = [
  { key: "customerExternalId", label: "Customer id", kind: "text", required: true, max: 100, synonyms: ["customerid", "customer", "customerexternalid", "custid", "clientid", "userid", "buyerid"] },
  { key: "externalId", label: "Order id", kind: "text", max: 100, synonyms: ["orderid", "order", "id", "ordernumber", "orderno", "ordernum", "externalid", "transactionid", "invoiceid"] },
  { key: "orderedAt", label: "Order date", kind: "datetime", required: true, synonyms: ["orderdate", "orderedat", "date", "purchasedate", "createdat", "timestamp", "time", "datetime"] },
  { key: "amount", label: "Amount", kind: "money", required: true, synonyms: ["amount", "total", "ordertotal", "value", "revenue", "price", "sum", "grandtotal"] },
  { key: "currency", label: "Currency", kind: "text", max: 3, synonyms: ["currency", "currencycode", "curr"] },
  { key: "category", label: "Category", kind: "text", max: 100, synonyms: ["category", "productcategory", "department"] },
  { key: "channel", label: "Channel", kind: "text", max: 60, synonyms: ["channel", "saleschannel", "source", "store"] },
  { key: "quantity", label: "Quantity", kind: "integer", synonyms: ["quantity", "qty", "items", "units", "count"] },
];

export const EVENT_TARGETS: readonly ImportTarget[] = [
  { key: "customerExternalId", label: "Customer id", kind: "text", required: true, max: 100, synonyms: ["customerid", "customer", "customerexternalid", "custid", "clientid", "userid"] },
  { key: "externalId", label: "Event id", kind: "text", max: 100, synonyms: ["eventid", "id", "externalid", "messageid"] },
  { key: "name", label: "Event name", kind: "text", required: true, max: 100, synonyms: ["event", "eventname", "name", "action", "type", "eventtype"] },
  { key: "occurredAt", label: "Occurred at", kind: "datetime", required: true, synonyms: ["occurredat", "timestamp", "time", "date", "datetime", "eventtime", "createdat"] },
];

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  CUSTOMERS: "Customers",
  ORDERS: "Orders",
  EVENTS: "Events",
};

/**
 * Age in years is common in files but is not stored: it sets an approximate birth date (the import
 * day, that many years earlier), so age rules — “birth date more than 30 years ago” — work on it.
 * A birth date in the same row wins.
 */
export const AGE_TARGET: ImportTarget = {
  key: "age",
  label: "Age (sets an approximate birth date)",
  kind: "integer",
  synonyms: ["age", "ageyears", "ageinyears", "years", "customerage", "yearsold"],
};

export const MAX_AGE = 130;

export function targetsFor(kind: ImportKind): readonly ImportTarget[] {
  return kind === "CUSTOMERS" ? [...CUSTOMER_TARGETS, AGE_TARGET] : kind === "ORDERS" ? ORDER_TARGETS : EVENT_TARGETS;
}

/** The birth date an age in years stands for on `today` (YYYY-MM-DD; 29 February becomes 28 February). */
export function birthDateFromAge(age: number, today: string): string {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const year = y - age;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** "Date of Birth" → "dateofbirth". */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}
