/**
 * Compiles a definition to one parameterized SQL query over "Customer" c.
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
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { BUILT_IN_FIELDS, type CatalogField } from "@/lib/segments/catalog";
import type {
  Condition,
  DateComparison,
  FieldCondition,
  Group,
  MembershipCondition,
  SegmentDefinition,
  SegmentNode,
  Subject,
  Window,
} from "@/lib/segments/definition";
import type { EvaluationContext } from "@/lib/segments/context";
import {
  instantBounds,
  numberHolds,
  personaGroup,
  positiveNumber,
  type PositiveNumberComparison,
} from "@/lib/segments/semantics";
import { SegmentError } from "@/lib/segments/errors";
import { lifecycleCutoffs } from "@/lib/segments/lifecycle";
import { rfmBoundsSql, rfmScoreSql } from "@/lib/segments/rfm-sql";
import {
  anniversaryMonthDays,
  naiveUtc,
  subtractUnitsFromDay,
  utcDay,
  windowRange,
} from "@/lib/segments/time";

const { sql, join, raw, empty } = Prisma;
type Sql = Prisma.Sql;

export type CompileContext = EvaluationContext & { workspaceId: string };

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

type Agg = "cnt" | "total" | "mn" | "mx" | "first_at" | "last_at";
type AggregateJoin = { alias: string; subject: Subject; window: Window; needs: Set<Agg> };
type Expr = { sql: Sql; nullable: boolean };

const TRUE = sql`true`;
const FALSE = sql`false`;

const BUILT_IN_COLUMNS = new Set(BUILT_IN_FIELDS.map((f) => f.column));

function column(name: string): Sql {
  if (!BUILT_IN_COLUMNS.has(name as never) && name !== "id" && name !== "traits" && name !== "workspaceId")
    throw new Error(`not a catalog column: ${name}`);
  return raw(`c."${name}"`);
}

/**
 * What one SQL statement shares between the compilers of its definition and of every segment or
 * persona it references: the common table expressions, in dependency order. A referenced segment is
 * compiled once into a CTE however many times (and through however many paths) it is referenced.
 */
class Program {
  readonly ctes: Sql[] = [];
  /** Reference key (`segment:<id>`) → CTE name. */
  readonly names = new Map<string, string>();
  /** References being compiled (a cycle guard; validation refuses cycles before this). */
  readonly visiting = new Set<string>();
  rfmBounds = false;

  constructor(readonly ws: Sql) {}

  /** `WITH … ` before the statement (empty when nothing is shared). */
  withClause(): Sql {
    const ctes = [...this.ctes];
    if (this.rfmBounds) ctes.unshift(sql`"rfm_bounds" AS MATERIALIZED (${rfmBoundsSql(this.ws)})`);
    return ctes.length ? sql`WITH ${join(ctes, ",\n")}\n` : empty;
  }
}

class Compiler {
  private readonly joins = new Map<string, AggregateJoin>();
  private rfm = false;
  private readonly ws: Sql;
  readonly program: Program;

  constructor(
    private readonly ctx: CompileContext,
    program?: Program,
  ) {
    this.ws = sql`${ctx.workspaceId}::uuid`;
    this.program = program ?? new Program(this.ws);
  }

  // ---- tree -----------------------------------------------------------------------------------

  node(node: SegmentNode, negated: boolean): Sql {
    if (node.type === "group") return this.group(node, negated);
    return this.condition(node, negated);
  }

  private group(group: Group, negated: boolean): Sql {
    const neg = negated !== (group.negate ?? false);
    // NOT (a AND b) = NOT a OR NOT b; an empty AND is true, an empty OR false.
    const op = neg ? (group.op === "and" ? "or" : "and") : group.op;
    if (group.children.length === 0) return op === "and" ? TRUE : FALSE;
    const parts = group.children.map((child) => this.node(child, neg));
    if (parts.length === 1) return parts[0]!;
    return sql`(${join(parts, op === "and" ? " AND " : " OR ")})`;
  }

  private condition(node: Condition, negated: boolean): Sql {
    switch (node.type) {
      case "field":
        return this.field(node, negated);
      case "behavior":
        return this.behavior(node, negated);
      case "value":
        return this.value(node, negated);
      case "membership":
        return this.membership(node, negated);
    }
  }

  // ---- fields ---------------------------------------------------------------------------------

  private fieldInfo(key: string): CatalogField {
    const field = this.ctx.catalog.byKey.get(key);
    if (field) return field;
    throw new SegmentError("VALIDATION", `Unknown field “${key}”.`, [{ path: "field", message: `Unknown field “${key}”.` }]);
  }

