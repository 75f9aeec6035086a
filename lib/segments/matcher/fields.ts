/**
 * Field conditions in memory, on a customer's raw value (a column value or a trait's JSON value),
 * with the same missing-value semantics as the SQL (compiler/fields.ts): a positive condition on a
 * missing value is false, "not" operators are its exact negation.
 */
import type { CatalogField } from "@/lib/segments/catalog";
import type { DateComparison, FieldCondition } from "@/lib/segments/definition";
import type { ExplanationValue } from "@/lib/segments/explanation";
import { instantBounds, numberHolds, type PositiveNumberComparison } from "@/lib/segments/semantics";
import { anniversaryMonthDays, subtractUnitsFromDay, utcDay } from "@/lib/segments/time";

const DAY_PREFIX = /^[0-9]{4}-[0-9]{2}-[0-9]{2}/;

function textValue(field: CatalogField, raw: unknown): string | null {
  return typeof raw === "string" ? raw : null;
}

function numberValue(field: CatalogField, raw: unknown): number | null {
  if (raw === null || raw === undefined) return null;
  if (field.source === "trait") return typeof raw === "number" && Number.isFinite(raw) ? raw : null;
  if (typeof raw === "number") return raw;
  const n = Number(String(raw));
  return Number.isFinite(n) ? n : null;
}

/**
 * Age in whole years on the UTC day of `now` from a birth date (a `date` column value: midnight
 * UTC); null when it is missing or later than that day. Same as the SQL's
 * `date_part('year', age(today, birthDate))`: a birthday counts from its day, and someone born on
 * 29 February turns a year older on 1 March in other years.
 */
export function ageOn(birth: unknown, now: Date): number | null {
  if (!(birth instanceof Date) || Number.isNaN(birth.getTime())) return null;
  const b = utcDay(birth);
  const t = utcDay(now);
  if (b > t) return null;
  const years = Number(t.slice(0, 4)) - Number(b.slice(0, 4));
  return t.slice(5) < b.slice(5) ? years - 1 : years;
}

function tagValues(field: CatalogField, raw: unknown): string[] | null {
  if (!Array.isArray(raw)) return null;
  return raw.filter((v): v is string => typeof v === "string");
}

/** Evaluates one field condition on a raw value (column value or trait JSON value). */
export function evaluateField(
  field: CatalogField,
  cond: FieldCondition,
  raw: unknown,
  now: Date,
): { matched: boolean; actual: ExplanationValue } {
  switch (cond.operator) {
    case "neq":
      return invert(evaluateField(field, { ...cond, operator: "eq" }, raw, now));
    case "not_in":
      return invert(evaluateField(field, { ...cond, operator: "in" }, raw, now));
    case "has_none":
      return invert(evaluateField(field, { ...cond, operator: "has_any" }, raw, now));
    case "is_empty":
      return invert(evaluateField(field, { type: "field", field: cond.field, operator: "is_set" }, raw, now));
  }
  switch (field.type) {
    case "text": {
      const x = textValue(field, raw);
      const lx = x?.toLowerCase() ?? null;
      let m = false;
      if (lx !== null) {
        if (cond.operator === "eq") m = lx === String(cond.value).toLowerCase();
        else if (cond.operator === "in") m = cond.value.some((v) => v.toLowerCase() === lx);
        else if (cond.operator === "contains") m = lx.includes(cond.value.toLowerCase());
        else if (cond.operator === "starts_with") m = lx.startsWith(cond.value.toLowerCase());
        else if (cond.operator === "ends_with") m = lx.endsWith(cond.value.toLowerCase());
        else if (cond.operator === "is_set") m = x !== "";
      }
      return { matched: m, actual: x };
    }
    case "number": {
      const x = field.derived === "age" ? ageOn(raw, now) : numberValue(field, raw);
      if (cond.operator === "is_set") return { matched: x !== null, actual: x };
      let cmp: PositiveNumberComparison | null = null;
      if (cond.operator === "between" && "min" in cond.value) cmp = { operator: "between", value: cond.value };
      else if (cond.operator === "eq" || cond.operator === "lt" || cond.operator === "lte" || cond.operator === "gt" || cond.operator === "gte")
        cmp = { operator: cond.operator, value: Number(cond.value) };
      return { matched: x !== null && cmp !== null && numberHolds(x, cmp), actual: x };
    }
    case "boolean": {
      const x = typeof raw === "boolean" ? raw : null;
      if (cond.operator === "is_set") return { matched: x !== null, actual: x };
      return { matched: cond.operator === "is_true" ? x === true : cond.operator === "is_false" ? x === false : false, actual: x };
    }
    case "tags": {
      const x = tagValues(field, raw);
      let m = false;
      if (x !== null) {
        if (cond.operator === "has_any") m = cond.value.some((v) => x.includes(v));
        else if (cond.operator === "has_all") m = cond.value.every((v) => x.includes(v));
        else if (cond.operator === "is_set") m = x.length > 0;
      }
      return { matched: m, actual: x };
    }
    case "date":
      return evaluateDate(field, cond, raw, now);
  }
}

function evaluateDate(
  field: CatalogField,
  cond: FieldCondition,
  raw: unknown,
  now: Date,
): { matched: boolean; actual: ExplanationValue } {
  const dayValued = field.source === "trait" || field.dateStorage === "date";
  if (dayValued) {
    let day: string | null = null;
    if (field.source === "trait") day = typeof raw === "string" && DAY_PREFIX.test(raw) ? raw.slice(0, 10) : null;
    else if (raw instanceof Date) day = utcDay(raw);
    if (cond.operator === "is_set") return { matched: day !== null, actual: day };
    if (day === null) return { matched: false, actual: null };
    const today = utcDay(now);
    let m = false;
    switch (cond.operator) {
      case "before":
        m = day < cond.value;
        break;
      case "after":
        m = day > cond.value;
        break;
      case "between":
        m = "from" in cond.value && day >= cond.value.from && day <= cond.value.to;
        break;
      case "in_last":
        m = day >= subtractUnitsFromDay(today, cond.value.amount, cond.value.unit) && day <= today;
        break;
      case "more_than_ago":
        m = day < subtractUnitsFromDay(today, cond.value.amount, cond.value.unit);
        break;
      case "anniversary_within":
        m = anniversaryMonthDays(now, cond.value).includes(day.slice(5, 10));
        break;
    }
    return { matched: m, actual: day };
  }
  const at = raw instanceof Date ? raw : null;
  if (cond.operator === "is_set") return { matched: at !== null, actual: at?.toISOString() ?? null };
  if (at === null) return { matched: false, actual: null };
  let m = false;
  if (cond.operator === "anniversary_within") m = anniversaryMonthDays(now, cond.value).includes(utcDay(at).slice(5));
  else if (
    cond.operator === "before" ||
    cond.operator === "after" ||
    cond.operator === "in_last" ||
    cond.operator === "more_than_ago" ||
    (cond.operator === "between" && "from" in cond.value)
  )
    m = instantMatches(at, cond as DateComparison, now);
  return { matched: m, actual: at.toISOString() };
}

export function instantMatches(at: Date, c: DateComparison, now: Date): boolean {
  const b = instantBounds(c, now);
  const t = at.getTime();
  return (
    (b.from === undefined || t >= b.from.getTime()) &&
    (b.to === undefined || t < b.to.getTime()) &&
    (b.toInclusive === undefined || t <= b.toInclusive.getTime())
  );
}

function invert(r: { matched: boolean; actual: ExplanationValue }) {
  return { matched: !r.matched, actual: r.actual };
}
