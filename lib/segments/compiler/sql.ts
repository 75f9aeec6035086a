/**
 * Small SQL building blocks shared by the compiler's parts: negation of a possibly-NULL predicate,
 * number and instant comparisons as parameters, catalog columns, and the errors they raise.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { BUILT_IN_FIELDS, type CatalogField } from "@/lib/segments/catalog";
import type { DateComparison, FieldCondition } from "@/lib/segments/definition";
import { SegmentError } from "@/lib/segments/errors";
import { instantBounds, type PositiveNumberComparison } from "@/lib/segments/semantics";

const { sql, join, raw } = Prisma;
export type Sql = Prisma.Sql;

/** A predicate and whether it may be NULL (a missing value), which decides how it is negated. */
export type Expr = { sql: Sql; nullable: boolean };

export const TRUE = sql`true`;
export const FALSE = sql`false`;

const BUILT_IN_COLUMNS = new Set(BUILT_IN_FIELDS.map((f) => f.column));

/** `c."<name>"` for a column of the field catalog (or the id, traits and workspace columns). */
export function column(name: string): Sql {
  if (!BUILT_IN_COLUMNS.has(name as never) && name !== "id" && name !== "traits" && name !== "workspaceId")
    throw new Error(`not a catalog column: ${name}`);
  return raw(`c."${name}"`);
}

export function finish(expr: Expr, negated: boolean): Sql {
  if (!negated) return expr.sql;
  return expr.nullable ? sql`(${expr.sql}) IS NOT TRUE` : sql`NOT (${expr.sql})`;
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

export function num(value: number): Sql {
  return sql`${String(value)}::numeric`;
}

export function compare(x: Sql, op: "eq" | "lt" | "lte" | "gt" | "gte", v: Sql): Sql {
  switch (op) {
    case "eq":
      return sql`${x} = ${v}`;
    case "lt":
      return sql`${x} < ${v}`;
    case "lte":
      return sql`${x} <= ${v}`;
    case "gt":
      return sql`${x} > ${v}`;
    case "gte":
      return sql`${x} >= ${v}`;
  }
}

/** `integer`: x is an integer expression (a count, a score), compared with whole numbers as bigint. */
export function numberSql(x: Sql, c: PositiveNumberComparison, integer = false): Sql {
  const v = (n: number) => (integer && Number.isSafeInteger(n) ? sql`${String(n)}::bigint` : num(n));
  if (c.operator === "between") return sql`${x} BETWEEN ${v(c.value.min)} AND ${v(c.value.max)}`;
  return compare(x, c.operator, v(c.value));
}

export function instantComparison(x: Sql, c: FieldCondition | DateComparison, now: Date, at: (d: Date) => Sql): Sql {
  const b = instantBounds(c as DateComparison, now);
  const parts: Sql[] = [];
  if (b.from) parts.push(sql`${x} >= ${at(b.from)}`);
  if (b.to) parts.push(sql`${x} < ${at(b.to)}`);
  if (b.toInclusive) parts.push(sql`${x} <= ${at(b.toInclusive)}`);
  return parts.length === 1 ? parts[0]! : sql`(${join(parts, " AND ")})`;
}

export function unsupported(field: CatalogField, operator: string): SegmentError {
  return new SegmentError("VALIDATION", `“${operator}” does not apply to ${field.label}.`);
}

export function notLoaded(kind: "segment" | "persona", id: string): SegmentError {
  return new SegmentError("REFERENCE_NOT_LOADED", `The referenced ${kind} (${id}) was not loaded into the evaluation context.`);
}

// ---------------------------------------------------------------------------------------------