  /** Whether the predicate reads "Customer" columns (or only per-customer aggregates). */
  usesCustomer = false;

  private col(name: string): Sql {
    this.usesCustomer = true;
    return column(name);
  }

  private traitJson(field: CatalogField): Sql {
    this.usesCustomer = true;
    return sql`(c."traits" -> ${field.traitKey ?? ""}::text)`;
  }

  private traitText(field: CatalogField): Sql {
    this.usesCustomer = true;
    return sql`(c."traits" ->> ${field.traitKey ?? ""}::text)`;
  }

  private field(cond: FieldCondition, negated: boolean): Sql {
    const field = this.fieldInfo(cond.field);
    // "not" operators are the exact negation of their positive counterpart.
    switch (cond.operator) {
      case "neq":
        return this.field({ ...cond, operator: "eq" }, !negated);
      case "not_in":
        return this.field({ ...cond, operator: "in" }, !negated);
      case "has_none":
        return this.field({ ...cond, operator: "has_any" }, !negated);
      case "is_empty":
        return this.field({ type: "field", field: cond.field, operator: "is_set" }, !negated);
      default:
        return finish(this.positiveField(field, cond), negated);
    }
  }

  private positiveField(field: CatalogField, cond: FieldCondition): Expr {
    switch (field.type) {
      case "text":
        return this.textField(field, cond);
      case "number":
        return this.numberField(field, cond);
      case "date":
        return this.dateField(field, cond);
      case "boolean":
        return this.booleanField(field, cond);
      case "tags":
        return this.tagsField(field, cond);
    }
  }

  private textField(field: CatalogField, cond: FieldCondition): Expr {
    const x =
      field.source === "column"
        ? this.col(field.column!)
        : sql`(CASE WHEN jsonb_typeof(${this.traitJson(field)}) = 'string' THEN ${this.traitText(field)} END)`;
    const nullable = field.nullable;
    switch (cond.operator) {
      case "eq":
        return { sql: sql`lower(${x}) = ${String(cond.value).toLowerCase()}::text`, nullable };
      case "in":
        return { sql: sql`lower(${x}) = ANY(${cond.value.map((v) => v.toLowerCase())}::text[])`, nullable };
      case "contains":
        return { sql: sql`lower(${x}) LIKE ${`%${escapeLike(cond.value.toLowerCase())}%`}::text`, nullable };
      case "starts_with":
        return { sql: sql`lower(${x}) LIKE ${`${escapeLike(cond.value.toLowerCase())}%`}::text`, nullable };
      case "ends_with":
        return { sql: sql`lower(${x}) LIKE ${`%${escapeLike(cond.value.toLowerCase())}`}::text`, nullable };
      case "is_set":
        return { sql: sql`${x} <> ''`, nullable };
      default:
        throw unsupported(field, cond.operator);
    }
  }

  private numberField(field: CatalogField, cond: FieldCondition): Expr {
    const x =
      field.source === "column"
        ? this.col(field.column!)
        : sql`(CASE WHEN jsonb_typeof(${this.traitJson(field)}) = 'number' THEN ${this.traitText(field)}::numeric END)`;
    const nullable = field.nullable;
    // Whole numbers against an integer column compare as bigint (no per-row numeric conversion).
    const typed = (v: number) => (field.integer && Number.isSafeInteger(v) ? sql`${String(v)}::bigint` : num(v));
    switch (cond.operator) {
      case "is_set":
        return { sql: sql`${x} IS NOT NULL`, nullable: false };
      case "eq":
      case "lt":
      case "lte":
      case "gt":
      case "gte":
        return { sql: compare(x, cond.operator, typed(Number(cond.value))), nullable };
      case "between":
        if (!("min" in cond.value)) throw unsupported(field, cond.operator);
        return { sql: sql`${x} BETWEEN ${typed(cond.value.min)} AND ${typed(cond.value.max)}`, nullable };
      default:
        throw unsupported(field, cond.operator);
    }
  }

