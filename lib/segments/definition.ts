/**
 * The segment definition language: one versioned type and its zod schema. The builder UI, server
 * actions, export, the SQL compiler and the in-memory matcher all read this one shape.
 *
 * A definition is a tree of groups (AND / OR, each negatable) over conditions. The zod schema checks
 * the shape; `validateDefinition` (validate.ts) checks it against the workspace's field catalog and
 * saved segments / personas.
 */
import { z } from "zod";

export const DEFINITION_VERSION = 1 as const;

export const LIMITS = {
  /** Nesting depth of groups; the root group is depth 1. */
  maxDepth: 10,
  /** Conditions in one definition (groups are not counted). */
  maxConditions: 200,
  /**
   * Conditions counted through references, each referenced segment or persona as if written out
   * in place (limits.ts): what a chain of references may add up to.
   */
  maxExpandedConditions: 1000,
  /** Values in one list (in / not in / has_any …). */
  maxListValues: 500,
  maxTextLength: 500,
  /** Largest N in "in the last N …", "more than N … ago", windows, per unit: 100 years back. */
  maxAmount: { days: 36_525, weeks: 5_218, months: 1_200 },
  /** Calendar dates in rules lie in these years (every database date type holds them). */
  minYear: 1000,
  maxYear: 2999,
  /** Largest N in "anniversary within the next N days". */
  maxAnniversaryDays: 366,
} as const;

// ---------------------------------------------------------------------------------------------
// Shared value shapes

/** A calendar day in UTC, `YYYY-MM-DD`. */
export type DateString = string;
export type TimeUnit = "days" | "weeks" | "months";
export type RelativeAmount = { amount: number; unit: TimeUnit };
export type NumberRange = { min: number; max: number };
export type DateRange = { from: DateString; to: DateString };

// ---------------------------------------------------------------------------------------------
// Field conditions

export type FieldType = "text" | "number" | "date" | "boolean" | "tags";

export const TEXT_OPERATORS = [
  "eq",
  "neq",
  "in",
  "not_in",
  "contains",
  "starts_with",
  "ends_with",
  "is_set",
  "is_empty",
] as const;
export const NUMBER_OPERATORS = ["eq", "neq", "lt", "lte", "gt", "gte", "between", "is_set", "is_empty"] as const;
export const DATE_OPERATORS = [
  "before",
  "after",
  "between",
  "in_last",
  "more_than_ago",
  "anniversary_within",
  "is_set",
  "is_empty",
] as const;
export const BOOLEAN_OPERATORS = ["is_true", "is_false", "is_set", "is_empty"] as const;
export const TAGS_OPERATORS = ["has_any", "has_all", "has_none", "is_set", "is_empty"] as const;

/** Which operators each field type accepts (the builder UI offers exactly these). */
export const OPERATORS_BY_TYPE: Record<FieldType, readonly FieldOperator[]> = {
  text: TEXT_OPERATORS,
  number: NUMBER_OPERATORS,
  date: DATE_OPERATORS,
  boolean: BOOLEAN_OPERATORS,
  tags: TAGS_OPERATORS,
};

/** How each operator reads, in the builder and in validation messages. */
export const OPERATOR_LABELS: Record<FieldOperator, string> = {
  eq: "is",
  neq: "is not",
  in: "is any of",
  not_in: "is none of",
  contains: "contains",
  starts_with: "starts with",
  ends_with: "ends with",
  is_set: "is set",
  is_empty: "is empty",
  lt: "is less than",
  lte: "is at most",
  gt: "is more than",
  gte: "is at least",
  between: "is between",
  before: "is before",
  after: "is after",
  in_last: "is in the last",
  more_than_ago: "is more than … ago",
  anniversary_within: "has an anniversary within the next",
  is_true: "is true",
  is_false: "is false",
  has_any: "includes any of",
  has_all: "includes all of",
  has_none: "includes none of",
};

