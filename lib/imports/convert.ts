import { z } from "zod";
import { COUNTRY_CODES, isCountryCode } from "@/lib/customers/countries";
import { TAG_MAX, TAGS_MAX, TRAIT_TEXT_MAX, type TraitValue } from "@/lib/customers/traits";
import type { TraitType } from "@/lib/generated/prisma/enums";
import type { ValueKind } from "@/lib/imports/targets";

/**
 * Cell converters for imports. They accept what spreadsheets write (thousands separators, currency
 * signs, yes/no, dates in the common orders) and return the stored value, or a message saying what
 * is wrong with the cell. Blank cells are `null`. They run once per cell of files with millions of
 * rows, so they are plain functions over regular expressions.
 */
export type Converted<T> = { ok: true; value: T | null } | { ok: false; message: string };

const ok = <T>(value: T | null): Converted<T> => ({ ok: true, value });
const bad = (message: string): Converted<never> => ({ ok: false, message });

export type DateOrder = "DMY" | "MDY" | null;

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const NUMERIC = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2,4})(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const DAY_MONTH_NAME = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?[\s,-]+(\d{4})$/i;
const MONTH_NAME_DAY = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;

export type ParsedDate = { day: string; instant: Date };

function makeDate(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0, zone?: string): ParsedDate | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  const instant = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMinutes * 60_000);
  const day = `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return { day, instant };
}

const DATE_HELP = "Write dates as YYYY-MM-DD (other common forms such as 31/12/2024 or Dec 31, 2024 work too).";

/**
 * A date (and optional time, read as UTC when it names no zone). Day-first and month-first dates are
 * told apart when one part is above 12; otherwise `order` decides, and without it the cell is
 * reported as ambiguous.
 */
export function parseDate(raw: string, order: DateOrder, withTime: boolean): Converted<ParsedDate> {
  const v = raw.trim();
  if (v === "") return ok(null);
  let m = ISO.exec(v);
  if (m) {
    if (!withTime && m[4] !== undefined) return bad(`Expected a date without a time. ${DATE_HELP}`);
    const ms = m[7] ? Number(m[7].padEnd(3, "0").slice(0, 3)) : 0;
    const d = makeDate(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms, m[8]);
    return d ? ok(d) : bad(`“${v}” is not a real date or time.`);
  }
  m = NUMERIC.exec(v);
  if (m) {
    if (!withTime && m[4] !== undefined) return bad(`Expected a date without a time. ${DATE_HELP}`);
    if (m[3]!.length !== 4) return bad(`Write the year of “${v}” with four digits.`);
    const a = Number(m[1]);
    const b = Number(m[2]);
    let dayFirst: boolean;
    if (a > 12 && b <= 12) dayFirst = true;
    else if (b > 12 && a <= 12) dayFirst = false;
    else if (a === b) dayFirst = true;
    else if (order) dayFirst = order === "DMY";
    else return bad(`“${v}” is ambiguous: it could be day/month or month/day. Choose the date order on the mapping step.`);
    let hour = Number(m[4] ?? 0);
    const meridiem = m[7]?.toLowerCase();
    if (meridiem) {
      if (hour < 1 || hour > 12) return bad(`“${v}” is not a real time.`);
      hour = (hour % 12) + (meridiem === "pm" ? 12 : 0);
    }
    const d = makeDate(Number(m[3]), dayFirst ? b : a, dayFirst ? a : b, hour, Number(m[5] ?? 0), Number(m[6] ?? 0), 0, m[8]);
    return d ? ok(d) : bad(`“${v}” is not a real date.`);
  }
  m = DAY_MONTH_NAME.exec(v);
  const n = m ? null : MONTH_NAME_DAY.exec(v);
  if (m || n) {
    const month = MONTHS[(m ? m[2]! : n![1]!).toLowerCase()];
    const d = month ? makeDate(Number(m ? m[3] : n![3]), month, Number(m ? m[1] : n![2])) : null;
    return d ? ok(d) : bad(`“${v}” is not a real date.`);
  }
  return bad(`“${v}” is not a date. ${DATE_HELP}`);
}

const NUMBER_CHARS = /^[-+]?[$€£¥]?\s*[-+]?[\d\s.,'_]*\d[\d\s.,'_]*\s*(?:[$€£¥]|[A-Z]{3})?$/;

/**
 * "1,234.50", "1.234,50", "$ 1 234", "-12.5" → a plain decimal string. When both separators appear
 * the last one is the decimal point; a lone comma followed by one or two digits is a decimal comma.
 */
export function parseNumber(raw: string): Converted<string> {
  const v = raw.trim();
  if (v === "") return ok(null);
  if (/^[-+]?\d+(\.\d+)?$/.test(v)) return ok(normaliseDecimal(v));
  if (!NUMBER_CHARS.test(v)) return bad(`“${clip(v)}” is not a number.`);
  const negative = /^-|^[$€£¥]\s*-|^\+?-/.test(v);
  let body = v.replace(/[-+$€£¥\s'_]|[A-Z]{3}$/g, "");
  const lastDot = body.lastIndexOf(".");
  const lastComma = body.lastIndexOf(",");
  if (lastDot !== -1 && lastComma !== -1) {
    const decimal = lastDot > lastComma ? "." : ",";
    const thousands = decimal === "." ? "," : ".";
    body = body.split(thousands).join("");
    if (decimal === ",") body = body.replace(",", ".");
  } else if (lastComma !== -1) {
    const parts = body.split(",");
    body = parts.length === 2 && parts[1]!.length <= 2 ? `${parts[0]}.${parts[1]}` : parts.join("");
  } else if (lastDot !== -1 && body.split(".").length > 2) {
    body = body.split(".").join("");
  }
  if (!/^\d+(\.\d+)?$/.test(body)) return bad(`“${clip(v)}” is not a number.`);
  return ok(normaliseDecimal(negative ? `-${body}` : body));
}

function normaliseDecimal(v: string): string {
  const negative = v.startsWith("-");
  const body = v.replace(/^[-+]/, "");
  const [int = "0", frac] = body.split(".");
  const cleanInt = int.replace(/^0+(?=\d)/, "");
  return `${negative && /[1-9]/.test(body) ? "-" : ""}${cleanInt}${frac ? `.${frac}` : ""}`;
}

/** A decimal string times 10^zeros, exactly ("15.5", 3 → "15500"). */
export function shiftDecimal(value: string, zeros: number): string {
  if (zeros === 0) return value;
  const negative = value.startsWith("-");
  const [int = "0", frac = ""] = value.replace(/^[-+]/, "").split(".");
  const digits = frac.padEnd(zeros, "0");
  const whole = `${int}${digits.slice(0, zeros)}`;
  const rest = digits.slice(zeros);
  return normaliseDecimal(`${negative ? "-" : ""}${whole}${rest ? `.${rest}` : ""}`);
}

/** Decimal(14,2); `scale` multiplies the value (a header in thousands, say) before the checks. */
function parseMoney(raw: string, allowNegative: boolean, scale: 1 | 1000 | 1_000_000 = 1): Converted<string> {
  const parsed = parseNumber(raw);
  if (!parsed.ok || parsed.value === null) return parsed.ok ? parsed : bad(parsed.message.replace("a number", "an amount"));
  const n = { value: shiftDecimal(parsed.value, Math.round(Math.log10(scale))) };
  if (!allowNegative && n.value.startsWith("-")) return bad("The amount cannot be negative.");
  const [int, frac = ""] = n.value.replace("-", "").split(".");
  if (frac.length > 2 && /[1-9]/.test(frac.slice(2))) return bad(`“${clip(raw.trim())}” has more than two decimal places.`);
  if (int!.length > 12) return bad("The amount is too large.");
  return ok(frac.length > 2 ? n.value.slice(0, n.value.indexOf(".") + 3) : n.value);
}

function parseInteger(raw: string, min: number): Converted<number> {
  const n = parseNumber(raw);
  if (!n.ok || n.value === null) return n.ok ? ok(null) : bad(n.message.replace("a number", "a whole number"));
  if (!/^-?\d+$/.test(n.value)) return bad(`“${clip(raw.trim())}” is not a whole number.`);
  const value = Number(n.value);
  if (value < min) return bad(`The number must be at least ${min}.`);
  if (value > 2_147_483_647) return bad("The number is too large.");
  return ok(value);
}

const TRUE_WORDS = new Set(["true", "yes", "y", "1", "t", "on", "x", "✓", "subscribed", "opted in", "opt-in"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0", "f", "off", "unsubscribed", "opted out", "opt-out"]);

export function parseBoolean(raw: string): Converted<boolean> {
  const v = raw.trim().toLowerCase();
  if (v === "") return ok(null);
  if (TRUE_WORDS.has(v)) return ok(true);
  if (FALSE_WORDS.has(v)) return ok(false);
  return bad(`“${clip(raw.trim())}” is not yes or no.`);
}

const emailSchema = z.email();

function parseEmail(raw: string): Converted<string> {
  const v = raw.trim().toLowerCase();
  if (v === "") return ok(null);
  if (v.length > 254) return bad("The e-mail address is longer than 254 characters.");
  return emailSchema.safeParse(v).success ? ok(v) : bad(`“${clip(raw.trim())}” is not a valid e-mail address.`);
}

let countryNames: Map<string, string> | undefined;
const COUNTRY_ALIASES: Record<string, string> = { usa: "US", "u.s.": "US", "u.s.a.": "US", america: "US", uk: "GB", "u.k.": "GB", england: "GB", scotland: "GB", wales: "GB", "great britain": "GB", holland: "NL", "south korea": "KR", "north korea": "KP", russia: "RU", "czech republic": "CZ" };

function parseCountry(raw: string): Converted<string> {
  const v = raw.trim();
  if (v === "") return ok(null);
  const upper = v.toUpperCase();
  if (upper.length === 2 && isCountryCode(upper)) return ok(upper);
  if (!countryNames) {
    countryNames = new Map();
    const names = new Intl.DisplayNames(["en"], { type: "region" });
    for (const code of COUNTRY_CODES) {
      const name = names.of(code);
      if (name) countryNames.set(name.toLowerCase(), code);
    }
    for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) countryNames.set(alias, code);
  }
  const byName = countryNames.get(v.toLowerCase());
  return byName ? ok(byName) : bad(`“${clip(v)}” is not a country. Use a two-letter code like US or DE, or the English name.`);
}

/** Tags in one cell, separated by semicolons, commas or pipes. */
export function parseTags(raw: string): Converted<string[]> {
  const v = raw.trim();
  if (v === "") return ok(null);
  const seen = new Set<string>();
  for (const part of v.split(/[;,|]/)) {
    const tag = part.trim();
    if (tag) seen.add(tag);
  }
  const tags = [...seen];
  if (tags.length > TAGS_MAX) return bad(`Use at most ${TAGS_MAX} tags in one cell.`);
  if (tags.some((t) => t.length > TAG_MAX)) return bad(`Keep each tag to ${TAG_MAX} characters or fewer.`);
  return ok(tags.length ? tags : null);
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function parseText(raw: string, max: number, singleLine: boolean): Converted<string> {
  const v = raw.trim();
  if (v === "") return ok(null);
  if (v.length > max) return bad(`The value is ${v.length} characters long; at most ${max} fit.`);
  if (CONTROL.test(v) || (singleLine && /[\r\n]/.test(v))) return bad("Remove the control characters (or line breaks) from this value.");
  return ok(v);
}

export type CellValue = string | number | boolean | string[];

/** The converter for one kind of built-in field. Dates come back as "YYYY-MM-DD", times as ISO strings. */
export function converterFor(
  kind: ValueKind,
  options: { max?: number; order: DateOrder; scale?: 1 | 1000 | 1_000_000 },
): (raw: string) => Converted<CellValue> {
  switch (kind) {
    case "text":
      return (raw) => parseText(raw, options.max ?? 200, true);
    case "email":
      return parseEmail;
    case "country":
      return parseCountry;
    case "money":
      return (raw) => parseMoney(raw, true, options.scale);
    case "positiveMoney":
      return (raw) => parseMoney(raw, false, options.scale);
    case "integer":
    case "number":
      return (raw) => parseInteger(raw, 0);
    case "boolean":
      return parseBoolean;
    case "tags":
      // A built-in tag list is never NULL: a blank cell is the empty list.
      return (raw) => {
        const tags = parseTags(raw);
        return tags.ok && tags.value === null ? ok([]) : tags;
      };
    case "date":
      return (raw) => {
        const d = parseDate(raw, options.order, false);
        return d.ok ? ok(d.value ? d.value.day : null) : d;
      };
    case "datetime":
      return (raw) => {
        const d = parseDate(raw, options.order, true);
        if (!d.ok) return d;
        if (d.value && (d.value.instant.getUTCFullYear() < 1900 || d.value.instant.getUTCFullYear() > 2200)) return bad("The date is out of range.");
        return ok(d.value ? d.value.instant.toISOString() : null);
      };
  }
}

/** A custom trait's cell, stored as Customer.traits stores that type (lib/customers/traits.ts). */
export function traitConverter(type: TraitType, order: DateOrder): (raw: string) => Converted<TraitValue> {
  switch (type) {
    case "TEXT":
      return (raw) => parseText(raw, TRAIT_TEXT_MAX, false);
    case "NUMBER":
      return (raw) => {
        const n = parseNumber(raw);
        if (!n.ok || n.value === null) return n.ok ? ok(null) : n;
        const value = Number(n.value);
        return Number.isFinite(value) ? ok(value) : bad("The number is too large.");
      };
    case "DATE":
      return (raw) => {
        const d = parseDate(raw, order, false);
        return d.ok ? ok(d.value ? d.value.day : null) : d;
      };
    case "BOOLEAN":
      return parseBoolean;
    case "TAGS":
      return parseTags;
  }
}

export function clip(v: string, max = 60): string {
  return v.length > max ? `${v.slice(0, max - 1)}…` : v;
}
