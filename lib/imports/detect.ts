import chardet from "chardet";
import { parse } from "csv-parse/sync";
import { fileTypeFromBuffer } from "file-type";
import iconv from "iconv-lite";
import { DELIMITERS, ENCODINGS, type Delimiter, type Encoding } from "@/lib/imports/mapping";

/**
 * Reads the first bytes of an uploaded file and decides how to read the rest: the text encoding,
 * the delimiter and whether the first row is a header. A file that is not text at all (a
 * spreadsheet, a PDF, an image, an empty file) gets a message saying what to do instead.
 */
export const SNIFF_BYTES = 64 * 1024;
const SAMPLE_ROWS = 50;

export type Detected = {
  encoding: Encoding;
  delimiter: Delimiter;
  hasHeader: boolean;
  /** The header row's cells, or "Column 1", "Column 2", … */
  columns: string[];
};

export type SniffResult = { ok: true; detected: Detected } | { ok: false; message: string };

const BINARY_NAMES: Record<string, string> = {
  xlsx: "an Excel workbook (.xlsx)",
  xls: "an Excel workbook (.xls)",
  cfb: "an Excel or Word file",
  zip: "a ZIP archive",
  pdf: "a PDF document",
  png: "a PNG image",
  jpg: "a JPEG image",
  gif: "a GIF image",
  gz: "a gzip archive",
  docx: "a Word document",
  ods: "a spreadsheet (.ods)",
};

export async function sniff(head: Uint8Array): Promise<SniffResult> {
  if (head.length === 0) return { ok: false, message: "The file is empty. Choose a CSV file with a header row and at least one row of data." };
  const type = await fileTypeFromBuffer(head).catch(() => undefined);
  if (type) {
    const what = BINARY_NAMES[type.ext] ?? `a .${type.ext} file`;
    const hint = type.ext === "xlsx" || type.ext === "xls" || type.ext === "cfb" || type.ext === "ods" ? " Save the sheet as CSV (File → Save as → CSV) and upload that." : " Upload a CSV file.";
    return { ok: false, message: `This file is ${what}, not CSV.${hint}` };
  }
  const encoding = detectEncoding(head);
  if (!encoding) return { ok: false, message: "This file does not look like text. Upload a CSV file (comma, semicolon or tab separated)." };
  const text = decodeHead(head, encoding);
  if (text.trim() === "") return { ok: false, message: "The file has no rows. Choose a CSV file with a header row and at least one row of data." };
  const delimiter = detectDelimiter(text);
  const rows = sampleRows(text, delimiter, SAMPLE_ROWS);
  if (rows.length === 0) return { ok: false, message: "No rows could be read from the file." };
  const hasHeader = looksLikeHeader(rows);
  const width = hasHeader ? rows[0]!.length : Math.max(...rows.slice(0, 20).map((r) => r.length));
  const columns = hasHeader ? headerNames(rows[0]!, width) : Array.from({ length: width }, (_, i) => `Column ${i + 1}`);
  return { ok: true, detected: { encoding, delimiter, hasHeader, columns } };
}

/** BOM first, then strict UTF-8, then a statistical guess among the encodings we read. Null: binary. */
export function detectEncoding(head: Uint8Array): Encoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8";
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  const nul = head.indexOf(0);
  if (nul !== -1) {
    // UTF-16 without a BOM: every other byte of ASCII text is zero.
    const odd = countZeros(head, 1);
    const even = countZeros(head, 0);
    const half = Math.floor(head.length / 2);
    if (odd > half * 0.6 && even < half * 0.1) return "utf-16le";
    if (even > half * 0.6 && odd < half * 0.1) return "utf-16be";
    return null;
  }
  if (isUtf8(head)) return "utf-8";
  const guess = chardet.detect(head)?.toLowerCase();
  const known = ENCODINGS.find((e) => e === guess);
  if (known) return known;
  if (guess === "iso-8859-1" || guess === "ascii") return "windows-1252";
  // A control character other than tab / CR / LF in a single-byte file means binary.
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return null;
  return "windows-1252";
}

function countZeros(bytes: Uint8Array, parity: number): number {
  let n = 0;
  for (let i = parity; i < bytes.length; i += 2) if (bytes[i] === 0) n++;
  return n;
}

/** Valid UTF-8, allowing the sample to end in the middle of a character. */
function isUtf8(bytes: Uint8Array): boolean {
  let end = bytes.length;
  // Step back over a trailing incomplete sequence (at most 3 bytes).
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = bytes[end - i]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (need > i) end -= i;
    break;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

export function decodeHead(head: Uint8Array, encoding: Encoding): string {
  const text = iconv.decode(Buffer.from(head.buffer, head.byteOffset, head.byteLength), encoding);
  // Drop the last, probably cut-off line.
  const lastBreak = text.lastIndexOf("\n");
  return lastBreak > 0 && head.length >= SNIFF_BYTES ? text.slice(0, lastBreak + 1) : text;
}

/** The delimiter that splits the sample into the most rows of the same, greatest width. */
export function detectDelimiter(text: string): Delimiter {
  let best: { delimiter: Delimiter; score: number } = { delimiter: ",", score: 0 };
  for (const delimiter of DELIMITERS) {
    const rows = sampleRows(text, delimiter, SAMPLE_ROWS);
    if (rows.length === 0) continue;
    const widths = new Map<number, number>();
    for (const r of rows) widths.set(r.length, (widths.get(r.length) ?? 0) + 1);
    let modeWidth = 1;
    let modeCount = 0;
    for (const [w, c] of widths) if (c > modeCount || (c === modeCount && w > modeWidth)) [modeWidth, modeCount] = [w, c];
    if (modeWidth < 2) continue;
    const consistency = modeCount / rows.length;
    const score = consistency * Math.log2(modeWidth + 1);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

export function sampleRows(text: string, delimiter: Delimiter, limit: number): string[][] {
  try {
    return parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      to_line: limit + 20,
    }).slice(0, limit) as string[][];
  } catch {
    return [];
  }
}

const VALUE_LIKE = /^\s*(?:[-+$€£]?\s*\d[\d.,\s]*%?|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}.*|true|false|yes|no|[^@\s]+@[^@\s]+\.[^@\s]+)\s*$/i;

/** A header row: mostly named cells, none repeated, and none that reads like data (number, date, e-mail, yes/no). */
export function looksLikeHeader(rows: string[][]): boolean {
  const first = rows[0];
  if (!first) return false;
  const named = first.map((c) => c.trim()).filter((c) => c !== "");
  if (named.length === 0 || named.length * 2 < first.length) return false;
  if (new Set(named.map((c) => c.toLowerCase())).size !== named.length) return false;
  return named.every((c) => !VALUE_LIKE.test(c));
}

/** Header cells made unique and non-empty: "Email", "Email (2)", "Column 3". */
export function headerNames(row: string[], width: number): string[] {
  const seen = new Map<string, number>();
  const out: string[] = [];
  for (let i = 0; i < width; i++) {
    let name = (row[i] ?? "").trim().replace(/\s+/g, " ").slice(0, 100) || `Column ${i + 1}`;
    const key = name.toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > 1) name = `${name} (${n})`;
    out.push(name);
  }
  return out;
}
