import type { TraitType } from "@/lib/generated/prisma/enums";

/**
 * Custom trait values as they are stored in Customer.traits (JSONB), by the definition's type:
 * TEXT → string, NUMBER → finite number, DATE → "YYYY-MM-DD", BOOLEAN → boolean, TAGS → string[].
 * The segment engine reads them with the same rules.
 */
export type TraitValue = string | number | boolean | string[];

export const TRAIT_TEXT_MAX = 500;
export const TAG_MAX = 60;
export const TAGS_MAX = 50;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written as YYYY-MM-DD. */
export function isCalendarDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** "a, b ,, a" → ["a", "b"]: trimmed, empty entries dropped, duplicates removed (first kept). */
export function splitTags(input: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of input.split(",")) {
    const tag = part.trim();
    if (tag && !seen.has(tag)) {
      seen.add(tag);
      out.push(tag);
    }
  }
  return out;
}

export type ParseResult = { ok: true; value: TraitValue | null } | { ok: false; message: string };

/**
 * A value typed into the form for a trait of `type`. Blank means "no value" (null). Booleans come
 * from a select as "true" / "false" / "".
 */
export function parseTraitInput(type: TraitType, input: string | boolean | null | undefined): ParseResult {
  if (input === null || input === undefined) return { ok: true, value: null };
  if (typeof input === "boolean") {
    return type === "BOOLEAN" ? { ok: true, value: input } : { ok: false, message: "Enter a value." };
  }
  const raw = input.trim();
  if (raw === "") return { ok: true, value: null };
  switch (type) {
    case "TEXT":
      return raw.length > TRAIT_TEXT_MAX
        ? { ok: false, message: `Use at most ${TRAIT_TEXT_MAX} characters.` }
        : { ok: true, value: raw };
    case "NUMBER": {
      const n = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isFinite(n)) return { ok: false, message: "Enter a number, like 42 or 3.5." };
      return { ok: true, value: n };
    }
    case "DATE":
      return isCalendarDay(raw) ? { ok: true, value: raw } : { ok: false, message: "Enter a date as YYYY-MM-DD." };
    case "BOOLEAN":
      if (raw === "true") return { ok: true, value: true };
      if (raw === "false") return { ok: true, value: false };
      return { ok: false, message: "Choose yes or no." };
    case "TAGS": {
      const tags = splitTags(raw);
      if (tags.length > TAGS_MAX) return { ok: false, message: `Use at most ${TAGS_MAX} tags.` };
      if (tags.some((t) => t.length > TAG_MAX)) return { ok: false, message: `Keep each tag to ${TAG_MAX} characters or fewer.` };
      return { ok: true, value: tags.length ? tags : null };
    }
  }
}

export type ConvertResult = { ok: true; value: TraitValue } | { ok: false };

