import "server-only";
/**
 * Compiles a definition to one parameterized SQL query over "Customer" c. This file is the public
 * face; the work is done in lib/segments/compiler/ — compiler.ts (the tree, memberships, FROM),
 * fields.ts, behavior.ts + aggregates.ts, values.ts (RFM, lifetime value and lifecycle, whose SQL
 * lives in lib/analytics), program.ts (shared CTEs) and sql.ts (building blocks). Running the
 * statements is evaluate.ts's job (through queries.ts).
 *
 * - Negations are pushed down to the conditions (De Morgan), so every combination above a
 *   condition is a plain AND / OR. A positive condition may evaluate to NULL where a value is
 *   missing; under AND / OR only, NULL then behaves exactly like false. A negated condition is
 *   written as `NOT p` (when p cannot be NULL) or `p IS NOT TRUE`, so "not equals" matches missing
 *   values, as the in-memory matcher does.
 * - Membership of a segment inlines a dynamic segment's rules; a static segment's members are its
 *   hand-picked rows of "SegmentMember", read with `EXISTS (…)`.
 * - Behavior conditions read per-customer aggregates of orders / events, one LEFT JOIN per distinct
 *   (subject, window). Aggregates of all orders ever (lifetime value, lifecycle, first / last order,
 *   unfiltered "ever" counts and sums) come from "CustomerMetrics", which triggers on "Order" keep
 *   current; RFM scores come from one more LEFT JOIN computing `ntile(5)` over it per workspace.
 * - Every cut-off (dates, windows, lifecycle thresholds, anniversary days) is computed in TypeScript
 *   from `ctx.now` (time.ts) and passed as a parameter. User values are only ever parameters;
 *   identifiers come only from the field catalog and from aliases generated here.
 */
import type { Condition, Group, SegmentDefinition, Window } from "@/lib/segments/definition";
import { Compiler, type CompileContext } from "@/lib/segments/compiler/compiler";
import { numberHolds, positiveNumber } from "@/lib/segments/semantics";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Sql } from "@/lib/segments/compiler/sql";

const { sql } = Prisma;

export type { CompileContext };

export type CompiledSegment = {
  /**
   * `WITH …` that every statement over `from` starts with (referenced segments, RFM boundaries), or
   * empty: `sql\`${compiled.with}SELECT … FROM ${compiled.from} WHERE ${compiled.where}\``.
   */
  with: Sql;
  /** `"Customer" c LEFT JOIN …` */
  from: Sql;
  /** `c."workspaceId" = $ws AND (…)` */
  where: Sql;
  /** The definition's predicate alone. */
  predicate: Sql;
  /** `SELECT count(*) …` — may drive from a per-customer aggregate instead of "Customer". */
  count: Sql;
};

// public API

/** Compiles one definition; always restricted to `ctx.workspaceId`. */
export function compile(definition: SegmentDefinition, ctx: CompileContext): CompiledSegment {
  const c = new Compiler(ctx);
  const predicate = c.node(definition.root, false);
  const where = sql`${c.workspace()} AND ${predicate}`;
  const from = c.from();
  const anchorCondition = c.usesCustomer ? undefined : findAnchor(definition.root);
  const anchor =
    anchorCondition === "rfm"
      ? "rfm"
      : anchorCondition && c.joinFor(anchorCondition.subject, anchorWindow(anchorCondition));
  const countFrom = anchor ? c.anchoredFrom(anchor) : undefined;
  const withClause = c.program.withClause();
  const count = countFrom
    ? sql`${withClause}SELECT count(*)::int AS "count" FROM ${countFrom} WHERE ${predicate}`
    : sql`${withClause}SELECT count(*)::int AS "count" FROM ${from} WHERE ${where}`;
  return { with: withClause, from, predicate, where, count };
}

type AnchorCondition = Extract<Condition, { type: "behavior"; kind: "aggregate" | "occurrence" }>;

function anchorWindow(cond: AnchorCondition): Window {
  return cond.kind === "occurrence" ? { kind: "ever" } : cond.window;
}

/**
 * A behavior condition that every member must satisfy and that is false without a row in its
 * aggregate (or "rfm" for such an RFM condition): found among the children of top-level
 * (non-negated) AND groups.
 */
function findAnchor(group: Group): AnchorCondition | "rfm" | undefined {
  if (group.negate || (group.op !== "and" && group.children.length !== 1)) return undefined;
  for (const child of group.children) {
    if (child.type === "group") {
      const found = findAnchor(child);
      if (found) return found;
      continue;
    }
    if (child.type === "value") {
      if (child.metric === "rfm_segment" && child.operator === "in") return "rfm";
      if (child.metric.startsWith("rfm_") && child.operator !== "neq" && child.metric !== "rfm_segment") return "rfm";
      continue;
    }
    if (child.type !== "behavior" || child.kind === "never") continue;
    if (child.kind === "occurrence") return child;
    if (child.operator === "neq") continue;
    const cmp = positiveNumber(child);
    if ((child.aggregate === "count" || child.aggregate === "sum") && numberHolds(0, cmp)) continue;
    return child;
  }
  return undefined;
}

/** Compiles several definitions over one shared FROM (aggregates computed once), for overlaps. */
export function compileMany(
  definitions: SegmentDefinition[],
  ctx: CompileContext,
): { with: Sql; from: Sql; where: Sql; predicates: Sql[] } {
  const c = new Compiler(ctx);
  const predicates = definitions.map((d) => c.node(d.root, false));
  const from = c.from();
  return { with: c.program.withClause(), from, where: c.workspace(), predicates };
}

export function countSql(compiled: CompiledSegment): Sql {
  return compiled.count;
}

