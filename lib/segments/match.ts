/**
 * In-memory evaluation of a definition against one customer and their orders / events, with an
 * explanation: the definition tree with each node's outcome and the actual values compared. It
 * follows exactly the semantics of the SQL compiler (compile.ts), which the parity tests prove.
 *
 * Missing values: a positive condition on a missing value is false; "not" operators (not equals,
 * not in, has none, is empty, not in segment …) are the exact negation of their positive
 * counterpart, so they match missing values.
 *
 * A static segment's members are the customers added to it by hand: `ctx.staticMember` answers, and
 * the explanation says in words whether the customer was added.
 */
import type { CatalogField } from "@/lib/segments/catalog";
import type {
  Condition,
  DateComparison,
  FieldCondition,
  Group,
  SegmentDefinition,
  SegmentNode,
  Subject,
  Window,
} from "@/lib/segments/definition";
import type { EvaluationContext } from "@/lib/segments/context";
import { SegmentError } from "@/lib/segments/errors";
import { instantBounds, numberHolds, personaGroup, positiveNumber, type PositiveNumberComparison } from "@/lib/segments/semantics";
import { lifecycleCutoffs, lifecycleStage } from "@/lib/analytics/lifecycle";
import { rfmSegment } from "@/lib/analytics/rfm";
import { toCents } from "@/lib/analytics/money";
import { anniversaryMonthDays, inRange, subtractUnitsFromDay, utcDay, windowRange } from "@/lib/segments/time";
import type { CustomerRow, DecimalLike } from "@/lib/customers/record";


/** The customer fields the engine reads (a Prisma `Customer` row fits). */
export type CustomerRecord = Omit<CustomerRow, "updatedAt">;

export type OrderRecord = { orderedAt: Date; amount: DecimalLike; category: string | null; channel: string | null };
export type EventRecord = { name: string; occurredAt: Date; properties: unknown };
export type CustomerHistory = { orders: OrderRecord[]; events: EventRecord[] };

export type ExplanationValue = string | number | boolean | null | string[] | { [key: string]: ExplanationValue };

export type Explanation = {
  path: string;
  kind: SegmentNode["type"];
  matched: boolean;
  /** Group: "and" / "or"; condition: a short description such as `country eq`. */
  summary: string;
  negated?: boolean;
  /** The customer's value the condition compared (null when missing). */
  actual?: ExplanationValue;
  /** The value the condition compared against. */
  expected?: ExplanationValue;
  children?: Explanation[];
  /** A referenced segment / persona already explained above for this customer (not repeated). */
  repeated?: boolean;
  /** The explanation grew past MAX_EXPLANATION_NODES: the outcome holds, the details are left out. */
  omitted?: boolean;
};

export type MatchResult = { matched: boolean; explanation: Explanation };

export function match(
  definition: SegmentDefinition,
  customer: CustomerRecord,
  history: CustomerHistory,
  ctx: EvaluationContext,
): MatchResult {
  const explanation = new Matcher(customer, history, ctx).node(definition.root, "root");
  return { matched: explanation.matched, explanation: capExplanation(explanation) };
}

/**
 * Decides one saved segment: a dynamic one by its rules (`match`), a static one by whether the
 * customer was added to it by hand — explained in those words rather than as a rule.
 */
export function matchSegment(
  segment: { id: string; name: string; kind: "DYNAMIC" | "STATIC"; definition: SegmentDefinition },
  customer: CustomerRecord,
  history: CustomerHistory,
  ctx: EvaluationContext,
): MatchResult {
  if (segment.kind === "DYNAMIC") return match(segment.definition, customer, history, ctx);
  const explanation = new Matcher(customer, history, ctx).staticSegment(segment, "root");
  return { matched: explanation.matched, explanation };
}

/**
 * An explanation keeps at most this many nodes (the tree goes to the browser): the first ones in
 * breadth-first order, so the top of the tree stays; a node whose children were cut is `omitted`.
 */
export const MAX_EXPLANATION_NODES = 400;

export function capExplanation(root: Explanation, max = MAX_EXPLANATION_NODES): Explanation {
  const top = withoutChildren(root);
  let kept = 1;
  const queue: [Explanation, Explanation][] = [[root, top]];
  for (let i = 0; i < queue.length; i++) {
    const [source, target] = queue[i]!;
    const children = source.children ?? [];
    if (children.length === 0) continue;
    if (kept + children.length > max) {
      target.omitted = true;
      continue;
    }
    kept += children.length;
    target.children = children.map((child) => {
      const c = withoutChildren(child);
      queue.push([child, c]);
      return c;
    });
  }
  return top;
}

function withoutChildren(e: Explanation): Explanation {
  const out: Explanation = { ...e };
  delete out.children;
  return out;
}

class Matcher {
  private readonly visiting = new Set<string>();
  /** A referenced segment / persona decided once per customer, however often it is referenced. */
  private readonly decided = new Map<string, boolean>();
  constructor(
    private readonly customer: CustomerRecord,
    private readonly history: CustomerHistory,
    private readonly ctx: EvaluationContext,
  ) {}

