import type { FieldErrors } from "@/lib/errors";
import type { ImportKind, TraitType } from "@/lib/generated/prisma/enums";
import type { PreviewRow } from "@/lib/imports/preview";
import { guessTraitType, traitKeyFrom, type ColumnTarget, type Delimiter, type Encoding } from "@/lib/imports/mapping";
import { guessTraitFamily } from "@/lib/imports/trait-family";

/**
 * The mapping step's pure model: what a target select's value means, the labels shown for targets,
 * where the server's messages belong, and what a column becomes when someone picks a new target.
 * The React state around it lives in use-mapping.ts.
 */
/** A built-in field the file can fill; `amount` when its values are money (a header unit can scale them). */
export type Target = { key: string; label: string; required: boolean; amount?: boolean };
export type Trait = { key: string; label: string; type: TraitType };
export type Format = { encoding: Encoding; delimiter: Delimiter; hasHeader: boolean };
export type PreviewData = { rows: PreviewRow[]; fieldErrors: FieldErrors };
export type PreviewState = { key: string; rows: PreviewRow[]; errors: FieldErrors };

export const PREVIEW_DELAY_MS = 400;
export const FIELD_GROUP: Record<ImportKind, string> = { CUSTOMERS: "Customer fields", ORDERS: "Order fields", EVENTS: "Event fields" };
export const MATCH_LABELS = { externalId: "External id", email: "E-mail" } as const;

/**
 * Server messages keyed by `columns.<i>` (or `settings.columns.<i>.<part>` from input checks) stay
 * with their column; everything else is about the whole mapping.
 */
export function normaliseErrors(errors: FieldErrors | undefined, fallback: string | null): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, messages] of Object.entries(errors ?? {})) {
    const column = /^(?:settings\.)?columns\.(\d+)(?:\.(\w+))?$/.exec(key);
    const slot = column ? (column[2] && column[2] !== "type" ? `columns.${column[1]}.${column[2]}` : `columns.${column[1]}`) : "form";
    (out[slot] ??= []).push(...messages.filter((m) => !out[slot]?.includes(m)));
  }
  if (fallback && Object.keys(out).length === 0) out.form = [fallback];
  return out;
}

/** How many distinct columns have a message. */
export function countColumnsWithErrors(errors: FieldErrors): number {
  return new Set(
    Object.keys(errors)
      .map((k) => /^columns\.(\d+)/.exec(k)?.[1])
      .filter((v): v is string => v !== undefined),
  ).size;
}

/** The target select's value for a column target. */
export const targetValue = (c: ColumnTarget) =>
  c.type === "field" ? `field:${c.key}` : c.type === "trait" ? `trait:${c.key}` : c.type === "newTrait" ? "new-trait" : c.type === "property" ? "property" : "ignore";

/** Up to three distinct sample values of a column from the preview rows (long ones shortened). */
export function samplesOf(rows: readonly PreviewRow[], index: number): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const value = row.cells[index]?.trim();
    if (value && !out.includes(value)) out.push(value.length > 40 ? `${value.slice(0, 39)}…` : value);
    if (out.length === 3) break;
  }
  return out;
}

export type TargetContext = {
  /** The file's column names. */
  columns: readonly string[];
  /** The targets guessed from the file, to prefill "New custom trait…" and "Event property…". */
  guesses: readonly ColumnTarget[];
  /** The current mapping. */
  mapping: readonly ColumnTarget[];
  traits: readonly Trait[];
  rows: readonly PreviewRow[];
};

/** What a column becomes when its target select changes to `value`. */
export function targetFrom(value: string, index: number, ctx: TargetContext): ColumnTarget {
  const name = ctx.columns[index] ?? `Column ${index + 1}`;
  const guess = ctx.guesses[index];
  if (value.startsWith("field:")) {
    const key = value.slice(6);
    // Back to the guessed field: keep the scale its header's unit suggested.
    return guess?.type === "field" && guess.key === key ? guess : { type: "field", key };
  }
  if (value.startsWith("trait:")) return { type: "trait", key: value.slice(6) };
  if (value === "new-trait") {
    if (guess?.type === "newTrait") return guess;
    const taken = (k: string) =>
      ctx.traits.some((t) => t.key === k) || ctx.mapping.some((c, i) => i !== index && c.type === "newTrait" && c.key === k);
    return {
      type: "newTrait",
      key: traitKeyFrom(name, taken) ?? "custom_trait",
      label: name.trim().slice(0, 60) || `Column ${index + 1}`,
      traitType: guessTraitType(ctx.rows.map((r) => (r.cells[index] ?? "").trim()).filter((v) => v !== "")),
      family: guessTraitFamily(name),
    };
  }
  if (value === "property") {
    if (guess?.type === "property") return guess;
    return { type: "property", key: traitKeyFrom(name, () => false) ?? "property" };
  }
  return { type: "ignore" };
}

/** A field target's option label, saying when it is required. */
export function requiredLabel(t: Target, kind: ImportKind, matchBy: string): string {
  return kind === "CUSTOMERS" && t.key === matchBy ? `${t.label} (required, to match customers)` : t.required ? `${t.label} (required)` : t.label;
}

/** Where a column goes, in words (the preview's header). */
export function targetLabel(c: ColumnTarget, targets: readonly Target[], traits: readonly Trait[]): string {
  if (c.type === "field") return targets.find((t) => t.key === c.key)?.label ?? c.key;
  if (c.type === "trait") return traits.find((t) => t.key === c.key)?.label ?? c.key;
  if (c.type === "newTrait") return `${c.label} (new trait)`;
  if (c.type === "property") return `property ${c.key}`;
  return "ignored";
}

/** Whether the select offers the column's current target (a removed field or trait is no longer offered). */
export function isOffered(c: ColumnTarget, targets: readonly Target[], traits: readonly Trait[]): boolean {
  if (c.type === "field") return targets.some((t) => t.key === c.key);
  if (c.type === "trait") return traits.some((t) => t.key === c.key);
  return true;
}