  private dateField(field: CatalogField, cond: FieldCondition): Expr {
    const nullable = field.nullable;
    const now = this.ctx.now;
    const today = utcDay(now);
    if (cond.operator === "is_set") {
      const x = field.source === "trait" ? this.traitDay(field) : this.col(field.column!);
      return { sql: sql`${x} IS NOT NULL`, nullable: false };
    }
    // Day-valued: date columns and date traits.
    if (field.source === "trait" || field.dateStorage === "date") {
      const isTrait = field.source === "trait";
      const x = isTrait ? this.traitDay(field) : this.col(field.column!);
      const day = (d: string) => (isTrait ? sql`(${d}::text COLLATE "C")` : sql`${d}::date`);
      const xc = isTrait ? sql`(${x} COLLATE "C")` : x;
      switch (cond.operator) {
        case "before":
          return { sql: sql`${xc} < ${day(cond.value)}`, nullable };
        case "after":
          return { sql: sql`${xc} > ${day(cond.value)}`, nullable };
        case "between":
          if (!("from" in cond.value)) throw unsupported(field, cond.operator);
          return { sql: sql`${xc} BETWEEN ${day(cond.value.from)} AND ${day(cond.value.to)}`, nullable };
        case "in_last": {
          const from = subtractUnitsFromDay(today, cond.value.amount, cond.value.unit);
          return { sql: sql`(${xc} >= ${day(from)} AND ${xc} <= ${day(today)})`, nullable };
        }
        case "more_than_ago":
          return { sql: sql`${xc} < ${day(subtractUnitsFromDay(today, cond.value.amount, cond.value.unit))}`, nullable };
        case "anniversary_within": {
          const md = isTrait ? sql`substr(${x}, 6, 5)` : sql`to_char(${x}, 'MM-DD')`;
          return { sql: sql`${md} = ANY(${anniversaryMonthDays(now, cond.value)}::text[])`, nullable };
        }
        default:
          throw unsupported(field, cond.operator);
      }
    }
    // Instant-valued: timestamptz and timestamp (UTC wall clock) columns.
    const x = this.col(field.column!);
    const at = (d: Date) => (field.dateStorage === "timestamp" ? sql`${naiveUtc(d)}::timestamp` : sql`${d.toISOString()}::timestamptz`);
    switch (cond.operator) {
      case "before":
      case "after":
      case "between":
      case "in_last":
      case "more_than_ago":
        return { sql: instantComparison(x, cond, now, at), nullable };
      case "anniversary_within": {
        const md =
          field.dateStorage === "timestamp" ? sql`to_char(${x}, 'MM-DD')` : sql`to_char(${x} AT TIME ZONE 'UTC', 'MM-DD')`;
        return { sql: sql`${md} = ANY(${anniversaryMonthDays(now, cond.value)}::text[])`, nullable };
      }
      default:
        throw unsupported(field, cond.operator);
    }
  }

  /** A date trait as its `YYYY-MM-DD` prefix, or NULL when it is not such a string. */
  private traitDay(field: CatalogField): Sql {
    return sql`(CASE WHEN jsonb_typeof(${this.traitJson(field)}) = 'string' AND ${this.traitText(field)} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' THEN left(${this.traitText(field)}, 10) END)`;
  }

  private booleanField(field: CatalogField, cond: FieldCondition): Expr {
    const x =
      field.source === "column"
        ? this.col(field.column!)
        : sql`(CASE WHEN jsonb_typeof(${this.traitJson(field)}) = 'boolean' THEN ${this.traitText(field)}::boolean END)`;
    const nullable = field.nullable;
    switch (cond.operator) {
      case "is_true":
        return { sql: sql`${x} = true`, nullable };
      case "is_false":
        return { sql: sql`${x} = false`, nullable };
      case "is_set":
        return { sql: sql`${x} IS NOT NULL`, nullable: false };
      default:
        throw unsupported(field, cond.operator);
    }
  }

  private tagsField(field: CatalogField, cond: FieldCondition): Expr {
    if (field.source === "column") {
      const x = this.col(field.column!);
      // A NULL list (where the column allows it) makes these NULL: negated, they match it.
      const nullable = field.nullable;
      switch (cond.operator) {
        case "has_any":
          return { sql: sql`${x} && ${cond.value}::text[]`, nullable };
        case "has_all":
          return { sql: sql`${x} @> ${cond.value}::text[]`, nullable };
        case "is_set":
          return { sql: sql`cardinality(${x}) > 0`, nullable };
        default:
          throw unsupported(field, cond.operator);
      }
    }
    // A tag trait's tags are the string elements of a JSON array; anything else is not set.
    const j = this.traitJson(field);
    const isArray = sql`jsonb_typeof(${j}) = 'array'`;
    switch (cond.operator) {
      case "has_any":
        return { sql: sql`(CASE WHEN ${isArray} THEN jsonb_exists_any(${j}, ${cond.value}::text[]) END)`, nullable: true };
      case "has_all":
        return { sql: sql`(CASE WHEN ${isArray} THEN jsonb_exists_all(${j}, ${cond.value}::text[]) END)`, nullable: true };
      case "is_set":
        return {
          sql: sql`(CASE WHEN ${isArray} THEN jsonb_path_exists(${j}, 'strict $[*] ? (@.type() == "string")') END)`,
          nullable: true,
        };
      default:
        throw unsupported(field, cond.operator);
    }
  }

