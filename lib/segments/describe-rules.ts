/**
 * A segment definition in words, with the builder's field labels and operator words:
 * “Customers in RFM segment Champions or Loyal and whose country is United States”.
 *
 * Short definitions read as one sentence; longer ones (more than three conditions, or any nested
 * group) as an indented list: “Customers matching all of: • … • any of: ◦ …”. The result is data,
 * not markup: parts of text and references to segments / personas, which pages render as text and
 * links (values are never interpreted as HTML). `describeCondition` is also the wording of the
 * customer profile's “Why?” explanation (matcher/).
 */
import {
  OPERATOR_LABELS,
  type BehaviorCondition,
  type Condition,
  type FieldCondition,
  type Group,
  type MembershipCondition,
  type SegmentDefinition,
  type SegmentNode,
  type Subject,
  type TimeUnit,
  type ValueCondition,
  type Window,
} from "@/lib/segments/definition";
import { LIFECYCLE_LABELS, METRIC_LABELS, RFM_SEGMENT_LABELS } from "@/lib/segments/rule-labels";
import { fieldDeclaration } from "@/lib/customers/field-registry";
import { countryName, isCountryCode } from "@/lib/customers/countries";

/** A piece of a description: text, or a segment / persona (a link where the page has one). */
export type RulePart = { text: string } | { ref: "segment" | "persona"; id: string; name: string | null };

/** One line: its words, and for a group the lines under it. */
export type RuleLine = { parts: RulePart[]; items?: RuleLine[] };

export type RulesDescription = { form: "sentence" | "list"; root: RuleLine };

/** What the words need besides the definition: field labels and referenced names. */
export type RuleLabels = {
  fields: ReadonlyMap<string, { label: string; type?: string }>;
  segments: ReadonlyMap<string, string>;
  personas: ReadonlyMap<string, string>;
};

export function ruleLabels(
  catalog: readonly { key: string; label: string; type?: string }[],
  refs: { segments?: readonly { id: string; name: string }[]; personas?: readonly { id: string; name: string }[] } = {},
): RuleLabels {
  return {
    fields: new Map(catalog.map((f) => [f.key, { label: f.label, type: f.type }])),
    segments: new Map((refs.segments ?? []).map((s) => [s.id, s.name])),
    personas: new Map((refs.personas ?? []).map((p) => [p.id, p.name])),
  };
}

/** Above this many conditions (or with any nested group) the rules read as a list. */
export const SENTENCE_MAX_CONDITIONS = 3;

// ---- values -------------------------------------------------------------------------------------

const wholeMoney = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const centsMoney = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });
const dayFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** $500, $10.50 (cents only when there are some). */
const money = (n: number) => (Number.isInteger(n) ? wholeMoney : centsMoney).format(n);
const number = (n: number) => numberFormat.format(n);

/** `2024-03-01` → “Mar 1, 2024” (a value that is not a date stays as written). */
export function readableDay(day: string): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  return Number.isNaN(d.getTime()) ? day : dayFormat.format(d);
}

const quote = (s: string) => `“${s}”`;

function list(values: readonly string[], last: "or" | "and"): string {
  if (values.length <= 1) return values.join("");
  return `${values.slice(0, -1).join(", ")} ${last} ${values[values.length - 1]}`;
}

function amount(n: number, unit: TimeUnit): string {
  return `${number(n)} ${n === 1 ? unit.slice(0, -1) : unit}`;
}

function windowText(w: Window): string {
  if (w.kind === "ever") return "ever";
  if (w.kind === "last") return `in the last ${amount(w.amount, w.unit)}`;
  return `between ${readableDay(w.from)} and ${readableDay(w.to)}`;
}

/** “orders in category “Shoes” through channel “web””, ““signup” events with plan = “pro””. */
function subjectText(s: Subject): string {
  if (s.source === "orders") {
    const parts = ["orders"];
    if (s.category !== undefined) parts.push(`in category ${quote(s.category)}`);
    if (s.channel !== undefined) parts.push(`through channel ${quote(s.channel)}`);
    return parts.join(" ");
  }
  const base = `${quote(s.name)} events`;
  if (!s.property) return base;
  const v = s.property.value;
  return `${base} with ${quote(s.property.key)} = ${typeof v === "string" ? quote(v) : String(v)}`;
}

const singular = (s: Subject) => (s.source === "orders" ? subjectText(s).replace(/^orders/, "order") : subjectText(s).replace(/ events/, " event"));

type NumberCmp = { operator: "eq" | "neq" | "lt" | "lte" | "gt" | "gte"; value: number } | { operator: "between"; value: { min: number; max: number } };

function comparison(c: NumberCmp, show: (n: number) => string): string {
  if (c.operator === "between") return `${OPERATOR_LABELS.between} ${show(c.value.min)} and ${show(c.value.max)}`;
  return `${OPERATOR_LABELS[c.operator]} ${show(c.value)}`;
}

// ---- conditions ---------------------------------------------------------------------------------

