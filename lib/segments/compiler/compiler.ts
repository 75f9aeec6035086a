/**
 * The compiler of one definition (and, through `Program`, of every segment or persona it
 * references): walks the tree, pushing negations down to the conditions (De Morgan), and hands each
 * condition to its part — fields.ts, behavior.ts, values.ts — or compiles a membership here. It
 * collects what the statement needs (aggregate joins, RFM scores, reference CTEs) and builds the
 * FROM clause.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { rfmScoreSql } from "@/lib/analytics/rfm";
import type { CatalogField } from "@/lib/segments/catalog";
import type { Condition, Group, MembershipCondition, SegmentNode, Subject, Window } from "@/lib/segments/definition";
import type { EvaluationContext } from "@/lib/segments/context";
import { SegmentError } from "@/lib/segments/errors";
import { personaGroup } from "@/lib/segments/semantics";
import { AggregateJoins, type Agg, type AggregateJoin } from "@/lib/segments/compiler/aggregates";
import { behaviorSql } from "@/lib/segments/compiler/behavior";
import { FieldCompiler } from "@/lib/segments/compiler/fields";
import { Program } from "@/lib/segments/compiler/program";
import { FALSE, TRUE, column, finish, notLoaded, type Sql } from "@/lib/segments/compiler/sql";
import { valueSql, type ValueScope } from "@/lib/segments/compiler/values";

const { sql, join, raw } = Prisma;

export type CompileContext = EvaluationContext & { workspaceId: string };

export class Compiler implements ValueScope {
  private readonly aggregates: AggregateJoins;
  private readonly fields: FieldCompiler;
  private rfm = false;
  private readonly ws: Sql;
  readonly program: Program;
  /** Whether the predicate reads "Customer" columns (or only per-customer aggregates). */
  usesCustomer = false;

  constructor(
    readonly ctx: CompileContext,
    program?: Program,
  ) {
    this.ws = sql`${ctx.workspaceId}::uuid`;
    this.program = program ?? new Program(this.ws);
    this.aggregates = new AggregateJoins(this.ws, ctx.now);
    this.fields = new FieldCompiler(this);
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
        return this.fields.field(node, negated);
      case "behavior":
        return behaviorSql(this, node, negated);
      case "value":
        return valueSql(this, node, negated);
      case "membership":
        return this.membership(node, negated);
    }
  }

  // ---- what the parts read ----------------------------------------------------------------------

  col(name: string): Sql {
    this.usesCustomer = true;
    return column(name);
  }

  traitJson(field: CatalogField): Sql {
    this.usesCustomer = true;
    return sql`(c."traits" -> ${field.traitKey ?? ""}::text)`;
  }

  traitText(field: CatalogField): Sql {
    this.usesCustomer = true;
    return sql`(c."traits" ->> ${field.traitKey ?? ""}::text)`;
  }

  agg(subject: Subject, window: Window, need: Agg): Sql {
    return this.aggregates.agg(subject, window, need);
  }

  useCustomer(): void {
    this.usesCustomer = true;
  }

  useRfm(): void {
    this.rfm = true;
  }

  prediction(column: "predictedClv" | "pAlive"): Sql {
    this.usesCustomer = true;
    return sql`(SELECT cp.${raw(`"${column}"`)} FROM "CustomerPrediction" cp WHERE cp."workspaceId" = ${this.ws} AND cp."customerId" = c."id")`;
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
    for (const j of this.aggregates.values()) parts.push(this.aggregates.joinSql(j, sql`c."id"`));
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
      for (const j of this.aggregates.values()) parts.push(this.aggregates.joinSql(j, id));
      return join(parts, "\n");
    }
    const alias = raw(`"${anchor.alias}"`);
    const id = sql`${alias}."cid"`;
    const parts: Sql[] = [sql`(${this.aggregates.subquerySql(anchor)}) ${alias}`];
    for (const j of this.aggregates.values()) if (j !== anchor) parts.push(this.aggregates.joinSql(j, id));
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
    return this.aggregates.joinFor(subject, window);
  }

  workspace(): Sql {
    return sql`c."workspaceId" = ${this.ws}`;
  }
}
