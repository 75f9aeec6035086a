import { type Condition, type FieldCondition, type FieldOperator } from "@/lib/segments/definition";
import { type CatalogEntry, type Ctx, today, daysAgo } from "./context";

/** The condition a new rule starts with, per kind and per field operator. */
export function defaultFieldCondition(catalog: CatalogEntry[]): Condition {
  const field = catalog.find((f) => f.key === "country") ?? catalog[0];
  return field ? fieldConditionFor(field, field.type === "text" ? "eq" : (field.operators[0] ?? "is_set")) : { type: "field", field: "country", operator: "is_set" };
}

export function fieldConditionFor(field: CatalogEntry, operator: FieldOperator): FieldCondition {
  const f = field.key;
  const sample = field.samples[0];
  switch (operator) {
    case "eq":
    case "neq":
      return { type: "field", field: f, operator, value: field.type === "number" ? Number(sample ?? 0) : String(sample ?? "") };
    case "in":
    case "not_in":
    case "has_any":
    case "has_all":
    case "has_none":
      return { type: "field", field: f, operator, value: sample === undefined ? [] : [String(sample)] };
    case "contains":
    case "starts_with":
    case "ends_with":
      return { type: "field", field: f, operator, value: "" };
    case "lt":
    case "lte":
    case "gt":
    case "gte":
      return { type: "field", field: f, operator, value: Number(sample ?? 0) };
    case "between":
      return field.type === "date"
        ? { type: "field", field: f, operator, value: { from: daysAgo(30), to: today() } }
        : { type: "field", field: f, operator, value: { min: 0, max: 100 } };
    case "before":
    case "after":
      return { type: "field", field: f, operator, value: today() };
    case "in_last":
    case "more_than_ago":
      return { type: "field", field: f, operator, value: { amount: 30, unit: "days" } };
    case "anniversary_within":
      return { type: "field", field: f, operator, value: 7 };
    default:
      return { type: "field", field: f, operator };
  }
}

export function defaultCondition(kind: Condition["type"], ctx: Ctx): Condition {
  switch (kind) {
    case "field":
      return defaultFieldCondition(ctx.catalog);
    case "behavior":
      return { type: "behavior", kind: "aggregate", subject: { source: "orders" }, aggregate: "count", window: { kind: "last", amount: 90, unit: "days" }, operator: "gte", value: 1 };
    case "value":
      return { type: "value", metric: "rfm_segment", operator: "in", value: ["champions"] };
    case "membership": {
      const segment = ctx.refs.segments.find((s) => s.id !== ctx.selfId);
      if (segment) return { type: "membership", target: "segment", operator: "in", id: segment.id };
      const persona = ctx.refs.personas[0];
      return persona
        ? { type: "membership", target: "persona", operator: persona.isNegative ? "not_matches" : "matches", id: persona.id }
        : { type: "membership", target: "segment", operator: "in", id: "" };
    }
  }
}