/**
 * A condition as it follows “Customers”: `lead` starts it in a sentence (“whose”, “who have never
 * had”, “in segment”), `alone` replaces the lead when the condition stands on its own (“Has never
 * had …”, “Country is …”).
 */
type Clause = { lead: string; alone: string; body: RulePart[] };

const t = (text: string): RulePart => ({ text });

/** A field label inside a sentence: “Country” → “country”, “RFM segment” and “NPS” stay. */
function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) && !/^[A-Z][a-z]*[A-Z]/.test(label.split(/\s/)[0] ?? "") ? label[0]!.toLowerCase() + label.slice(1) : label;
}

function fieldClause(c: FieldCondition, labels: RuleLabels): Clause {
  const entry = labels.fields.get(c.field);
  const label = entry?.label ?? c.field;
  const kind = fieldDeclaration(c.field)?.kind;
  const text = (v: string) => {
    if (kind === "country" && isCountryCode(v.toUpperCase())) return countryName(v.toUpperCase());
    return quote(v);
  };
  const num = (n: number) => (kind === "money" ? money(n) : number(n));
  const op = OPERATOR_LABELS[c.operator];
  let rest: string;
  switch (c.operator) {
    case "eq":
    case "neq":
      rest = `${op} ${typeof c.value === "number" ? num(c.value) : text(c.value)}`;
      break;
    case "in":
    case "not_in":
    case "has_any":
    case "has_none":
      rest = `${op} ${list(c.value.map(text), "or")}`;
      break;
    case "has_all":
      rest = `${op} ${list(c.value.map(text), "and")}`;
      break;
    case "contains":
    case "starts_with":
    case "ends_with":
      rest = `${op} ${quote(c.value)}`;
      break;
    case "lt":
    case "lte":
    case "gt":
    case "gte":
      rest = `${op} ${num(c.value)}`;
      break;
    case "between":
      rest =
        "min" in c.value
          ? `${op} ${num(c.value.min)} and ${num(c.value.max)}`
          : `${op} ${readableDay(c.value.from)} and ${readableDay(c.value.to)}`;
      break;
    case "before":
    case "after":
      rest = `${op} ${readableDay(c.value)}`;
      break;
    case "in_last":
      rest = `${op} ${amount(c.value.amount, c.value.unit)}`;
      break;
    case "more_than_ago":
      rest = `is more than ${amount(c.value.amount, c.value.unit)} ago`;
      break;
    case "anniversary_within":
      rest = `${op} ${amount(c.value, "days")}`;
      break;
    default:
      rest = op;
  }
  if (c.field === "age" && ["eq", "neq", "lt", "lte", "gt", "gte", "between"].includes(c.operator)) rest += " years";
  return { lead: "whose", alone: "", body: [t(`${inSentence(label)} ${rest}`)] };
}

const AGGREGATE_WORDS = { count: "number of", sum: "total amount of", avg: "average amount of", min: "smallest amount of", max: "largest amount of" } as const;

function behaviorClause(c: BehaviorCondition): Clause {
  if (c.kind === "never") {
    const w = c.window.kind === "ever" ? "" : ` ${windowText(c.window)}`;
    return { lead: "who have never had", alone: "Has never had", body: [t(`${subjectText(c.subject)}${w}`)] };
  }
  if (c.kind === "occurrence") {
    let when: string;
    switch (c.operator) {
      case "before":
      case "after":
        when = `was ${c.operator} ${readableDay(c.value)}`;
        break;
      case "between":
        when = `was between ${readableDay(c.value.from)} and ${readableDay(c.value.to)}`;
        break;
      case "in_last":
        when = `was in the last ${amount(c.value.amount, c.value.unit)}`;
        break;
      case "more_than_ago":
        when = `was more than ${amount(c.value.amount, c.value.unit)} ago`;
        break;
    }
    return { lead: "whose", alone: "", body: [t(`${c.which} ${singular(c.subject)} ${when}`)] };
  }
  const show = c.aggregate === "count" ? number : money;
  return {
    lead: "whose",
    alone: "",
    body: [t(`${AGGREGATE_WORDS[c.aggregate]} ${subjectText(c.subject)} ${windowText(c.window)} ${comparison(c, show)}`)],
  };
}

function valueClause(c: ValueCondition): Clause {
  if (c.metric === "rfm_segment") {
    const names = list(c.value.map((v) => RFM_SEGMENT_LABELS[v] ?? v), "or");
    return c.operator === "in"
      ? { lead: "in", alone: "In", body: [t(`RFM segment ${names}`)] }
      : { lead: "not in", alone: "Not in", body: [t(`RFM segment ${names}`)] };
  }
  if (c.metric === "lifecycle_stage") {
    const names = list(c.value.map((v) => LIFECYCLE_LABELS[v] ?? v), "or");
    return { lead: "whose", alone: "", body: [t(`lifecycle stage ${c.operator === "in" ? "is" : "is not"} ${names}`)] };
  }
  if (c.metric === "predicted_clv") return { lead: "whose", alone: "", body: [t(`predicted value over the next 12 months ${comparison(c, money)}`)] };
  if (c.metric === "p_alive") return { lead: "whose", alone: "", body: [t(`probability of still being active ${comparison(c, number)}`)] };
  const label = inSentence(METRIC_LABELS[c.metric]).replace(/ \(1–5\)$/, "");
  return { lead: "whose", alone: "", body: [t(`${label} ${comparison(c, c.metric === "clv" ? money : number)}`)] };
}