  node(node: SegmentNode, path: string): Explanation {
    if (node.type === "group") return this.group(node, path);
    switch (node.type) {
      case "field":
        return this.field(node, path);
      case "behavior":
        return this.behavior(node, path);
      case "value":
        return this.value(node, path);
      case "membership":
        return this.membership(node, path);
    }
  }

  private group(group: Group, path: string): Explanation {
    const children = group.children.map((child, i) => this.node(child, `${path}.children[${i}]`));
    const combined = group.op === "and" ? children.every((c) => c.matched) : children.some((c) => c.matched);
    const negated = group.negate ?? false;
    return { path, kind: "group", summary: group.op, negated, matched: negated ? !combined : combined, children };
  }

  // ---- fields ---------------------------------------------------------------------------------

  private field(cond: FieldCondition, path: string): Explanation {
    const field = this.ctx.catalog.byKey.get(cond.field);
    if (!field) throw new SegmentError("VALIDATION", `Unknown field “${cond.field}”.`, [{ path: `${path}.field`, message: `Unknown field “${cond.field}”.` }]);
    const raw = this.rawValue(field);
    const { actual, matched } = evaluateField(field, cond, raw, this.ctx.now);
    return {
      path,
      kind: "field",
      summary: `${cond.field} ${cond.operator}`,
      matched,
      actual,
      expected: "value" in cond ? (cond.value as ExplanationValue) : null,
    };
  }

  private rawValue(field: CatalogField): unknown {
    if (field.source === "column") return (this.customer as unknown as Record<string, unknown>)[field.column!];
    const traits = this.customer.traits;
    if (!traits || typeof traits !== "object" || Array.isArray(traits)) return undefined;
    return (traits as Record<string, unknown>)[field.traitKey!];
  }

  // ---- behavior -------------------------------------------------------------------------------

  private rows(subject: Subject, window: Window): { at: Date; cents: number }[] {
    const range = windowRange(window, this.ctx.now);
    if (subject.source === "orders") {
      const category = subject.category?.toLowerCase();
      const channel = subject.channel?.toLowerCase();
      return this.history.orders
        .filter(
          (o) =>
            (category === undefined || o.category?.toLowerCase() === category) &&
            (channel === undefined || o.channel?.toLowerCase() === channel) &&
            inRange(o.orderedAt, range),
        )
        .map((o) => ({ at: o.orderedAt, cents: toCents(o.amount) }));
    }
    return this.history.events
      .filter(
        (e) =>
          e.name === subject.name &&
          (subject.property === undefined || jsonPropertyEquals(e.properties, subject.property.key, subject.property.value)) &&
          inRange(e.occurredAt, range),
      )
      .map((e) => ({ at: e.occurredAt, cents: 0 }));
  }

  private behavior(cond: Extract<Condition, { type: "behavior" }>, path: string): Explanation {
    const base = { path, kind: "behavior" as const };
    if (cond.kind === "never") {
      const count = this.rows(cond.subject, cond.window).length;
      return { ...base, summary: `never ${describeSubject(cond.subject)}`, matched: count === 0, actual: count, expected: 0 };
    }
    if (cond.kind === "occurrence") {
      const rows = this.rows(cond.subject, { kind: "ever" });
      const times = rows.map((r) => r.at.getTime());
      const at = times.length ? (cond.which === "first" ? Math.min(...times) : Math.max(...times)) : null;
      const matched = at !== null && instantMatches(new Date(at), cond, this.ctx.now);
      return {
        ...base,
        summary: `${cond.which} ${describeSubject(cond.subject)} ${cond.operator}`,
        matched,
        actual: at === null ? null : new Date(at).toISOString(),
        expected: cond.value as ExplanationValue,
      };
    }
    const rows = this.rows(cond.subject, cond.window);
    const cmp = positiveNumber(cond);
    let value: number | null;
    switch (cond.aggregate) {
      case "count":
        value = rows.length;
        break;
      case "sum":
        value = rows.reduce((s, r) => s + r.cents, 0) / 100;
        break;
      case "avg":
        value = rows.length ? rows.reduce((s, r) => s + r.cents, 0) / rows.length / 100 : null;
        break;
      case "min":
        value = rows.length ? Math.min(...rows.map((r) => r.cents)) / 100 : null;
        break;
      case "max":
        value = rows.length ? Math.max(...rows.map((r) => r.cents)) / 100 : null;
        break;
    }
    const positive = value !== null && numberHolds(value, cmp);
    return {
      ...base,
      summary: `${cond.aggregate} of ${describeSubject(cond.subject)} ${cond.operator}`,
      matched: cond.operator === "neq" ? !positive : positive,
      actual: value,
      expected: cond.value as ExplanationValue,
    };
  }

  // ---- value ----------------------------------------------------------------------------------