export type FieldCondition =
  | { type: "field"; field: string; operator: "eq" | "neq"; value: string | number }
  | { type: "field"; field: string; operator: "in" | "not_in" | "has_any" | "has_all" | "has_none"; value: string[] }
  | { type: "field"; field: string; operator: "contains" | "starts_with" | "ends_with"; value: string }
  | { type: "field"; field: string; operator: "lt" | "lte" | "gt" | "gte"; value: number }
  | { type: "field"; field: string; operator: "between"; value: NumberRange | DateRange }
  | { type: "field"; field: string; operator: "before" | "after"; value: DateString }
  | { type: "field"; field: string; operator: "in_last" | "more_than_ago"; value: RelativeAmount }
  | { type: "field"; field: string; operator: "anniversary_within"; value: number }
  | { type: "field"; field: string; operator: "is_set" | "is_empty" | "is_true" | "is_false" };

export type FieldOperator = FieldCondition["operator"];

// ---------------------------------------------------------------------------------------------
// Behavior conditions (orders and events)

export type OrderSubject = { source: "orders"; category?: string; channel?: string };
export type EventSubject = {
  source: "events";
  name: string;
  /** Only events whose `properties[key]` equals `value` (exact JSON equality). */
  property?: { key: string; value: string | number | boolean };
};
export type Subject = OrderSubject | EventSubject;

export type Window =
  | { kind: "ever" }
  | { kind: "last"; amount: number; unit: TimeUnit }
  | { kind: "between"; from: DateString; to: DateString };

export type NumberOperator = "eq" | "neq" | "lt" | "lte" | "gt" | "gte" | "between";
export type Aggregate = "count" | "sum" | "avg" | "min" | "max";

export type NumberComparison =
  | { operator: Exclude<NumberOperator, "between">; value: number }
  | { operator: "between"; value: NumberRange };

export type DateComparison =
  | { operator: "before" | "after"; value: DateString }
  | { operator: "between"; value: DateRange }
  | { operator: "in_last" | "more_than_ago"; value: RelativeAmount };

export type AggregateCondition = {
  type: "behavior";
  kind: "aggregate";
  subject: Subject;
  /** `sum`, `avg`, `min`, `max` are of order amounts and need an orders subject. */
  aggregate: Aggregate;
  window: Window;
} & NumberComparison;

export type OccurrenceCondition = {
  type: "behavior";
  kind: "occurrence";
  subject: Subject;
  which: "first" | "last";
} & DateComparison;

export type NeverCondition = { type: "behavior"; kind: "never"; subject: Subject; window: Window };

export type BehaviorCondition = AggregateCondition | OccurrenceCondition | NeverCondition;

// ---------------------------------------------------------------------------------------------
// Value conditions

export const RFM_SEGMENTS = [
  "champions",
  "loyal",
  "potential_loyalists",
  "new",
  "promising",
  "need_attention",
  "about_to_sleep",
  "at_risk",
  "cant_lose_them",
  "hibernating",
  "lost",
] as const;
export type RfmSegmentName = (typeof RFM_SEGMENTS)[number];

export const LIFECYCLE_STAGES = ["new", "reactivated", "active", "at_risk", "churned"] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export type ScoreMetric = "rfm_recency" | "rfm_frequency" | "rfm_monetary" | "clv" | PredictionMetric;
/** Read from the workspace's lifetime-value model ("CustomerPrediction"); NULL without a prediction. */
export type PredictionMetric = "predicted_clv" | "p_alive";

export type ValueCondition =
  | ({ type: "value"; metric: ScoreMetric } & NumberComparison)
  | { type: "value"; metric: "rfm_segment"; operator: "in" | "not_in"; value: RfmSegmentName[] }
  | { type: "value"; metric: "lifecycle_stage"; operator: "in" | "not_in"; value: LifecycleStage[] };

// ---------------------------------------------------------------------------------------------
// Membership

export type MembershipCondition =
  | { type: "membership"; target: "segment"; operator: "in" | "not_in"; id: string }
  | { type: "membership"; target: "persona"; operator: "matches" | "not_matches"; id: string };

// ---------------------------------------------------------------------------------------------
// Tree

export type Condition = FieldCondition | BehaviorCondition | ValueCondition | MembershipCondition;
export type Group = { type: "group"; op: "and" | "or"; negate?: boolean; children: SegmentNode[] };
export type SegmentNode = Group | Condition;
export type SegmentDefinition = { version: typeof DEFINITION_VERSION; root: Group };

