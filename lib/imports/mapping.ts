import { z } from "zod";
import type { ImportKind, TraitType } from "@/lib/generated/prisma/enums";
import type { FieldErrors } from "@/lib/errors";
import type { TraitDefinitionView } from "@/lib/customers/fields";
import { TRAIT_KEY_PATTERN } from "@/lib/customers/traits";
import { familySchema, traitKeyField, traitLabelField, traitTypeSchema } from "@/lib/validations/customer";
import { normaliseHeader, targetsFor } from "@/lib/imports/targets";
import { parseDate, parseBoolean, parseNumber } from "@/lib/imports/convert";
import { guessTraitFamily } from "@/lib/imports/trait-family";
import { headerUnit } from "@/lib/imports/units";

/**
 * How the columns of an uploaded file are read: the format (encoding, delimiter, header), how
 * ambiguous dates are read, how customers are matched, and where each column goes. Guessed on
 * upload, corrected by the user on the mapping step, validated again when the import starts.
 */
export const ENCODINGS = [
  "utf-8",
  "utf-16le",
  "utf-16be",
  "windows-1252",
  "iso-8859-1",
  "iso-8859-15",
  "iso-8859-2",
  "windows-1250",
  "windows-1251",
  "shift_jis",
  "gb18030",
  "euc-kr",
] as const;
export type Encoding = (typeof ENCODINGS)[number];

export const ENCODING_LABELS: Record<Encoding, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16 (little-endian)",
  "utf-16be": "UTF-16 (big-endian)",
  "windows-1252": "Western (Windows-1252)",
  "iso-8859-1": "Western (ISO-8859-1)",
  "iso-8859-15": "Western with € (ISO-8859-15)",
  "iso-8859-2": "Central European (ISO-8859-2)",
  "windows-1250": "Central European (Windows-1250)",
  "windows-1251": "Cyrillic (Windows-1251)",
  shift_jis: "Japanese (Shift JIS)",
  gb18030: "Chinese (GB18030)",
  "euc-kr": "Korean (EUC-KR)",
};

export const DELIMITERS = [",", ";", "\t", "|"] as const;
export type Delimiter = (typeof DELIMITERS)[number];
export const DELIMITER_LABELS: Record<Delimiter, string> = { ",": "Comma (,)", ";": "Semicolon (;)", "\t": "Tab", "|": "Pipe (|)" };

/** The most columns a file may have (the byte limit is in lib/imports/upload-limit.ts, on the server). */
export const MAX_COLUMNS = 200;

const PROPERTY_KEY = /^[a-z][a-z0-9_]{0,39}$/;

export const columnTargetSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ignore") }),
  z.object({
    type: z.literal("field"),
    key: z.string().min(1).max(40),
    /** Amounts only: multiply every value (a header such as “Income (k$)” is in thousands). */
    scale: z.union([z.literal(1), z.literal(1000), z.literal(1_000_000)]).optional(),
  }),
  z.object({ type: z.literal("trait"), key: z.string().regex(TRAIT_KEY_PATTERN).max(40) }),
  z.object({ type: z.literal("newTrait"), key: traitKeyField, label: traitLabelField, traitType: traitTypeSchema, family: familySchema }),
  z.object({ type: z.literal("property"), key: z.string().regex(PROPERTY_KEY, "Use lowercase letters, digits and underscores.") }),
]);
export type ColumnTarget = z.infer<typeof columnTargetSchema>;

export const importSettingsSchema = z.object({
  encoding: z.enum(ENCODINGS, { error: "Pick an encoding." }),
  delimiter: z.enum(DELIMITERS, { error: "Pick a delimiter." }),
  hasHeader: z.boolean(),
  /** How to read dates like 03/04/2024; null reports them as ambiguous. */
  dateOrder: z.enum(["DMY", "MDY"]).nullable().default(null),
  /** Customers only: update existing customers found by external id or by e-mail. */
  matchBy: z.enum(["externalId", "email"]).default("externalId"),
  columns: z.array(columnTargetSchema).min(1, "The file has no columns.").max(MAX_COLUMNS, `A file may have at most ${MAX_COLUMNS} columns.`),
});
export type ImportSettings = z.infer<typeof importSettingsSchema>;
export type ImportSettingsInput = z.input<typeof importSettingsSchema>;

