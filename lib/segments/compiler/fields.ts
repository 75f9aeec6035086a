/**
 * Field conditions (built-in columns and custom traits) as SQL over `"Customer" c`. "Not"
 * operators are the exact negation of their positive counterpart; a trait is read only when its
 * JSON value has the field's type, anything else is a missing value.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { CatalogField } from "@/lib/segments/catalog";
import type { FieldCondition } from "@/lib/segments/definition";
import type { EvaluationContext } from "@/lib/segments/context";
import { SegmentError } from "@/lib/segments/errors";
import { anniversaryMonthDays, naiveUtc, subtractUnitsFromDay, utcDay } from "@/lib/segments/time";
import { compare, escapeLike, finish, instantComparison, num, unsupported, type Expr, type Sql } from "@/lib/segments/compiler/sql";

const { sql } = Prisma;

/** What a field condition reads from the statement: catalog columns and the traits JSON of `c`. */
export type FieldScope = {
  ctx: EvaluationContext;
  col(name: string): Sql;
  traitJson(field: CatalogField): Sql;
  traitText(field: CatalogField): Sql;
};

export class FieldCompiler {
  constructor(private readonly s: FieldScope) {}

  private fieldInfo(key: string): CatalogField {
    const field = this.s.ctx.catalog.byKey.get(key);
    if (field) return field;
    throw new SegmentError("VALIDATION", `Unknown field “${key}”.`, [{ path: "field", message: `Unknown field “${key}”.` }]);
  }

  field(cond: FieldCondition, negated: boolean): Sql {
    const field = this.fieldInfo(cond.field);
    // "not" operators are the exact negation of their positive counterpart.
    switch (cond.operator) {
      case "neq":
        return this.field({ ...cond, operator: "eq" }, !negated);
      case "not_in":
        return this.field({ ...cond, operator: "in" }, !negated);
      case "has_none":
        return this.field({ ...cond, operator: "has_any" }, !negated);
      case "is_empty":
        return this.field({ type: "field", field: cond.field, operator: "is_set" }, !negated);
      default:
        return finish(this.positiveField(field, cond), negated);
    }
  }

  private positiveField(field: CatalogField, cond: FieldCondition): Expr {
    switch (field.type) {
      case "text":
        return this.textField(field, cond);
      case "number":
        return this.numberField(field, cond);
      case "date":
        return this.dateField(field, cond);
      case "boolean":
        return this.booleanField(field, cond);
      case "tags":
        return this.tagsField(field, cond);
    }
  }

  private textField(field: CatalogField, cond: FieldCondition): Expr {
    const x =
      field.source === "column"
        ? this.s.col(field.column!)
        : sql`(CASE WHEN jsonb_typeof(${this.s.traitJson(field)}) = 'string' THEN ${this.s.traitText(field)} END)`;
    const nullable = field.nullable;
    switch (cond.operator) {
      case "eq":
        return { sql: sql`lower(${x}) = ${String(cond.value).toLowerCase()}::text`, nullable };
      case "in":
        return { sql: sql`lower(${x}) = ANY(${cond.value.map((v) => v.toLowerCase())}::text[])`, nullable };
      case "contains":
        return { sql: sql`lower(${x}) LIKE ${`%${escapeLike(cond.value.toLowerCase())}%`}::text`, nullable };
      case "starts_with":
        return { sql: sql`lower(${x}) LIKE ${`${escapeLike(cond.value.toLowerCase())}%`}::text`, nullable };
      case "ends_with":
        return { sql: sql`lower(${x}) LIKE ${`%${escapeLike(cond.value.toLowerCase())}`}::text`, nullable };
      case "is_set":
        return { sql: sql`${x} <> ''`, nullable };
      default:
        throw unsupported(field, cond.operator);
    }
  }

  private numberField(field: CatalogField, cond: FieldCondition): Expr {
    const x =
      field.source === "derived"
        ? this.derivedNumber(field)
        : field.source === "column"
          ? this.s.col(field.column!)
          : sql`(CASE WHEN jsonb_typeof(${this.s.traitJson(field)}) = 'number' THEN ${this.s.traitText(field)}::numeric END)`;
    const nullable = field.nullable;
    // Whole numbers against an integer column compare as bigint (no per-row numeric conversion).
    const typed = (v: number) => (field.integer && Number.isSafeInteger(v) ? sql`${String(v)}::bigint` : num(v));
    switch (cond.operator) {
      case "is_set":
        return { sql: sql`${x} IS NOT NULL`, nullable: false };
      case "eq":
      case "lt":
      case "lte":
      case "gt":
      case "gte":
        return { sql: compare(x, cond.operator, typed(Number(cond.value))), nullable };
      case "between":
        if (!("min" in cond.value)) throw unsupported(field, cond.operator);
        return { sql: sql`${x} BETWEEN ${typed(cond.value.min)} AND ${typed(cond.value.max)}`, nullable };
      default:
        throw unsupported(field, cond.operator);
    }
  }