  // ---- behavior -------------------------------------------------------------------------------

  private aggregateJoin(subject: Subject, window: Window, need: Agg): string {
    const key = JSON.stringify([subject, window]);
    let entry = this.joins.get(key);
    if (!entry) {
      entry = { alias: `b${this.joins.size}`, subject, window, needs: new Set() };
      this.joins.set(key, entry);
    }
    entry.needs.add(need);
    return entry.alias;
  }

  private agg(subject: Subject, window: Window, need: Agg): Sql {
    return raw(`"${this.aggregateJoin(subject, window, need)}"."${need}"`);
  }

  private behavior(cond: Extract<Condition, { type: "behavior" }>, negated: boolean): Sql {
    if (cond.kind === "never") {
      return finish({ sql: sql`${this.agg(cond.subject, cond.window, "cnt")} IS NULL`, nullable: false }, negated);
    }
    if (cond.kind === "occurrence") {
      const x = this.agg(cond.subject, { kind: "ever" }, cond.which === "first" ? "first_at" : "last_at");
      const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
      return finish({ sql: instantComparison(x, cond, this.ctx.now, at), nullable: true }, negated);
    }
    const cmp = positiveNumber(cond);
    const flip = cond.operator === "neq" ? !negated : negated;
    const { subject, window } = cond;
    switch (cond.aggregate) {
      case "count":
      case "sum": {
        const col = this.agg(subject, window, cond.aggregate === "count" ? "cnt" : "total");
        const integer = cond.aggregate === "count";
        // Without rows the count / sum is 0: keep the LEFT JOIN's NULL as "false" unless 0 matches.
        if (numberHolds(0, cmp)) return finish({ sql: numberSql(sql`COALESCE(${col}, 0)`, cmp, integer), nullable: false }, flip);
        return finish({ sql: numberSql(col, cmp, integer), nullable: true }, flip);
      }
      case "avg": {
        const total = this.agg(subject, window, "total");
        const cnt = this.agg(subject, window, "cnt");
        return finish({ sql: numberSql(sql`(${total} / ${cnt})`, cmp), nullable: true }, flip);
      }
      case "min":
      case "max":
        return finish({ sql: numberSql(this.agg(subject, window, cond.aggregate === "min" ? "mn" : "mx"), cmp), nullable: true }, flip);
    }
  }

  // ---- value ----------------------------------------------------------------------------------

  private value(cond: Extract<Condition, { type: "value" }>, negated: boolean): Sql {
    const ever: Window = { kind: "ever" };
    const orders: Subject = { source: "orders" };
    if (cond.metric === "rfm_segment") {
      this.rfm = true;
      return finish({ sql: sql`"rfm"."seg" = ANY(${[...cond.value]}::text[])`, nullable: true }, cond.operator === "not_in" ? !negated : negated);
    }
    if (cond.metric === "lifecycle_stage") {
      const first = this.agg(orders, ever, "first_at");
      const last = this.agg(orders, ever, "last_at");
      const cut = lifecycleCutoffs(this.ctx.now, this.ctx.lifecycle);
      this.usesCustomer = true;
      const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
      const stage = sql`(CASE
        WHEN ${first} >= ${ts(cut.newSince)} THEN 'new'
        WHEN ${first} IS NULL AND COALESCE(c."firstSeenAt", c."createdAt" AT TIME ZONE 'UTC') >= ${ts(cut.newSince)} THEN 'new'
        WHEN ${last} >= ${ts(cut.activeSince)} THEN 'active'
        WHEN ${last} >= ${ts(cut.churnSince)} THEN 'at_risk'
        ELSE 'churned' END)`;
      return finish({ sql: sql`${stage} = ANY(${[...cond.value]}::text[])`, nullable: false }, cond.operator === "not_in" ? !negated : negated);
    }
    const cmp = positiveNumber(cond);
    const flip = cond.operator === "neq" ? !negated : negated;
    if (cond.metric === "clv") {
      const total = this.agg(orders, ever, "total");
      return finish({ sql: numberSql(sql`COALESCE(${total}, 0)`, cmp), nullable: false }, flip);
    }
    this.rfm = true;
    const score = raw(`"rfm"."${cond.metric === "rfm_recency" ? "r" : cond.metric === "rfm_frequency" ? "f" : "m"}"`);
    return finish({ sql: numberSql(score, cmp, true), nullable: true }, flip);
  }