/** Guesses where each column goes from its header (and, without a header, from its values). */
export function guessColumns(
  kind: ImportKind,
  headers: readonly string[],
  sample: readonly (readonly string[])[],
  traits: readonly TraitDefinitionView[],
  hasHeader: boolean,
): ColumnTarget[] {
  const targets = targetsFor(kind);
  const out: ColumnTarget[] = headers.map(() => ({ type: "ignore" }));
  const used = new Set<string>();
  const norm = headers.map((h) => (hasHeader ? normaliseHeader(h) : ""));
  // “Annual Income (k$)”: the field is named without its unit, and amounts are scaled by it.
  const units = headers.map((h) => (hasHeader ? headerUnit(h) : null));
  const bare = units.map((u, i) => (u ? normaliseHeader(u.header) : norm[i]!));

  // Pass 1: the header names the field (its key or label); pass 2: a known synonym.
  for (const pass of [1, 2] as const) {
    norm.forEach((h, i) => {
      if (!h || out[i]!.type !== "ignore") return;
      const names = [h, bare[i]!];
      const target = targets.find(
        (t) =>
          !used.has(t.key) &&
          names.some((n) => (pass === 1 ? normaliseHeader(t.key) === n || normaliseHeader(t.label) === n : t.synonyms.includes(n))),
      );
      if (target) {
        const unit = units[i];
        out[i] = unit && isAmount(target.kind) ? { type: "field", key: target.key, scale: unit.scale } : { type: "field", key: target.key };
        used.add(target.key);
      }
    });
  }

  norm.forEach((h, i) => {
    if (out[i]!.type !== "ignore") return;
    const values = sample.map((r) => (r[i] ?? "").trim()).filter((v) => v !== "");
    if (kind === "CUSTOMERS") {
      const trait = h ? traits.find((t) => !used.has(`trait:${t.key}`) && (normaliseHeader(t.key) === h || normaliseHeader(t.label) === h)) : undefined;
      if (trait) {
        out[i] = { type: "trait", key: trait.key };
        used.add(`trait:${trait.key}`);
        return;
      }
      if (!hasHeader && !used.has("email") && values.length > 0 && values.every((v) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v))) {
        out[i] = { type: "field", key: "email" };
        used.add("email");
        return;
      }
      if (!hasHeader || values.length === 0) return;
      const key = traitKeyFrom(headers[i]!, (k) => used.has(`trait:${k}`) || traits.some((t) => t.key === k));
      if (!key) return;
      used.add(`trait:${key}`);
      out[i] = { type: "newTrait", key, label: headers[i]!.trim().slice(0, 60), traitType: guessTraitType(values), family: guessTraitFamily(headers[i]!) };
      return;
    }
    if (kind === "EVENTS" && hasHeader && values.length > 0) {
      const key = traitKeyFrom(headers[i]!, (k) => used.has(`prop:${k}`));
      if (!key) return;
      used.add(`prop:${key}`);
      out[i] = { type: "property", key };
    }
  });
  return out;
}

/** Whether a target holds an amount of money (the only values a header's unit scales). */
export const isAmount = (kind: string) => kind === "money" || kind === "positiveMoney";

/** "NPS Score" → "nps_score"; null when nothing usable is left. */
export function traitKeyFrom(header: string, taken: (key: string) => boolean): string | null {
  let base = header
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 36);
  if (!base) return null;
  if (!/^[a-z]/.test(base)) base = `c_${base}`.slice(0, 36);
  let key = base;
  for (let n = 2; taken(key); n++) key = `${base}_${n}`;
  return key;
}

export function guessTraitType(values: readonly string[]): TraitType {
  if (values.length === 0) return "TEXT";
  if (values.every((v) => parseBoolean(v).ok && !/^[01]$/.test(v))) return "BOOLEAN";
  if (values.every((v) => parseNumber(v).ok)) return "NUMBER";
  if (values.every((v) => parseDate(v, "MDY", false).ok)) return "DATE";
  if (values.some((v) => /[;|]/.test(v))) return "TAGS";
  return "TEXT";
}

/**
 * Checks a mapping against the kind of import and the workspace's traits. Messages are keyed by
 * `columns.<index>` (or `form` for the whole mapping) so the mapping step can show them in place.
 */
export function validateSettings(
  kind: ImportKind,
  settings: ImportSettings,
  columnNames: readonly string[],
  traits: readonly TraitDefinitionView[],
): FieldErrors {
  const errors: FieldErrors = {};
  const add = (key: string, message: string) => (errors[key] ??= []).push(message);
  const targets = targetsFor(kind);
  if (settings.columns.length !== columnNames.length) add("form", "The mapping does not match the file's columns. Reload the page and try again.");

  const seen = new Map<string, number>();
  settings.columns.forEach((c, i) => {
    const name = columnNames[i] ?? `Column ${i + 1}`;
    let slot: string | null = null;
    if (c.type === "field") {
      const target = targets.find((t) => t.key === c.key);
      if (!target) add(`columns.${i}`, `“${name}” points at an unknown field.`);
      slot = `field:${c.key}`;
    } else if (c.type === "trait" || c.type === "newTrait") {
      if (kind !== "CUSTOMERS") add(`columns.${i}`, "Only customer imports can fill custom traits.");
      const exists = traits.some((t) => t.key === c.key);
      if (c.type === "trait" && !exists) add(`columns.${i}`, `There is no custom trait “${c.key}” any more. Choose another target.`);
      if (c.type === "newTrait" && exists) add(`columns.${i}`, `A custom trait with the key “${c.key}” already exists. Map the column to it, or pick another key.`);
      slot = `trait:${c.key}`;
    } else if (c.type === "property") {
      if (kind !== "EVENTS") add(`columns.${i}`, "Only event imports have event properties.");
      slot = `property:${c.key}`;
    }
    if (slot) {
      const earlier = seen.get(slot);
      if (earlier !== undefined) add(`columns.${i}`, `“${name}” and “${columnNames[earlier] ?? `Column ${earlier + 1}`}” go to the same place. Map one of them elsewhere or ignore it.`);
      else seen.set(slot, i);
    }
  });

  const required = targets.filter((t) => t.required).map((t) => t.key);
  if (kind === "CUSTOMERS") required.push(settings.matchBy);
  for (const key of required) {
    if (!seen.has(`field:${key}`)) {
      const label = targets.find((t) => t.key === key)?.label ?? key;
      add("form", `Map a column to “${label}”: it is needed to ${key === settings.matchBy && kind === "CUSTOMERS" ? "match customers" : "import this file"}.`);
    }
  }
  if (seen.size === 0) add("form", "Map at least one column, or every row is ignored.");
  return errors;
}