function membershipClause(c: MembershipCondition, labels: RuleLabels): Clause {
  const name = (c.target === "segment" ? labels.segments : labels.personas).get(c.id) ?? null;
  const ref: RulePart = { ref: c.target, id: c.id, name };
  switch (c.operator) {
    case "in":
      return { lead: "in segment", alone: "In segment", body: [ref] };
    case "not_in":
      return { lead: "not in segment", alone: "Not in segment", body: [ref] };
    case "matches":
      return { lead: "matching persona", alone: "Matches persona", body: [ref] };
    case "not_matches":
      return { lead: "not matching persona", alone: "Does not match persona", body: [ref] };
  }
}

function clause(c: Condition, labels: RuleLabels): Clause {
  switch (c.type) {
    case "field":
      return fieldClause(c, labels);
    case "behavior":
      return behaviorClause(c);
    case "value":
      return valueClause(c);
    case "membership":
      return membershipClause(c, labels);
  }
}

function withLead(c: Clause): RulePart[] {
  return [t(`${c.lead} `), ...c.body];
}

/** One condition on its own, capitalised: “Country is United States”, “In segment “VIPs””. */
export function describeCondition(c: Condition, labels: RuleLabels): string {
  const cl = clause(c, labels);
  const text = `${cl.alone ? `${cl.alone} ` : ""}${partsToText(cl.body)}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---- groups ---------------------------------------------------------------------------------------

function groupWords(g: Group): string {
  if (g.negate) return g.op === "and" ? "not all of" : "none of";
  return g.op === "and" ? "all of" : "any of";
}

function line(node: SegmentNode, labels: RuleLabels): RuleLine {
  if (node.type !== "group") return { parts: withLead(clause(node, labels)) };
  if (node.children.length === 0) {
    const everyone = (node.op === "and") !== !!node.negate;
    return { parts: [t(`${groupWords(node)}: no rules (${everyone ? "everyone" : "no one"})`)] };
  }
  return { parts: [t(`${groupWords(node)}:`)], items: node.children.map((c) => line(c, labels)) };
}

/** The definition as a sentence, or as a list when a sentence would be hard to read. */
export function describeRules(definition: SegmentDefinition, labels: RuleLabels): RulesDescription {
  const root = definition.root;
  if (root.children.length === 0) {
    const everyone = (root.op === "and") !== !!root.negate;
    return { form: "sentence", root: { parts: [t(everyone ? "All customers (there are no rules)." : "No customers (an empty “any of” group).")] } };
  }
  const simple = root.children.every((c) => c.type !== "group") && root.children.length <= SENTENCE_MAX_CONDITIONS;
  if (simple) {
    const clauses = (root.children as Condition[]).map((c) => withLead(clause(c, labels)));
    const joiner = root.op === "and" ? "and" : "or";
    const parts: RulePart[] = [t(root.negate ? "Customers except those " : "Customers ")];
    clauses.forEach((c, i) => {
      if (i > 0) parts.push(t(i === clauses.length - 1 ? ` ${joiner} ` : ", "));
      parts.push(...c);
    });
    return { form: "sentence", root: { parts: mergeText(parts) } };
  }
  return {
    form: "list",
    root: { parts: [t(`Customers matching ${groupWords(root)}:`)], items: root.children.map((c) => line(c, labels)) },
  };
}

/** Adjacent text parts joined (so a sentence is a few parts, not dozens). */
function mergeText(parts: RulePart[]): RulePart[] {
  const out: RulePart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if ("text" in p && last && "text" in last) out[out.length - 1] = { text: last.text + p.text };
    else out.push(p);
  }
  return out;
}

export function partsToText(parts: readonly RulePart[]): string {
  return parts.map((p) => ("text" in p ? p.text : p.name !== null ? quote(p.name) : `an unavailable ${p.ref}`)).join("");
}

/** The description as plain text: the sentence, or the list with “•” / “◦” bullets, indented. */
export function rulesToText(d: RulesDescription): string {
  const lines: string[] = [partsToText(d.root.parts)];
  const walk = (items: readonly RuleLine[], depth: number) => {
    for (const item of items) {
      lines.push(`${"  ".repeat(depth)}${depth % 2 === 0 ? "•" : "◦"} ${partsToText(item.parts)}`);
      if (item.items) walk(item.items, depth + 1);
    }
  };
  if (d.root.items) walk(d.root.items, 0);
  return lines.join("\n");
}

/** Convenience for tests and plain-text places: a definition straight to text. */
export function describeRulesText(definition: SegmentDefinition, labels: RuleLabels): string {
  return rulesToText(describeRules(definition, labels));
}
