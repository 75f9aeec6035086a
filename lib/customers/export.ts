/**
 * Encoding for customer exports: CSV (RFC 4180, CRLF line ends, UTF-8 with a byte-order mark so
 * spreadsheets detect the encoding) and JSON (one array, written as a stream of pieces).
 *
 * Spreadsheet formula injection: a text cell that begins with =, +, -, @, a tab or a carriage
 * return could run as a formula when the file is opened, so it is prefixed with an apostrophe.
 * Numbers, booleans and dates are written by the product itself and left as they are.
 */
export type CellValue = string | number | boolean | Date | null | undefined | readonly string[];

export const CSV_BOM = "\uFEFF";
export const CSV_EOL = "\r\n";

const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a text value that a spreadsheet would read as a formula. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell's text before quoting: text neutralised, arrays joined with ", ", dates as ISO 8601. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") return neutralizeFormula(value);
  return neutralizeFormula(value.join(", "));
}

/** Quotes a cell when it holds a delimiter, a quote, a line break or edge whitespace. */
export function quoteCsv(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvCell(value: CellValue): string {
  return quoteCsv(cellText(value));
}

export function csvRow(values: readonly CellValue[]): string {
  return values.map(csvCell).join(",") + CSV_EOL;
}

export type ExportColumn<R> = { header: string; value: (row: R) => CellValue };

/** Header line (with the byte-order mark) for `columns`. Headers are neutralised like any text. */
export function csvHeader<R>(columns: readonly ExportColumn<R>[]): string {
  return CSV_BOM + csvRow(columns.map((c) => c.header));
}

export function csvLines<R>(columns: readonly ExportColumn<R>[], rows: readonly R[]): string {
  let out = "";
  for (const row of rows) out += csvRow(columns.map((c) => c.value(row)));
  return out;
}

/**
 * Writes a JSON array one batch at a time: `open`, then `items` for each batch (which knows
 * whether anything came before), then `close`. The result parses as one array.
 */
export function jsonArrayWriter() {
  let first = true;
  return {
    open: () => "[",
    items(values: readonly unknown[]): string {
      let out = "";
      for (const value of values) {
        out += (first ? "\n" : ",\n") + JSON.stringify(value);
        first = false;
      }
      return out;
    },
    close: () => (first ? "]" : "\n]\n"),
  };
}

/** A segment download's file name, after the segment: segment-big-spenders-2026-11-01.csv. */
export function segmentExportFileName(name: string, format: "csv" | "json", now: Date): string {
  return namedExportFileName("segment", name, format, now);
}

/** `<prefix>-<name as a slug>-<date>.<format>`: audience-spring-win-back-2026-11-01.csv. */
export function namedExportFileName(prefix: string, name: string, format: "csv" | "json", now: Date): string {
  const safe =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || prefix;
  return `${prefix}-${safe}-${now.toISOString().slice(0, 10)}.${format}`;
}

/** A download's file name: customers-acme-2026-11-01.csv. */
export function exportFileName(slug: string, format: "csv" | "json", now: Date): string {
  const safe = slug.replace(/[^a-z0-9-]/g, "") || "workspace";
  return `customers-${safe}-${now.toISOString().slice(0, 10)}.${format}`;
}