// ---------------------------------------------------------------------------------------------
// zod schema

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isValidDateString(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

// Text values are trimmed when parsed, on write and on read ("Female " is "Female"); a value that
// is empty once trimmed is refused where a value is required.
const text = z
  .string({ error: "Enter a text value." })
  .trim()
  .max(LIMITS.maxTextLength, `Use at most ${LIMITS.maxTextLength} characters.`)
  // A NUL character cannot be stored or compared by the database.
  .refine((v) => !v.includes("\u0000"), "Remove the invisible NUL character from the text.");
const nonEmptyText = text.min(1, "Enter a value.");
const finite = z.number({ error: "Enter a number." }).refine(Number.isFinite, "Enter a finite number.");
const dateString = z
  .string({ error: "Pick a date." })
  .refine(isValidDateString, "Use a real calendar date written as YYYY-MM-DD.")
  .refine((v) => {
    const year = Number(v.slice(0, 4));
    return !(year >= 0) || (year >= LIMITS.minYear && year <= LIMITS.maxYear);
  }, `Use a date in the years ${LIMITS.minYear}–${LIMITS.maxYear}.`);
const textList = z
  .array(nonEmptyText, { error: "Give a list of values." })
  .min(1, "Add at least one value.")
  .max(LIMITS.maxListValues, `Use at most ${LIMITS.maxListValues} values.`);
const amount = z.number({ error: "Enter a whole number." }).int("Enter a whole number.").min(1, "Enter at least 1.");
const unit = z.enum(["days", "weeks", "months"], { error: "Pick days, weeks or months." });
/** At most 100 years back, whatever the unit (the message names the largest amount for it). */
function amountWithinLimit(value: { amount: number; unit: TimeUnit }, ctx: z.RefinementCtx): void {
  const max = LIMITS.maxAmount[value.unit];
  if (value.amount > max)
    ctx.addIssue({ code: "custom", path: ["amount"], message: `Enter at most ${max.toLocaleString("en-US")} ${value.unit} (100 years).` });
}
const relative = z.strictObject({ amount, unit }, { error: "Give an amount and a unit." }).superRefine(amountWithinLimit);
const numberRange = z.strictObject({ min: finite, max: finite }, { error: "Give a minimum and a maximum." });
const dateRange = z.strictObject({ from: dateString, to: dateString }, { error: "Give a start and an end date." });
const fieldKey = z
  .string({ error: "Pick a field." })
  .min(1, "Pick a field.")
  .max(120, "That field name is too long.");
const id = z.string({ error: "Pick an item." }).min(1, "Pick an item.").max(64, "That id is too long.");

const fieldBase = { type: z.literal("field"), field: fieldKey };
const fieldConditionSchema = z.discriminatedUnion(
  "operator",
  [
    z.strictObject({
      ...fieldBase,
      operator: z.enum(["eq", "neq"]),
      value: z.union([text, finite], { error: "Enter a text or a number." }),
    }),
    z.strictObject({ ...fieldBase, operator: z.enum(["in", "not_in", "has_any", "has_all", "has_none"]), value: textList }),
    z.strictObject({ ...fieldBase, operator: z.enum(["contains", "starts_with", "ends_with"]), value: nonEmptyText }),
    z.strictObject({ ...fieldBase, operator: z.enum(["lt", "lte", "gt", "gte"]), value: finite }),
    z.strictObject({
      ...fieldBase,
      operator: z.literal("between"),
      value: z.union([numberRange, dateRange], { error: "Give a range: {min, max} or {from, to}." }),
    }),
    z.strictObject({ ...fieldBase, operator: z.enum(["before", "after"]), value: dateString }),
    z.strictObject({ ...fieldBase, operator: z.enum(["in_last", "more_than_ago"]), value: relative }),
    z.strictObject({
      ...fieldBase,
      operator: z.literal("anniversary_within"),
      value: z
        .number({ error: "Enter a number of days." })
        .int("Enter a whole number of days.")
        .min(0, "Enter 0 or more days.")
        .max(LIMITS.maxAnniversaryDays, `Enter at most ${LIMITS.maxAnniversaryDays} days.`),
    }),
    z.strictObject({ ...fieldBase, operator: z.enum(["is_set", "is_empty", "is_true", "is_false"]) }),
  ],
  { error: "Pick an operator this field supports." },
);

const subjectSchema = z.discriminatedUnion(
  "source",
  [
    z.strictObject({
      source: z.literal("orders"),
      category: nonEmptyText.optional(),
      channel: nonEmptyText.optional(),
    }),
    z.strictObject({
      source: z.literal("events"),
      name: nonEmptyText,
      property: z
        .strictObject({
          key: nonEmptyText,
          value: z.union([nonEmptyText, finite, z.boolean()], { error: "Enter a text, number or true/false." }),
        })
        .optional(),
    }),
  ],
  { error: "Choose orders or an event." },
);

const windowSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("ever") }),
    z.strictObject({ kind: z.literal("last"), amount, unit }).superRefine(amountWithinLimit),
    z.strictObject({ kind: z.literal("between"), from: dateString, to: dateString }),
  ],
  { error: "Choose a time window: ever, the last N days/weeks/months, or between two dates." },
);