const TRUE_WORDS = new Set(["true", "yes", "y", "1"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0"]);

/**
 * Converts a stored value to another trait type, or says it cannot. Used to decide whether a
 * definition's type may change: it may only when every existing value converts.
 *  - to Text: anything (tags are joined with ", ").
 *  - to Number: numbers, and text that is a number.
 *  - to Date: YYYY-MM-DD text (a longer ISO timestamp keeps its day).
 *  - to Yes / no: booleans, 0 / 1, and text such as yes / no / true / false.
 *  - to Tags: tags, and text split on commas; a single number or yes / no becomes one tag.
 */
export function convertTraitValue(value: unknown, to: TraitType): ConvertResult {
  switch (to) {
    case "TEXT": {
      if (typeof value === "string") return { ok: true, value };
      if (typeof value === "number" && Number.isFinite(value)) return { ok: true, value: String(value) };
      if (typeof value === "boolean") return { ok: true, value: value ? "true" : "false" };
      if (isStringArray(value)) return { ok: true, value: value.join(", ") };
      return { ok: false };
    }
    case "NUMBER": {
      if (typeof value === "number" && Number.isFinite(value)) return { ok: true, value };
      if (typeof value === "string") {
        const parsed = parseTraitInput("NUMBER", value);
        if (parsed.ok && typeof parsed.value === "number") return { ok: true, value: parsed.value };
      }
      return { ok: false };
    }
    case "DATE": {
      if (typeof value !== "string") return { ok: false };
      const day = value.trim().slice(0, 10);
      const rest = value.trim().slice(10);
      if (!isCalendarDay(day) || (rest !== "" && !/^T\d{2}:\d{2}/.test(rest))) return { ok: false };
      return { ok: true, value: day };
    }
    case "BOOLEAN": {
      if (typeof value === "boolean") return { ok: true, value };
      if (value === 1 || value === 0) return { ok: true, value: value === 1 };
      if (typeof value === "string") {
        const word = value.trim().toLowerCase();
        if (TRUE_WORDS.has(word)) return { ok: true, value: true };
        if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      }
      return { ok: false };
    }
    case "TAGS": {
      if (isStringArray(value)) return { ok: true, value };
      if (typeof value === "string") return { ok: true, value: splitTags(value) };
      if (typeof value === "number" && Number.isFinite(value)) return { ok: true, value: [String(value)] };
      if (typeof value === "boolean") return { ok: true, value: [value ? "true" : "false"] };
      return { ok: false };
    }
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

/** A stored value as the form shows it (the inverse of parseTraitInput). */
export function traitInputValue(type: TraitType, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (type === "BOOLEAN") return typeof value === "boolean" ? String(value) : "";
  if (Array.isArray(value)) return value.filter((v) => typeof v === "string").join(", ");
  if (typeof value === "string" || typeof value === "number") return String(value);
  return "";
}

/** A stored value as text for reading (profile, export). */
export function formatTraitValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return JSON.stringify(value);
}

/** The traits object of a customer row, or an empty one. */
export function traitsObject(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Keys: lowercase letter first, then lowercase letters, digits and underscores (nps_score). */
export const TRAIT_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** "NPS score (0–10)" → "nps_score_0_10": a suggestion for the key field. */
export function suggestTraitKey(label: string): string {
  const key = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^[^a-z]+/, "")
    .replace(/_+$/g, "")
    .slice(0, 40)
    .replace(/_+$/g, "");
  return key;
}

export type TraitDefinitionLike = { key: string; label: string; type: TraitType };

/**
 * Applies form inputs to a customer's stored traits. Keys without a definition that are already
 * stored are kept as they are; a blank input removes the key; an input for an unknown key is an
 * error. Errors are keyed `traits.<key>` for the form.
 */
export function applyTraitInputs(
  definitions: readonly TraitDefinitionLike[],
  inputs: Record<string, string | boolean | null>,
  existing: Record<string, unknown> = {},
): { traits: Record<string, unknown>; errors: Record<string, string[]> } {
  const traits: Record<string, unknown> = { ...existing };
  const errors: Record<string, string[]> = {};
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  for (const key of Object.keys(inputs)) {
    if (!byKey.has(key)) (errors.traits ??= []).push(`There is no custom trait “${key}” in this workspace.`);
  }
  for (const def of definitions) {
    if (!Object.prototype.hasOwnProperty.call(inputs, def.key)) continue;
    const parsed = parseTraitInput(def.type, inputs[def.key]);
    if (!parsed.ok) errors[`traits.${def.key}`] = [parsed.message];
    else if (parsed.value === null) delete traits[def.key];
    else traits[def.key] = parsed.value;
  }
  return { traits, errors };
}

/**
 * Checks every stored value of a trait against a new type. `blocked` counts customers whose value
 * does not convert; `examples` shows up to three of those values.
 */
export function planTypeChange(values: readonly { id: number; value: unknown }[], to: TraitType) {
  const updates: { id: number; value: TraitValue }[] = [];
  let blocked = 0;
  const examples: string[] = [];
  for (const { id, value } of values) {
    const converted = convertTraitValue(value, to);
    if (!converted.ok) {
      blocked += 1;
      const shown = typeof value === "string" ? value : JSON.stringify(value);
      if (examples.length < 3 && !examples.includes(shown)) examples.push(shown.length > 40 ? `${shown.slice(0, 39)}…` : shown);
    } else if (JSON.stringify(converted.value) !== JSON.stringify(value)) {
      updates.push({ id, value: converted.value });
    }
  }
  return { blocked, examples, updates };
}
