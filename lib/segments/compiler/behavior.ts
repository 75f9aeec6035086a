/**
 * Behavior conditions — "has never", first / last occurrence, count / sum / avg / min / max in a
 * window — over the per-customer aggregates of aggregates.ts. A customer without rows has no
 * aggregate row (NULL): a count or sum is then 0, anything else a missing value.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { Condition, Subject, Window } from "@/lib/segments/definition";
import type { EvaluationContext } from "@/lib/segments/context";
import { numberHolds, positiveNumber } from "@/lib/segments/semantics";
import type { Agg } from "@/lib/segments/compiler/aggregates";
import { finish, instantComparison, numberSql, type Sql } from "@/lib/segments/compiler/sql";

const { sql } = Prisma;

/** What behavior and value conditions read: the context and per-customer aggregates. */
export type AggregateScope = {
  ctx: EvaluationContext;
  agg(subject: Subject, window: Window, need: Agg): Sql;
};

export function behaviorSql(s: AggregateScope, cond: Extract<Condition, { type: "behavior" }>, negated: boolean): Sql {
  if (cond.kind === "never") {
    return finish({ sql: sql`${s.agg(cond.subject, cond.window, "cnt")} IS NULL`, nullable: false }, negated);
  }
  if (cond.kind === "occurrence") {
    const x = s.agg(cond.subject, { kind: "ever" }, cond.which === "first" ? "first_at" : "last_at");
    const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
    return finish({ sql: instantComparison(x, cond, s.ctx.now, at), nullable: true }, negated);
  }
  const cmp = positiveNumber(cond);
  const flip = cond.operator === "neq" ? !negated : negated;
  const { subject, window } = cond;
  switch (cond.aggregate) {
    case "count":
    case "sum": {
      const col = s.agg(subject, window, cond.aggregate === "count" ? "cnt" : "total");
      const integer = cond.aggregate === "count";
      // Without rows the count / sum is 0: keep the LEFT JOIN's NULL as "false" unless 0 matches.
      if (numberHolds(0, cmp)) return finish({ sql: numberSql(sql`COALESCE(${col}, 0)`, cmp, integer), nullable: false }, flip);
      return finish({ sql: numberSql(col, cmp, integer), nullable: true }, flip);
    }
    case "avg": {
      const total = s.agg(subject, window, "total");
      const cnt = s.agg(subject, window, "cnt");
      return finish({ sql: numberSql(sql`(${total} / ${cnt})`, cmp), nullable: true }, flip);
    }
    case "min":
    case "max":
      return finish({ sql: numberSql(s.agg(subject, window, cond.aggregate === "min" ? "mn" : "mx"), cmp), nullable: true }, flip);
  }
}