const numberComparisons = [
  { operator: z.enum(["eq", "neq", "lt", "lte", "gt", "gte"]), value: finite },
  { operator: z.literal("between"), value: numberRange },
] as const;
const dateComparisons = [
  { operator: z.enum(["before", "after"]), value: dateString },
  { operator: z.literal("between"), value: dateRange },
  { operator: z.enum(["in_last", "more_than_ago"]), value: relative },
] as const;
const numberOperatorError = { error: "Pick =, ≠, <, ≤, >, ≥ or between." };
const dateOperatorError = { error: "Pick before, after, between, in the last or more than … ago." };

const aggregateBase = {
  type: z.literal("behavior"),
  kind: z.literal("aggregate"),
  subject: subjectSchema,
  aggregate: z.enum(["count", "sum", "avg", "min", "max"], { error: "Pick count, sum, average, min or max." }),
  window: windowSchema,
};
const occurrenceBase = {
  type: z.literal("behavior"),
  kind: z.literal("occurrence"),
  subject: subjectSchema,
  which: z.enum(["first", "last"], { error: "Pick first or last." }),
};

const behaviorConditionSchema = z.discriminatedUnion(
  "kind",
  [
    z.discriminatedUnion(
      "operator",
      [z.strictObject({ ...aggregateBase, ...numberComparisons[0] }), z.strictObject({ ...aggregateBase, ...numberComparisons[1] })],
      numberOperatorError,
    ),
    z.discriminatedUnion(
      "operator",
      [
        z.strictObject({ ...occurrenceBase, ...dateComparisons[0] }),
        z.strictObject({ ...occurrenceBase, ...dateComparisons[1] }),
        z.strictObject({ ...occurrenceBase, ...dateComparisons[2] }),
      ],
      dateOperatorError,
    ),
    z.strictObject({ type: z.literal("behavior"), kind: z.literal("never"), subject: subjectSchema, window: windowSchema }),
  ],
  { error: "Pick aggregate, occurrence or never." },
);

const scoreBase = { type: z.literal("value"), metric: z.enum(["rfm_recency", "rfm_frequency", "rfm_monetary", "clv", "predicted_clv", "p_alive"]) };
const valueConditionSchema = z.discriminatedUnion(
  "metric",
  [
    z.discriminatedUnion(
      "operator",
      [z.strictObject({ ...scoreBase, ...numberComparisons[0] }), z.strictObject({ ...scoreBase, ...numberComparisons[1] })],
      numberOperatorError,
    ),
    z.strictObject({
      type: z.literal("value"),
      metric: z.literal("rfm_segment"),
      operator: z.enum(["in", "not_in"], { error: "Pick is one of or is none of." }),
      value: z
        .array(z.enum(RFM_SEGMENTS, { error: "Pick a known RFM segment." }), { error: "Pick RFM segments." })
        .min(1, "Pick at least one RFM segment."),
    }),
    z.strictObject({
      type: z.literal("value"),
      metric: z.literal("lifecycle_stage"),
      operator: z.enum(["in", "not_in"], { error: "Pick is one of or is none of." }),
      value: z
        .array(z.enum(LIFECYCLE_STAGES, { error: "Pick new, reactivated, active, at risk or churned." }), { error: "Pick stages." })
        .min(1, "Pick at least one lifecycle stage."),
    }),
  ],
  { error: "Pick an RFM score, RFM segment, lifetime value, predicted value, probability active or lifecycle stage." },
);

