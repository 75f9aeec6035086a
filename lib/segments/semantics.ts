/**
 * Comparison semantics shared by the SQL compiler and the in-memory matcher.
 */
import type { DateComparison, Group, NumberComparison, SegmentDefinition, SegmentNode } from "@/lib/segments/definition";
import { addDays, dayStart, subtractUnits } from "@/lib/segments/time";

/** A number comparison without `neq` (handled as a negated `eq`). */
export type PositiveNumberComparison =
  | { operator: "eq" | "lt" | "lte" | "gt" | "gte"; value: number }
  | { operator: "between"; value: { min: number; max: number } };

export function positiveNumber(c: NumberComparison): PositiveNumberComparison {
  if (c.operator === "between") return { operator: "between", value: c.value };
  return { operator: c.operator === "neq" ? "eq" : c.operator, value: c.value };
}

export function numberHolds(x: number, c: PositiveNumberComparison): boolean {
  switch (c.operator) {
    case "eq":
      return x === c.value;
    case "lt":
      return x < c.value;
    case "lte":
      return x <= c.value;
    case "gt":
      return x > c.value;
    case "gte":
      return x >= c.value;
    case "between":
      return x >= c.value.min && x <= c.value.max;
  }
}

/**
 * Instant ranges for date comparisons on timestamps, shared with match.ts:
 * before D → [−∞, D 00:00); after D → [D+1 00:00, ∞); between a, b → [a 00:00, b+1 00:00);
 * in the last N → [now − N, now]; more than N ago → [−∞, now − N).
 */
export function instantBounds(c: DateComparison, now: Date): { from?: Date; to?: Date; toInclusive?: Date } {
  switch (c.operator) {
    case "before":
      return { to: dayStart(c.value) };
    case "after":
      return { from: dayStart(addDays(c.value, 1)) };
    case "between":
      return { from: dayStart(c.value.from), to: dayStart(addDays(c.value.to, 1)) };
    case "in_last":
      return { from: subtractUnits(now, c.value.amount, c.value.unit), toInclusive: now };
    case "more_than_ago":
      return { to: subtractUnits(now, c.value.amount, c.value.unit) };
  }
}

/** A persona's rules as one group: in its grounding segment (if any) and matching its definition. */
export function personaGroup(persona: { definition: SegmentDefinition | null; segmentId: string | null }): Group {
  const children: SegmentNode[] = [];
  if (persona.segmentId) children.push({ type: "membership", target: "segment", operator: "in", id: persona.segmentId });
  if (persona.definition) children.push(persona.definition.root);
  return { type: "group", op: "and", children };
}

