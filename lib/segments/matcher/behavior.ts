/**
 * Behavior and value conditions in memory, on one customer's orders and events. Value conditions
 * take their figures from lib/analytics (lifetime value, lifecycle stage, RFM scores), the same
 * definitions the SQL compiler and the profile use.
 */
import { clvCents } from "@/lib/analytics/clv";
import { lifecycleCutoffs, lifecycleOrderInstants, lifecycleStage } from "@/lib/analytics/lifecycle";
import { toCents } from "@/lib/analytics/money";
import { rfmSegment } from "@/lib/analytics/rfm";
import type { Condition, Subject, Window } from "@/lib/segments/definition";
import type { EvaluationContext } from "@/lib/segments/context";
import { SegmentError } from "@/lib/segments/errors";
import type { Explanation, ExplanationValue } from "@/lib/segments/explanation";
import type { CustomerHistory, CustomerRecord } from "@/lib/segments/match";
import { instantMatches } from "@/lib/segments/matcher/fields";
import { numberHolds, positiveNumber } from "@/lib/segments/semantics";
import { inRange, windowRange } from "@/lib/segments/time";

/** The customer being matched. */
export type MatchScope = { customer: CustomerRecord; history: CustomerHistory; ctx: EvaluationContext };

function rowsOf(s: MatchScope, subject: Subject, window: Window): { at: Date; cents: number }[] {
  const range = windowRange(window, s.ctx.now);
  if (subject.source === "orders") {
    const category = subject.category?.toLowerCase();
    const channel = subject.channel?.toLowerCase();
    return s.history.orders
      .filter(
        (o) =>
          (category === undefined || o.category?.toLowerCase() === category) &&
          (channel === undefined || o.channel?.toLowerCase() === channel) &&
          inRange(o.orderedAt, range),
      )
      .map((o) => ({ at: o.orderedAt, cents: toCents(o.amount) }));
  }
  return s.history.events
    .filter(
      (e) =>
        e.name === subject.name &&
        (subject.property === undefined || jsonPropertyEquals(e.properties, subject.property.key, subject.property.value)) &&
        inRange(e.occurredAt, range),
    )
    .map((e) => ({ at: e.occurredAt, cents: 0 }));
}

export function behaviorExplanation(s: MatchScope, cond: Extract<Condition, { type: "behavior" }>, path: string): Explanation {
  const base = { path, kind: "behavior" as const };
  if (cond.kind === "never") {
    const count = rowsOf(s, cond.subject, cond.window).length;
    return { ...base, summary: `never ${describeSubject(cond.subject)}`, matched: count === 0, actual: count, expected: 0 };
  }
  if (cond.kind === "occurrence") {
    const rows = rowsOf(s, cond.subject, { kind: "ever" });
    const times = rows.map((r) => r.at.getTime());
    const at = times.length ? (cond.which === "first" ? Math.min(...times) : Math.max(...times)) : null;
    const matched = at !== null && instantMatches(new Date(at), cond, s.ctx.now);
    return {
      ...base,
      summary: `${cond.which} ${describeSubject(cond.subject)} ${cond.operator}`,
      matched,
      actual: at === null ? null : new Date(at).toISOString(),
      expected: cond.value as ExplanationValue,
    };
  }
  const rows = rowsOf(s, cond.subject, cond.window);
  const cmp = positiveNumber(cond);
  let value: number | null;
  switch (cond.aggregate) {
    case "count":
      value = rows.length;
      break;
    case "sum":
      value = rows.reduce((sum, r) => sum + r.cents, 0) / 100;
      break;
    case "avg":
      value = rows.length ? rows.reduce((sum, r) => sum + r.cents, 0) / rows.length / 100 : null;
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

export function valueExplanation(s: MatchScope, cond: Extract<Condition, { type: "value" }>, path: string): Explanation {
  const base = { path, kind: "value" as const, summary: `${cond.metric} ${cond.operator}`, expected: cond.value as ExplanationValue };
  const orders = s.history.orders;
  if (cond.metric === "lifecycle_stage") {
    const stage = lifecycleStage(
      {
        ...lifecycleOrderInstants(orders),
        firstSeenAt: s.customer.firstSeenAt,
        createdAt: s.customer.createdAt,
      },
      lifecycleCutoffs(s.ctx.now, s.ctx.lifecycle),
    );
    const inList = (cond.value as string[]).includes(stage);
    return { ...base, matched: cond.operator === "in" ? inList : !inList, actual: stage };
  }
  if (cond.metric === "clv") {
    const clv = clvCents(orders) / 100;
    const positive = numberHolds(clv, positiveNumber(cond));
    return { ...base, matched: cond.operator === "neq" ? !positive : positive, actual: clv };
  }
  if (cond.metric === "predicted_clv" || cond.metric === "p_alive") {
    if (!s.ctx.predictions)
      throw new SegmentError("REFERENCE_NOT_LOADED", "Lifetime-value predictions were not loaded into the evaluation context.");
    const p = s.ctx.predictions(s.customer.id);
    const v = p ? (cond.metric === "predicted_clv" ? p.predictedClv : p.pAlive) : null;
    const positive = v !== null && numberHolds(v, positiveNumber(cond));
    return { ...base, matched: cond.operator === "neq" ? !positive : positive, actual: v };
  }
  if (!s.ctx.rfm)
    throw new SegmentError("REFERENCE_NOT_LOADED", "RFM scores were not loaded into the evaluation context.");
  const scores = s.ctx.rfm(s.customer.id);
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

function jsonPropertyEquals(properties: unknown, key: string, value: string | number | boolean): boolean {
  if (!properties || typeof properties !== "object" || Array.isArray(properties)) return false;
  const v = (properties as Record<string, unknown>)[key];
  return typeof v === typeof value && v === value;
}

function describeSubject(s: Subject): string {
  if (s.source === "orders") return ["orders", s.category && `in ${s.category}`, s.channel && `via ${s.channel}`].filter(Boolean).join(" ");
  return `event “${s.name}”${s.property ? ` with ${s.property.key} = ${String(s.property.value)}` : ""}`;
}