const membershipConditionSchema = z.discriminatedUnion(
  "target",
  [
    z.strictObject({
      type: z.literal("membership"),
      target: z.literal("segment"),
      operator: z.enum(["in", "not_in"], { error: "Pick is in or is not in." }),
      id,
    }),
    z.strictObject({
      type: z.literal("membership"),
      target: z.literal("persona"),
      operator: z.enum(["matches", "not_matches"], { error: "Pick matches or does not match." }),
      id,
    }),
  ],
  { error: "Choose a segment or a persona." },
);

const groupObjectSchema = z.strictObject({
  type: z.literal("group"),
  op: z.enum(["and", "or"], { error: "A group combines its rules with AND or OR." }),
  negate: z.boolean({ error: "Negate is true or false." }).optional(),
  children: z.array(z.lazy(() => nodeSchema), { error: "A group needs a list of rules." }),
});

export const nodeSchema: z.ZodType<SegmentNode> = z.discriminatedUnion(
  "type",
  [groupObjectSchema, fieldConditionSchema, behaviorConditionSchema, valueConditionSchema, membershipConditionSchema],
  { error: "Each rule is a group, a field, a behavior, a value or a membership condition." },
);

export const groupSchema: z.ZodType<Group> = groupObjectSchema;

export const definitionSchema: z.ZodType<SegmentDefinition> = z.strictObject(
  {
    version: z.literal(DEFINITION_VERSION, { error: `Unsupported definition version (expected ${DEFINITION_VERSION}).` }),
    root: groupObjectSchema,
  },
  { error: "A definition needs a version and a root group." },
);

/** The definition that matches every customer of the workspace. */
export function emptyDefinition(): SegmentDefinition {
  return { version: DEFINITION_VERSION, root: { type: "group", op: "and", children: [] } };
}

/**
 * The definition that selects a static segment's members: "is in segment `segmentId`". Evaluated
 * against a static segment, a membership condition reads its hand-picked members (the
 * `SegmentMember` rows), so this one rule is what a static segment means everywhere.
 */
export function staticSegmentDefinition(segmentId: string): SegmentDefinition {
  return {
    version: DEFINITION_VERSION,
    root: { type: "group", op: "and", children: [{ type: "membership", target: "segment", operator: "in", id: segmentId }] },
  };
}

/** Whether a definition has no rules at all (an empty AND group: everyone). */
export function isEmptyDefinition(definition: SegmentDefinition): boolean {
  return definition.root.op === "and" && !definition.root.negate && definition.root.children.length === 0;
}

export function isGroup(node: SegmentNode): node is Group {
  return node.type === "group";
}

/** Visits every node with its UI path (`root.children[2]`). */
export function walkDefinition(
  definition: SegmentDefinition,
  visit: (node: SegmentNode, path: string, depth: number) => void,
): void {
  const walk = (node: SegmentNode, path: string, depth: number) => {
    visit(node, path, depth);
    if (node.type === "group") node.children.forEach((child, i) => walk(child, `${path}.children[${i}]`, depth + 1));
  };
  walk(definition.root, "root", 1);
}

/** Ids of the segments and personas a definition references directly. */
export function directReferences(definition: SegmentDefinition): { segments: string[]; personas: string[] } {
  const segments = new Set<string>();
  const personas = new Set<string>();
  walkDefinition(definition, (node) => {
    if (node.type !== "membership") return;
    (node.target === "segment" ? segments : personas).add(node.id);
  });
  return { segments: [...segments], personas: [...personas] };
}
