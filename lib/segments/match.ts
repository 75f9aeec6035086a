/**
 * In-memory evaluation of a definition against one customer and their orders / events, with an
 * explanation: the definition tree with each node's outcome and the actual values compared. It
 * follows exactly the semantics of the SQL compiler (compile.ts), which the parity tests prove.
 *
 * Missing values: a positive condition on a missing value is false; "not" operators (not equals,
 * not in, has none, is empty, not in segment …) are the exact negation of their positive
 * counterpart, so they match missing values.
 *
 * This file is the public face; the work is done in lib/segments/matcher/ — matcher.ts (the tree and
 * memberships), fields.ts, behavior.ts (behavior and value conditions, with lib/analytics' figures)
 * — and the explanation's shape and cap are in explanation.ts.
 *
 * A static segment's members are the customers added to it by hand: `ctx.staticMember` answers, and
 * the explanation says in words whether the customer was added.
 */
import type { SegmentDefinition } from "@/lib/segments/definition";
import type { EvaluationContext } from "@/lib/segments/context";
import { capExplanation, type Explanation } from "@/lib/segments/explanation";
import { Matcher } from "@/lib/segments/matcher/matcher";
import type { DecimalLike } from "@/lib/analytics/money";
import type { CustomerRow } from "@/lib/customers/record";

/** The customer fields the engine reads (a Prisma `Customer` row fits). */
export type CustomerRecord = Omit<CustomerRow, "updatedAt">;

export type OrderRecord = { orderedAt: Date; amount: DecimalLike; category: string | null; channel: string | null };
export type EventRecord = { name: string; occurredAt: Date; properties: unknown };
export type CustomerHistory = { orders: OrderRecord[]; events: EventRecord[] };

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

