/**
 * Value conditions — lifetime value, lifecycle stage, RFM scores and segment — in SQL. The figures
 * themselves are lib/analytics' (the same definitions the profile and the in-memory matcher use);
 * this file only compares them with the condition's values.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { clvSql } from "@/lib/analytics/clv";
import { CUSTOMER_LIFECYCLE_COLUMNS, lifecycleCutoffs, lifecycleStageSql, previousOrderAtSql } from "@/lib/analytics/lifecycle";
import type { Condition, Subject, Window } from "@/lib/segments/definition";
import { positiveNumber } from "@/lib/segments/semantics";
import type { AggregateScope } from "@/lib/segments/compiler/behavior";
import { finish, numberSql, type Sql } from "@/lib/segments/compiler/sql";

const { sql, raw } = Prisma;

/** Besides aggregates, value conditions may read `"Customer" c` and the RFM scores (`"rfm"`). */
export type ValueScope = AggregateScope & {
  /** The predicate reads `"Customer" c`. */
  useCustomer(): void;
  /** The predicate reads the customer's RFM scores as `"rfm"."r" | "f" | "m" | "seg"`. */
  useRfm(): void;
  /** The customer's stored prediction (`"CustomerPrediction"`): NULL without one. */
  prediction(column: "predictedClv" | "pAlive"): Sql;
};

const EVER: Window = { kind: "ever" };
const ORDERS: Subject = { source: "orders" };

export function valueSql(s: ValueScope, cond: Extract<Condition, { type: "value" }>, negated: boolean): Sql {
  if (cond.metric === "rfm_segment") {
    s.useRfm();
    return finish({ sql: sql`"rfm"."seg" = ANY(${[...cond.value]}::text[])`, nullable: true }, cond.operator === "not_in" ? !negated : negated);
  }
  if (cond.metric === "lifecycle_stage") {
    s.useCustomer();
    const lastOrderAt = s.agg(ORDERS, EVER, "last_at");
    // Reactivated and active differ only by the previous order (a probe per recent customer, which
    // weighs on large combined statements): when the condition lists both or neither, the answer
    // is the same either way, so the probe is left out (both read as "active").
    const tellsReactivated = cond.value.includes("reactivated") !== cond.value.includes("active");
    const stage = lifecycleStageSql(
      {
        firstOrderAt: s.agg(ORDERS, EVER, "first_at"),
        lastOrderAt,
        previousOrderAt: tellsReactivated ? previousOrderAtSql(sql`c."workspaceId"`, sql`c."id"`, lastOrderAt) : sql`NULL::timestamptz`,
        ...CUSTOMER_LIFECYCLE_COLUMNS,
      },
      lifecycleCutoffs(s.ctx.now, s.ctx.lifecycle),
    );
    return finish({ sql: sql`${stage} = ANY(${[...cond.value]}::text[])`, nullable: false }, cond.operator === "not_in" ? !negated : negated);
  }
  const cmp = positiveNumber(cond);
  const flip = cond.operator === "neq" ? !negated : negated;
  if (cond.metric === "clv") {
    return finish({ sql: numberSql(clvSql(s.agg(ORDERS, EVER, "total")), cmp), nullable: false }, flip);
  }
  if (cond.metric === "predicted_clv" || cond.metric === "p_alive") {
    // No prediction (no orders, or no fitted model) is a missing value: "≠" and negations match it.
    const x = s.prediction(cond.metric === "predicted_clv" ? "predictedClv" : "pAlive");
    return finish({ sql: numberSql(x, cmp), nullable: true }, flip);
  }
  s.useRfm();
  const score = raw(`"rfm"."${cond.metric === "rfm_recency" ? "r" : cond.metric === "rfm_frequency" ? "f" : "m"}"`);
  return finish({ sql: numberSql(score, cmp, true), nullable: true }, flip);
}
