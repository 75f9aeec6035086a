/**
 * The in-memory matcher of one customer: walks the tree and explains each node; field conditions
 * are decided in fields.ts, behavior and value conditions in behavior.ts, memberships here (a
 * referenced segment or persona is decided once per customer however often it is referenced).
 */
import type { CatalogField } from "@/lib/segments/catalog";
import type { FieldCondition, Group, SegmentNode, Condition } from "@/lib/segments/definition";
import type { EvaluationContext } from "@/lib/segments/context";
import { SegmentError } from "@/lib/segments/errors";
import type { Explanation, ExplanationValue } from "@/lib/segments/explanation";
import type { CustomerHistory, CustomerRecord } from "@/lib/segments/match";
import { behaviorExplanation, valueExplanation } from "@/lib/segments/matcher/behavior";
import { evaluateField } from "@/lib/segments/matcher/fields";
import { personaGroup } from "@/lib/segments/semantics";
import { describeCondition, ruleLabels, type RuleLabels } from "@/lib/segments/describe-rules";

export class Matcher {
  private readonly visiting = new Set<string>();
  /** A referenced segment / persona decided once per customer, however often it is referenced. */
  private readonly decided = new Map<string, boolean>();
  constructor(
    readonly customer: CustomerRecord,
    readonly history: CustomerHistory,
    readonly ctx: EvaluationContext,
  ) {}

  node(node: SegmentNode, path: string): Explanation {
    if (node.type === "group") return this.group(node, path);
    // Each condition reads as on the segment page (describe-rules.ts): “Country is United States”.
    return { ...this.condition(node, path), summary: describeCondition(node, this.labels()) };
  }

  private condition(node: Condition, path: string): Explanation {
    switch (node.type) {
      case "field":
        return this.field(node, path);
      case "behavior":
        return behaviorExplanation(this, node, path);
      case "value":
        return valueExplanation(this, node, path);
      case "membership":
        return this.membership(node, path);
    }
  }

  private ruleLabels: RuleLabels | undefined;
  private labels(): RuleLabels {
    this.ruleLabels ??= ruleLabels(this.ctx.catalog.fields, {
      segments: [...this.ctx.references.segments.values()],
      personas: [...this.ctx.references.personas.values()],
    });
    return this.ruleLabels;
  }

  private group(group: Group, path: string): Explanation {
    const children = group.children.map((child, i) => this.node(child, `${path}.children[${i}]`));
    const combined = group.op === "and" ? children.every((c) => c.matched) : children.some((c) => c.matched);
    const negated = group.negate ?? false;
    return { path, kind: "group", summary: group.op, negated, matched: negated ? !combined : combined, children };
  }


  // ---- fields ---------------------------------------------------------------------------------

  private field(cond: FieldCondition, path: string): Explanation {
    const field = this.ctx.catalog.byKey.get(cond.field);
    if (!field) throw new SegmentError("VALIDATION", `Unknown field “${cond.field}”.`, [{ path: `${path}.field`, message: `Unknown field “${cond.field}”.` }]);
    const raw = this.rawValue(field);
    const { actual, matched } = evaluateField(field, cond, raw, this.ctx.now);
    return {
      path,
      kind: "field",
      summary: `${cond.field} ${cond.operator}`,
      matched,
      actual,
      expected: "value" in cond ? (cond.value as ExplanationValue) : null,
    };
  }

  private rawValue(field: CatalogField): unknown {
    // A derived field reads the column it is computed from (Age: the birth date).
    if (field.source === "column" || field.source === "derived") return (this.customer as unknown as Record<string, unknown>)[field.column!];
    const traits = this.customer.traits;
    if (!traits || typeof traits !== "object" || Array.isArray(traits)) return undefined;
    return (traits as Record<string, unknown>)[field.traitKey!];
  }


  // ---- membership -----------------------------------------------------------------------------

  private membership(cond: Extract<Condition, { type: "membership" }>, path: string): Explanation {
    const key = `${cond.target}:${cond.id}`;
    let name: string;
    let decide: (innerPath: string) => Explanation;
    if (cond.target === "segment") {
      const ref = this.ctx.references.segments.get(cond.id);
      if (!ref) throw new SegmentError("REFERENCE_NOT_LOADED", `The referenced segment (${cond.id}) was not loaded.`);
      name = ref.name;
      decide = (p) => (ref.kind === "STATIC" ? this.staticSegment(ref, p) : this.node(ref.definition.root, p));
    } else {
      const persona = this.ctx.references.personas.get(cond.id);
      if (!persona) throw new SegmentError("REFERENCE_NOT_LOADED", `The referenced persona (${cond.id}) was not loaded.`);
      name = persona.name;
      decide = (p) => this.node(personaGroup(persona), p);
    }
    const negative = cond.operator === "not_in" || cond.operator === "not_matches";
    const known = this.decided.get(key);
    let inner: Explanation | undefined;
    let isIn: boolean;
    if (known !== undefined) {
      // Decided earlier for this customer: not evaluated (nor explained) again.
      isIn = known;
    } else {
      if (this.visiting.has(key)) throw new SegmentError("REFERENCE_CYCLE", "These segment references go round in a circle.");
      this.visiting.add(key);
      try {
        inner = decide(`${path}.${cond.target}`);
      } finally {
        this.visiting.delete(key);
      }
      isIn = inner.matched;
      this.decided.set(key, isIn);
    }
    const explanation: Explanation = {
      path,
      kind: "membership",
      summary: `${cond.operator} ${cond.target} “${name}”`,
      matched: negative ? !isIn : isIn,
      actual: isIn,
      expected: cond.id,
    };
    if (inner) explanation.children = [inner];
    else explanation.repeated = true;
    return explanation;
  }

  /** A static segment: the customer is in it exactly when they were added to it by hand. */
  staticSegment(segment: { id: string; name: string }, path: string): Explanation {
    if (!this.ctx.staticMember)
      throw new SegmentError("REFERENCE_NOT_LOADED", "The members of static segments were not loaded into the evaluation context.");
    const added = this.ctx.staticMember(segment.id, this.customer.id);
    return {
      path,
      kind: "membership",
      summary: `${added ? "added" : "not added"} by hand to the static segment “${segment.name}”`,
      matched: added,
    };
  }
}