  private dateField(field: CatalogField, cond: FieldCondition): Expr {
    const nullable = field.nullable;
    const now = this.s.ctx.now;
    const today = utcDay(now);
    if (cond.operator === "is_set") {
      const x = field.source === "trait" ? this.traitDay(field) : this.s.col(field.column!);
      return { sql: sql`${x} IS NOT NULL`, nullable: false };
    }
    // Day-valued: date columns and date traits.
    if (field.source === "trait" || field.dateStorage === "date") {
      const isTrait = field.source === "trait";
      const x = isTrait ? this.traitDay(field) : this.s.col(field.column!);
      const day = (d: string) => (isTrait ? sql`(${d}::text COLLATE "C")` : sql`${d}::date`);
      const xc = isTrait ? sql`(${x} COLLATE "C")` : x;
      switch (cond.operator) {
        case "before":
          return { sql: sql`${xc} < ${day(cond.value)}`, nullable };
        case "after":
          return { sql: sql`${xc} > ${day(cond.value)}`, nullable };
        case "between":
          if (!("from" in cond.value)) throw unsupported(field, cond.operator);
          return { sql: sql`${xc} BETWEEN ${day(cond.value.from)} AND ${day(cond.value.to)}`, nullable };
        case "in_last": {
          const from = subtractUnitsFromDay(today, cond.value.amount, cond.value.unit);
          return { sql: sql`(${xc} >= ${day(from)} AND ${xc} <= ${day(today)})`, nullable };
        }
        case "more_than_ago":
          return { sql: sql`${xc} < ${day(subtractUnitsFromDay(today, cond.value.amount, cond.value.unit))}`, nullable };
        case "anniversary_within": {
          const md = isTrait ? sql`substr(${x}, 6, 5)` : sql`to_char(${x}, 'MM-DD')`;
          return { sql: sql`${md} = ANY(${anniversaryMonthDays(now, cond.value)}::text[])`, nullable };
        }
        default:
          throw unsupported(field, cond.operator);
      }
    }
    // Instant-valued: timestamptz and timestamp (UTC wall clock) columns.
    const x = this.s.col(field.column!);
    const at = (d: Date) => (field.dateStorage === "timestamp" ? sql`${naiveUtc(d)}::timestamp` : sql`${d.toISOString()}::timestamptz`);
    switch (cond.operator) {
      case "before":
      case "after":
      case "between":
      case "in_last":
      case "more_than_ago":
        return { sql: instantComparison(x, cond, now, at), nullable };
      case "anniversary_within": {
        const md =
          field.dateStorage === "timestamp" ? sql`to_char(${x}, 'MM-DD')` : sql`to_char(${x} AT TIME ZONE 'UTC', 'MM-DD')`;
        return { sql: sql`${md} = ANY(${anniversaryMonthDays(now, cond.value)}::text[])`, nullable };
      }
      default:
        throw unsupported(field, cond.operator);
    }
  }

  /**
   * A derived number field. Age: whole years of `age(today, birthDate)` at the evaluation's UTC
   * day; NULL when the birth date is missing or later than today (matcher/fields.ts `ageOn`).
   */
  private derivedNumber(field: CatalogField): Sql {
    if (field.derived !== "age") throw unsupported(field, "number");
    const birth = this.s.col("birthDate");
    const today = sql`${utcDay(this.s.ctx.now)}::date`;
    return sql`(CASE WHEN ${birth} <= ${today} THEN date_part('year', age(${today}::timestamp, ${birth}::timestamp))::int END)`;
  }

  /** A date trait as its `YYYY-MM-DD` prefix, or NULL when it is not such a string. */
  private traitDay(field: CatalogField): Sql {
    return sql`(CASE WHEN jsonb_typeof(${this.s.traitJson(field)}) = 'string' AND ${this.s.traitText(field)} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' THEN left(${this.s.traitText(field)}, 10) END)`;
  }

  private booleanField(field: CatalogField, cond: FieldCondition): Expr {
    const x =
      field.source === "column"
        ? this.s.col(field.column!)
        : sql`(CASE WHEN jsonb_typeof(${this.s.traitJson(field)}) = 'boolean' THEN ${this.s.traitText(field)}::boolean END)`;
    const nullable = field.nullable;
    switch (cond.operator) {
      case "is_true":
        return { sql: sql`${x} = true`, nullable };
      case "is_false":
        return { sql: sql`${x} = false`, nullable };
      case "is_set":
        return { sql: sql`${x} IS NOT NULL`, nullable: false };
      default:
        throw unsupported(field, cond.operator);
    }
  }

  private tagsField(field: CatalogField, cond: FieldCondition): Expr {
    if (field.source === "column") {
      const x = this.s.col(field.column!);
      // A NULL list (where the column allows it) makes these NULL: negated, they match it.
      const nullable = field.nullable;
      switch (cond.operator) {
        case "has_any":
          return { sql: sql`${x} && ${cond.value}::text[]`, nullable };
        case "has_all":
          return { sql: sql`${x} @> ${cond.value}::text[]`, nullable };
        case "is_set":
          return { sql: sql`cardinality(${x}) > 0`, nullable };
        default:
          throw unsupported(field, cond.operator);
      }
    }
    // A tag trait's tags are the string elements of a JSON array; anything else is not set.
    const j = this.s.traitJson(field);
    const isArray = sql`jsonb_typeof(${j}) = 'array'`;
    switch (cond.operator) {
      case "has_any":
        return { sql: sql`(CASE WHEN ${isArray} THEN jsonb_exists_any(${j}, ${cond.value}::text[]) END)`, nullable: true };
      case "has_all":
        return { sql: sql`(CASE WHEN ${isArray} THEN jsonb_exists_all(${j}, ${cond.value}::text[]) END)`, nullable: true };
      case "is_set":
        return {
          sql: sql`(CASE WHEN ${isArray} THEN jsonb_path_exists(${j}, 'strict $[*] ? (@.type() == "string")') END)`,
          nullable: true,
        };
      default:
        throw unsupported(field, cond.operator);
    }
  }
}