  // ---- membership -----------------------------------------------------------------------------

  private membership(cond: MembershipCondition, negated: boolean): Sql {
    const neg = cond.operator === "not_in" || cond.operator === "not_matches" ? !negated : negated;
    if (cond.target === "segment") {
      const ref = this.ctx.references.segments.get(cond.id);
      if (!ref) throw notLoaded("segment", cond.id);
      if (ref.kind === "STATIC") return finish({ sql: this.staticMember(ref.id), nullable: false }, neg);
      return finish({ sql: this.inReference(`segment:${ref.id}`, ref.definition.root), nullable: false }, neg);
    }
    const persona = this.ctx.references.personas.get(cond.id);
    if (!persona) throw notLoaded("persona", cond.id);
    return finish({ sql: this.inReference(`persona:${persona.id}`, personaGroup(persona)), nullable: false }, neg);
  }

  /**
   * "The customer is a member of the referenced segment / persona": its rules are compiled once, by
   * a compiler of their own, into a MATERIALIZED CTE of member ids shared by every reference to it.
   */
  private inReference(key: string, root: Group): Sql {
    this.usesCustomer = true;
    const program = this.program;
    let name = program.names.get(key);
    if (!name) {
      if (program.visiting.has(key)) throw new SegmentError("REFERENCE_CYCLE", "These segment references go round in a circle.");
      program.visiting.add(key);
      try {
        const inner = new Compiler(this.ctx, program);
        const predicate = inner.node(root, false);
        name = `ref${program.names.size}`;
        // Its own references were added first, so the CTEs are in dependency order.
        program.ctes.push(
          sql`${raw(`"${name}"`)} AS MATERIALIZED (SELECT c."id" FROM ${inner.from()} WHERE ${inner.workspace()} AND ${predicate})`,
        );
        program.names.set(key, name);
      } finally {
        program.visiting.delete(key);
      }
    }
    return sql`c."id" IN (SELECT ${raw(`"${name}"."id"`)} FROM ${raw(`"${name}"`)})`;
  }

  /** The customer was added by hand to static segment `segmentId` (a row of "SegmentMember"). */
  private staticMember(segmentId: string): Sql {
    this.usesCustomer = true;
    return sql`EXISTS (SELECT 1 FROM "SegmentMember" sm WHERE sm."workspaceId" = ${this.ws} AND sm."segmentId" = ${segmentId}::text AND sm."customerId" = c."id")`;
  }

  // ---- FROM -----------------------------------------------------------------------------------

  from(): Sql {
    const parts: Sql[] = [sql`"Customer" c`];
    for (const j of this.joins.values()) parts.push(this.joinSql(j, sql`c."id"`));
    if (this.rfm) parts.push(this.rfmJoin(sql`c."id"`));
    return join(parts, "\n");
  }

  /**
   * A FROM without "Customer", driven by the aggregate of `anchor`: valid for counting when the
   * predicate reads no customer column and implies a row in `anchor` (a positive, strict behavior
   * condition under top-level AND). Orders, events and metrics always belong to an existing
   * customer of the same workspace (composite foreign keys), so the count is the same.
   */
  anchoredFrom(anchor: AggregateJoin | "rfm"): Sql {
    if (anchor === "rfm") {
      // Driven by the scored customers themselves: their metrics, the boundaries, the scores.
      this.program.rfmBounds = true;
      const id = sql`"rfm_m"."customerId"`;
      const parts: Sql[] = [
        sql`(SELECT * FROM "CustomerMetrics" x WHERE x."workspaceId" = ${this.ws}) "rfm_m"
          CROSS JOIN "rfm_bounds" "rfm_b"
          CROSS JOIN LATERAL (${rfmScoreSql("rfm_m", "rfm_b")}) "rfm"`,
      ];
      for (const j of this.joins.values()) parts.push(this.joinSql(j, id));
      return join(parts, "\n");
    }
    const alias = raw(`"${anchor.alias}"`);
    const id = sql`${alias}."cid"`;
    const parts: Sql[] = [sql`(${this.subquerySql(anchor)}) ${alias}`];
    for (const j of this.joins.values()) if (j !== anchor) parts.push(this.joinSql(j, id));
    if (this.rfm) parts.push(this.rfmJoin(id));
    return join(parts, "\n");
  }

