import { createHash } from "node:crypto";
import type { ImportKind, TraitType } from "@/lib/generated/prisma/enums";
import type { TraitValue } from "@/lib/customers/traits";
import { converterFor, traitConverter, clip, type CellValue, type Converted } from "@/lib/imports/convert";
import type { ImportSettings } from "@/lib/imports/mapping";
import { AGE_TARGET, birthDateFromAge, MAX_AGE, targetsFor } from "@/lib/imports/targets";

/**
 * Turns one CSV record into the values of one customer, order or event, with every problem found
 * in it. A row with a problem is not written at all (never half a row); its problems go to the
 * import's report.
 */
export type RowProblem = { column: string; value: string; message: string };

export type ReadRow = {
  line: number;
  /** Built-in fields by key ("email", "orderedAt", …). */
  values: Record<string, CellValue | null>;
  /** Custom traits (customers) or event properties (events), by key. */
  extra: Record<string, TraitValue | CellValue | null>;
  problems: RowProblem[];
};

export const VALUE_REPORT_MAX = 200;

type Column = {
  index: number;
  name: string;
  slot: "values" | "extra";
  key: string;
  convert: (raw: string) => Converted<CellValue | TraitValue>;
};

export type RowReader = {
  read(cells: readonly string[], line: number): ReadRow;
  /** Built-in field keys the file fills. */
  fieldKeys: string[];
  /** Trait or property keys the file fills. */
  extraKeys: string[];
};

const ROW = "(row)";

export function rowReader(
  kind: ImportKind,
  settings: ImportSettings,
  columnNames: readonly string[],
  traitTypes: ReadonlyMap<string, TraitType>,
): RowReader {
  const targets = targetsFor(kind);
  const columns: Column[] = [];
  settings.columns.forEach((c, index) => {
    const name = columnNames[index] ?? `Column ${index + 1}`;
    if (c.type === "field") {
      const target = targets.find((t) => t.key === c.key);
      if (!target) return;
      columns.push({ index, name, slot: "values", key: c.key, convert: converterFor(target.kind, { max: target.max, order: settings.dateOrder, scale: c.scale }) });
    } else if (c.type === "trait" || c.type === "newTrait") {
      const type = c.type === "newTrait" ? c.traitType : traitTypes.get(c.key);
      if (!type) return;
      columns.push({ index, name, slot: "extra", key: c.key, convert: traitConverter(type, settings.dateOrder) });
    } else if (c.type === "property") {
      columns.push({ index, name, slot: "extra", key: c.key, convert: converterFor("text", { max: 1000, order: settings.dateOrder }) });
    }
  });
  const width = columnNames.length;
  const required = new Set(targets.filter((t) => t.required).map((t) => t.key));
  if (kind === "CUSTOMERS") required.add(settings.matchBy);
  const nameOf = (key: string) => columns.find((c) => c.slot === "values" && c.key === key)?.name ?? key;
  const today = new Date().toISOString().slice(0, 10);

  return {
    // An age column fills the birth date (see AGE_TARGET); "age" itself is never written.
    fieldKeys: [...new Set(columns.filter((c) => c.slot === "values").map((c) => (c.key === AGE_TARGET.key ? "birthDate" : c.key)))],
    extraKeys: columns.filter((c) => c.slot === "extra").map((c) => c.key),
    read(cells, line) {
      const values: Record<string, CellValue | null> = {};
      const extra: Record<string, TraitValue | CellValue | null> = {};
      const problems: RowProblem[] = [];
      if (cells.length !== width) {
        problems.push({
          column: ROW,
          value: clip(cells.join(settings.delimiter), VALUE_REPORT_MAX),
          message: `This row has ${cells.length} ${cells.length === 1 ? "cell" : "cells"}; the file has ${width} columns. Check for a stray delimiter or a missing quote.`,
        });
        return { line, values, extra, problems };
      }
      for (const col of columns) {
        const raw = cells[col.index] ?? "";
        const result = col.convert(raw);
        if (!result.ok) problems.push({ column: col.name, value: clip(raw, VALUE_REPORT_MAX), message: result.message });
        else if (col.slot === "values") values[col.key] = result.value;
        else extra[col.key] = result.value;
      }
      for (const key of required) {
        if (values[key] === null || (values[key] === undefined && !problems.some((p) => p.column === nameOf(key)))) {
          problems.push({ column: nameOf(key), value: "", message: `${targets.find((t) => t.key === key)?.label ?? key} is missing.` });
        }
      }
      if (kind === "CUSTOMERS" && AGE_TARGET.key in values) {
        const age = values[AGE_TARGET.key];
        delete values[AGE_TARGET.key];
        if (typeof age === "number" && age > MAX_AGE) {
          problems.push({ column: nameOf(AGE_TARGET.key), value: String(age), message: `An age must be at most ${MAX_AGE}.` });
        } else if (values.birthDate === undefined || values.birthDate === null) {
          values.birthDate = typeof age === "number" ? birthDateFromAge(age, today) : null;
        }
      }
      if (kind === "CUSTOMERS") {
        const birth = values.birthDate;
        if (typeof birth === "string" && (birth > today || birth < "1900-01-01")) {
          problems.push({ column: nameOf("birthDate"), value: birth, message: birth > today ? "A birth date cannot be in the future." : "Enter a birth date after 1900." });
        }
        if ("emailOptIn" in values && values.emailOptIn === null) values.emailOptIn = false;
      }
      if (kind === "ORDERS") {
        if (typeof values.currency === "string") {
          const code = values.currency.toUpperCase();
          if (!/^[A-Z]{3}$/.test(code)) problems.push({ column: nameOf("currency"), value: values.currency, message: "Use a three-letter currency code, like USD or EUR." });
          values.currency = code;
        } else if ("currency" in values) values.currency = "USD";
        if ("quantity" in values && values.quantity === null) values.quantity = 1;
        if (values.quantity === 0) problems.push({ column: nameOf("quantity"), value: "0", message: "The quantity must be at least 1." });
      }
      if ((kind === "ORDERS" || kind === "EVENTS") && !("externalId" in values && values.externalId)) {
        values.externalId = derivedId(kind, values, extra);
      }
      return { line, values, extra, problems };
    },
  };
}

/**
 * Orders and events without an id of their own get one derived from their content, so importing
 * the same file again recognises them instead of adding them twice.
 */
function derivedId(kind: ImportKind, values: Record<string, unknown>, extra: Record<string, unknown>): string {
  const hash = createHash("sha256");
  hash.update(kind);
  for (const key of Object.keys(values).sort()) if (key !== "externalId") hash.update(`\u0000${key}=${JSON.stringify(values[key])}`);
  for (const key of Object.keys(extra).sort()) hash.update(`\u0001${key}=${JSON.stringify(extra[key])}`);
  return `csv-${hash.digest("base64url").slice(0, 22)}`;
}