  private value(cond: Extract<Condition, { type: "value" }>, path: string): Explanation {
    const base = { path, kind: "value" as const, summary: `${cond.metric} ${cond.operator}`, expected: cond.value as ExplanationValue };
    const orders = this.history.orders;
    if (cond.metric === "lifecycle_stage") {
      const times = orders.map((o) => o.orderedAt.getTime());
      const stage = lifecycleStage(
        {
          firstOrderAt: times.length ? new Date(Math.min(...times)) : null,
          lastOrderAt: times.length ? new Date(Math.max(...times)) : null,
          firstSeenAt: this.customer.firstSeenAt,
          createdAt: this.customer.createdAt,
        },
        lifecycleCutoffs(this.ctx.now, this.ctx.lifecycle),
      );
      const inList = (cond.value as string[]).includes(stage);
      return { ...base, matched: cond.operator === "in" ? inList : !inList, actual: stage };
    }
    if (cond.metric === "clv") {
      const clv = orders.reduce((s, o) => s + toCents(o.amount), 0) / 100;
      const positive = numberHolds(clv, positiveNumber(cond));
      return { ...base, matched: cond.operator === "neq" ? !positive : positive, actual: clv };
    }
    if (!this.ctx.rfm)
      throw new SegmentError("REFERENCE_NOT_LOADED", "RFM scores were not loaded into the evaluation context.");
    const scores = this.ctx.rfm(this.customer.id);
    if (cond.metric === "rfm_segment") {
      const segment = scores ? rfmSegment(scores) : null;
      const inList = segment !== null && (cond.value as string[]).includes(segment);
      return { ...base, matched: cond.operator === "in" ? inList : !inList, actual: segment };
    }
    const score = scores
      ? cond.metric === "rfm_recency"
        ? scores.recency
        : cond.metric === "rfm_frequency"
          ? scores.frequency
          : scores.monetary
      : null;
    const positive = score !== null && numberHolds(score, positiveNumber(cond));
    return { ...base, matched: cond.operator === "neq" ? !positive : positive, actual: score };
  }

  // ---- membership -----------------------------------------------------------------------------

  private membership(cond: Extract<Condition, { type: "membership" }>, path: string): Explanation {
    const key = `${cond.target}:${cond.id}`;
    let name: string;
    let decide: (innerPath: string) => Explanation;
    if (cond.target === "segment") {
      const ref = this.ctx.references.segments.get(cond.id);
      if (!ref) throw new SegmentError("REFERENCE_NOT_LOADED", `The referenced segment (${cond.id}) was not loaded.`);
      name = ref.name;
      decide = (p) => (ref.kind === "STATIC" ? this.staticSegment(ref, p) : this.node(ref.definition.root, p));
    } else {
      const persona = this.ctx.references.personas.get(cond.id);
      if (!persona) throw new SegmentError("REFERENCE_NOT_LOADED", `The referenced persona (${cond.id}) was not loaded.`);
      name = persona.name;
      decide = (p) => this.node(personaGroup(persona), p);
    }
    const negative = cond.operator === "not_in" || cond.operator === "not_matches";
    const known = this.decided.get(key);
    let inner: Explanation | undefined;
    let isIn: boolean;
    if (known !== undefined) {
      // Decided earlier for this customer: not evaluated (nor explained) again.
      isIn = known;
    } else {
      if (this.visiting.has(key)) throw new SegmentError("REFERENCE_CYCLE", "These segment references go round in a circle.");
      this.visiting.add(key);
      try {
        inner = decide(`${path}.${cond.target}`);
      } finally {
        this.visiting.delete(key);
      }
      isIn = inner.matched;
      this.decided.set(key, isIn);
    }
    const explanation: Explanation = {
      path,
      kind: "membership",
      summary: `${cond.operator} ${cond.target} “${name}”`,
      matched: negative ? !isIn : isIn,
      actual: isIn,
      expected: cond.id,
    };
    if (inner) explanation.children = [inner];
    else explanation.repeated = true;
    return explanation;
  }

  /** A static segment: the customer is in it exactly when they were added to it by hand. */
  staticSegment(segment: { id: string; name: string }, path: string): Explanation {
    if (!this.ctx.staticMember)
      throw new SegmentError("REFERENCE_NOT_LOADED", "The members of static segments were not loaded into the evaluation context.");
    const added = this.ctx.staticMember(segment.id, this.customer.id);
    return {
      path,
      kind: "membership",
      summary: `${added ? "added" : "not added"} by hand to the static segment “${segment.name}”`,
      matched: added,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// field semantics

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
      const x = numberValue(field, raw);
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

function instantMatches(at: Date, c: DateComparison, now: Date): boolean {
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

function jsonPropertyEquals(properties: unknown, key: string, value: string | number | boolean): boolean {
  if (!properties || typeof properties !== "object" || Array.isArray(properties)) return false;
  const v = (properties as Record<string, unknown>)[key];
  return typeof v === typeof value && v === value;
}

function describeSubject(s: Subject): string {
  if (s.source === "orders") return ["orders", s.category && `in ${s.category}`, s.channel && `via ${s.channel}`].filter(Boolean).join(" ");
  return `event “${s.name}”${s.property ? ` with ${s.property.key} = ${String(s.property.value)}` : ""}`;
}