  /**
   * The customer's RFM scores as `"rfm"."r" | "f" | "m" | "seg"` (NULL without orders): their
   * metrics row by primary key, scored against the workspace's boundaries (one CTE row).
   */
  private rfmJoin(id: Sql): Sql {
    this.program.rfmBounds = true;
    return sql`CROSS JOIN "rfm_bounds" "rfm_b"
      LEFT JOIN "CustomerMetrics" "rfm_m" ON "rfm_m"."workspaceId" = ${this.ws} AND "rfm_m"."customerId" = ${id}
      LEFT JOIN LATERAL (${rfmScoreSql("rfm_m", "rfm_b")}) "rfm" ON "rfm_m"."customerId" IS NOT NULL`;
  }

  joinFor(subject: Subject, window: Window): AggregateJoin | undefined {
    return this.joins.get(JSON.stringify([subject, window]));
  }

  private joinSql(j: AggregateJoin, id: Sql): Sql {
    const alias = raw(`"${j.alias}"`);
    return sql`LEFT JOIN (${this.subquerySql(j)}) ${alias} ON ${alias}."cid" = ${id}`;
  }

  private subquerySql(j: AggregateJoin): Sql {
    const range = windowRange(j.window, this.ctx.now);
    const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
    const cols: Sql[] = [];
    if (j.subject.source === "orders" && j.subject.category === undefined && j.subject.channel === undefined && j.window.kind === "ever") {
      // All orders, ever: read the per-customer metrics kept current by triggers on "Order".
      return sql`SELECT m."customerId" AS "cid", m."orderCount" AS "cnt", m."totalSpent" AS "total", m."minAmount" AS "mn", m."maxAmount" AS "mx", m."firstOrderAt" AS "first_at", m."lastOrderAt" AS "last_at" FROM "CustomerMetrics" m WHERE m."workspaceId" = ${this.ws}`;
    }
    if (j.subject.source === "orders") {
      const conds: Sql[] = [sql`o."workspaceId" = ${this.ws}`];
      if (j.subject.category !== undefined) conds.push(sql`lower(o."category") = ${j.subject.category.toLowerCase()}::text`);
      if (j.subject.channel !== undefined) conds.push(sql`lower(o."channel") = ${j.subject.channel.toLowerCase()}::text`);
      if (range.from) conds.push(sql`o."orderedAt" >= ${ts(range.from)}`);
      if (range.to) conds.push(sql`o."orderedAt" < ${ts(range.to)}`);
      cols.push(sql`count(*) AS "cnt"`);
      if (j.needs.has("total")) cols.push(sql`sum(o."amount") AS "total"`);
      if (j.needs.has("mn")) cols.push(sql`min(o."amount") AS "mn"`);
      if (j.needs.has("mx")) cols.push(sql`max(o."amount") AS "mx"`);
      if (j.needs.has("first_at")) cols.push(sql`min(o."orderedAt") AS "first_at"`);
      if (j.needs.has("last_at")) cols.push(sql`max(o."orderedAt") AS "last_at"`);
      return sql`SELECT o."customerId" AS "cid", ${join(cols, ", ")} FROM "Order" o WHERE ${join(conds, " AND ")} GROUP BY o."customerId"`;
    }
    const conds: Sql[] = [sql`e."workspaceId" = ${this.ws}`, sql`e."name" = ${j.subject.name}::text`];
    if (j.subject.property)
      conds.push(sql`e."properties" -> ${j.subject.property.key}::text = ${JSON.stringify(j.subject.property.value)}::jsonb`);
    if (range.from) conds.push(sql`e."occurredAt" >= ${ts(range.from)}`);
    if (range.to) conds.push(sql`e."occurredAt" < ${ts(range.to)}`);
    cols.push(sql`count(*) AS "cnt"`);
    if (j.needs.has("first_at")) cols.push(sql`min(e."occurredAt") AS "first_at"`);
    if (j.needs.has("last_at")) cols.push(sql`max(e."occurredAt") AS "last_at"`);
    return sql`SELECT e."customerId" AS "cid", ${join(cols, ", ")} FROM "Event" e WHERE ${join(conds, " AND ")} GROUP BY e."customerId"`;
  }

  workspace(): Sql {
    return sql`c."workspaceId" = ${this.ws}`;
  }
}

// ---------------------------------------------------------------------------------------------
// helpers

function finish(expr: Expr, negated: boolean): Sql {
  if (!negated) return expr.sql;
  return expr.nullable ? sql`(${expr.sql}) IS NOT TRUE` : sql`NOT (${expr.sql})`;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function num(value: number): Sql {
  return sql`${String(value)}::numeric`;
}

function compare(x: Sql, op: "eq" | "lt" | "lte" | "gt" | "gte", v: Sql): Sql {
  switch (op) {
    case "eq":
      return sql`${x} = ${v}`;
    case "lt":
      return sql`${x} < ${v}`;
    case "lte":
      return sql`${x} <= ${v}`;
    case "gt":
      return sql`${x} > ${v}`;
    case "gte":
      return sql`${x} >= ${v}`;
  }
}

/** `integer`: x is an integer expression (a count, a score), compared with whole numbers as bigint. */
function numberSql(x: Sql, c: PositiveNumberComparison, integer = false): Sql {
  const v = (n: number) => (integer && Number.isSafeInteger(n) ? sql`${String(n)}::bigint` : num(n));
  if (c.operator === "between") return sql`${x} BETWEEN ${v(c.value.min)} AND ${v(c.value.max)}`;
  return compare(x, c.operator, v(c.value));
}

function instantComparison(x: Sql, c: FieldCondition | DateComparison, now: Date, at: (d: Date) => Sql): Sql {
  const b = instantBounds(c as DateComparison, now);
  const parts: Sql[] = [];
  if (b.from) parts.push(sql`${x} >= ${at(b.from)}`);
  if (b.to) parts.push(sql`${x} < ${at(b.to)}`);
  if (b.toInclusive) parts.push(sql`${x} <= ${at(b.toInclusive)}`);
  return parts.length === 1 ? parts[0]! : sql`(${join(parts, " AND ")})`;
}

function unsupported(field: CatalogField, operator: string): SegmentError {
  return new SegmentError("VALIDATION", `“${operator}” does not apply to ${field.label}.`);
}

function notLoaded(kind: "segment" | "persona", id: string): SegmentError {
  return new SegmentError("REFERENCE_NOT_LOADED", `The referenced ${kind} (${id}) was not loaded into the evaluation context.`);
}

// ---------------------------------------------------------------------------------------------
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

type Queryable = Pick<PrismaClient, "$queryRaw"> | Pick<Prisma.TransactionClient, "$queryRaw">;

function withWorkspace(ctx: EvaluationContext, workspaceId: string): CompileContext {
  return { ...ctx, workspaceId };
}

/** Number of customers of the workspace in the segment. */
export async function countSegment(
  db: Queryable,
  workspaceId: string,
  definition: SegmentDefinition,
  ctx: EvaluationContext,
): Promise<number> {
  const rows = await db.$queryRaw<{ count: number }[]>(countSql(compile(definition, withWorkspace(ctx, workspaceId))));
  return Number(rows[0]?.count ?? 0);
}

export type SegmentMember = {
  id: number;
  externalId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  country: string | null;
  city: string | null;
  createdAt: Date;
};

export type MemberOrder = "id" | "name" | "email" | "createdAt";
const ORDER_BY: Record<MemberOrder, { asc: Sql; desc: Sql }> = {
  id: { asc: sql`c."id" ASC`, desc: sql`c."id" DESC` },
  name: {
    asc: sql`c."lastName" ASC NULLS LAST, c."firstName" ASC NULLS LAST, c."id" ASC`,
    desc: sql`c."lastName" DESC NULLS LAST, c."firstName" DESC NULLS LAST, c."id" DESC`,
  },
  email: { asc: sql`c."email" ASC NULLS LAST, c."id" ASC`, desc: sql`c."email" DESC NULLS LAST, c."id" DESC` },
  createdAt: { asc: sql`c."createdAt" ASC, c."id" ASC`, desc: sql`c."createdAt" DESC, c."id" DESC` },
};

const MEMBER_COLUMNS = sql`c."id", c."externalId", c."email", c."firstName", c."lastName", c."country", c."city", c."createdAt"`;

/** One page of the segment's members. */
export async function listSegmentMembers(
  db: Queryable,
  workspaceId: string,
  definition: SegmentDefinition,
  ctx: EvaluationContext,
  options: { limit?: number; offset?: number; orderBy?: MemberOrder; direction?: "asc" | "desc" } = {},
): Promise<SegmentMember[]> {
  const limit = Math.max(1, Math.min(1000, Math.floor(options.limit ?? 50)));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const order = ORDER_BY[options.orderBy ?? "id"][options.direction ?? "asc"];
  const compiled = compile(definition, withWorkspace(ctx, workspaceId));
  return db.$queryRaw<SegmentMember[]>(
    sql`${compiled.with}SELECT ${MEMBER_COLUMNS} FROM ${compiled.from} WHERE ${compiled.where} ORDER BY ${order} LIMIT ${limit}::int OFFSET ${offset}::int`,
  );
}

/** Ids of all members, ascending (for tests, previews and small exports). */
export async function segmentMemberIds(
  db: Queryable,
  workspaceId: string,
  definition: SegmentDefinition,
  ctx: EvaluationContext,
): Promise<number[]> {
  const compiled = compile(definition, withWorkspace(ctx, workspaceId));
  const rows = await db.$queryRaw<{ id: number }[]>(
    sql`${compiled.with}SELECT c."id" FROM ${compiled.from} WHERE ${compiled.where} ORDER BY c."id"`,
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Streams members in id order, `batchSize` at a time (keyset pagination: each batch re-runs the
 * query after the last id seen, so memory stays flat for large exports).
 */
export async function* streamSegmentMembers(
  db: Queryable,
  workspaceId: string,
  definition: SegmentDefinition,
  ctx: EvaluationContext,
  options: { batchSize?: number } = {},
): AsyncGenerator<SegmentMember[]> {
  const batch = Math.max(1, Math.min(50_000, options.batchSize ?? 5000));
  const compiled = compile(definition, withWorkspace(ctx, workspaceId));
  let after = 0;
  for (;;) {
    const rows = await db.$queryRaw<SegmentMember[]>(
      sql`${compiled.with}SELECT ${MEMBER_COLUMNS} FROM ${compiled.from} WHERE ${compiled.where} AND c."id" > ${after}::int ORDER BY c."id" LIMIT ${batch}::int`,
    );
    if (rows.length === 0) return;
    yield rows;
    after = Number(rows[rows.length - 1]!.id);
    if (rows.length < batch) return;
  }
}

export type OverlapResult = {
  /** Size of each segment. */
  sizes: number[];
  /** `pairs[i][j]`: customers in both segment i and segment j (`pairs[i][i]` = sizes[i]). */
  pairs: number[][];
  /** Customers in every segment. */
  all: number;
  /** Customers in at least one segment. */
  any: number;
};

/** Sizes, pairwise overlaps, intersection and union of up to 8 segments, in one query. */
export async function overlapCounts(
  db: Queryable,
  workspaceId: string,
  definitions: SegmentDefinition[],
  ctx: EvaluationContext,
): Promise<OverlapResult> {
  if (definitions.length === 0) return { sizes: [], pairs: [], all: 0, any: 0 };
  if (definitions.length > 8) throw new SegmentError("VALIDATION", "Compare at most 8 segments at a time.");
  const { with: withClause, from, where, predicates } = compileMany(definitions, withWorkspace(ctx, workspaceId));
  const n = predicates.length;
  // Each predicate is evaluated once per customer (as a boolean column), then counted in combinations.
  const flags = predicates.map((p, i) => sql`COALESCE(${p}, false) AS ${raw(`"p${i}"`)}`);
  const p = (i: number) => raw(`"p${i}"`);
  const cols: Sql[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++)
      cols.push(i === j ? sql`count(*) FILTER (WHERE ${p(i)})::int` : sql`count(*) FILTER (WHERE ${p(i)} AND ${p(j)})::int`);
  cols.push(sql`count(*) FILTER (WHERE ${join(predicates.map((_, i) => p(i)), " AND ")})::int`);
  cols.push(sql`count(*) FILTER (WHERE ${join(predicates.map((_, i) => p(i)), " OR ")})::int`);
  const labelled = cols.map((col, k) => sql`${col} AS ${raw(`"k${k}"`)}`);
  const rows = await db.$queryRaw<Record<string, number>[]>(
    sql`${withClause}SELECT ${join(labelled, ", ")} FROM (SELECT ${join(flags, ", ")} FROM ${from} WHERE ${where}) "flags"`,
  );
  const row = rows[0] ?? {};
  const value = (k: number) => Number(row[`k${k}`] ?? 0);
  const pairs = Array.from({ length: n }, () => Array.from({ length: n }, () => 0));
  let k = 0;
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      pairs[i]![j] = value(k);
      pairs[j]![i] = value(k);
      k++;
    }
  return { sizes: pairs.map((p, i) => p[i]!), pairs, all: value(k), any: value(k + 1) };
}
