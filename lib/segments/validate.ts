/**
 * Validation of a definition: its shape (zod), then its meaning against the workspace's field
 * catalog, then (with a loader) its references to saved segments and personas. Every problem is
 * reported with the path of the offending node (`root.children[2].value`) and a message written
 * for the builder UI.
 */
import type { z } from "zod";
import type { FieldCatalog } from "@/lib/segments/catalog";
import {
  definitionSchema,
  LIMITS,
  OPERATOR_LABELS,
  OPERATORS_BY_TYPE,
  walkDefinition,
  type Condition,
  type FieldType,
  type SegmentDefinition,
  type Window,
} from "@/lib/segments/definition";
import { resolveReferences, type ReferenceLoader, type ReferenceSet } from "@/lib/segments/context";
import { SegmentError, type ValidationIssue } from "@/lib/segments/errors";
import { expandedSize, expandedSizeMessage, type ResolveReference } from "@/lib/segments/limits";
import { personaGroup } from "@/lib/segments/semantics";
import { summarizeIssues } from "@/lib/segments/describe-path";

/** The rules behind each loaded reference, for `expandedSize`. */
export function referenceResolver(references: ReferenceSet): ResolveReference {
  return (key) => {
    const i = key.indexOf(":");
    const id = key.slice(i + 1);
    if (key.startsWith("segment:")) {
      const segment = references.segments.get(id);
      return segment?.kind === "DYNAMIC" ? segment.definition.root : null;
    }
    const persona = references.personas.get(id);
    return persona ? personaGroup(persona) : null;
  };
}

export type ValidationResult =
  | { ok: true; definition: SegmentDefinition; references: ReferenceSet }
  | { ok: false; issues: ValidationIssue[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "definition";
}

function zodIssues(error: z.ZodError): ValidationIssue[] {
  const seen = new Set<string>();
  const out: ValidationIssue[] = [];
  for (const issue of error.issues) {
    const item = { path: formatPath(issue.path), message: friendly(issue) };
    const key = `${item.path}\u0000${item.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}

function friendly(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return `Remove the unknown ${issue.keys.length > 1 ? "keys" : "key"} ${issue.keys.join(", ")}.`;
  return issue.message;
}


const TYPE_LABELS: Record<FieldType, string> = {
  text: "a text field",
  number: "a number field",
  date: "a date field",
  boolean: "a yes/no field",
  tags: "a tag list",
};

function checkCondition(node: Condition, path: string, catalog: FieldCatalog, issues: ValidationIssue[]): void {
  const push = (suffix: string, message: string) => issues.push({ path: `${path}${suffix}`, message });
  if (node.type === "field") {
    const field = catalog.byKey.get(node.field);
    if (!field) {
      push(".field", `Unknown field “${node.field}”. Pick a field from the list.`);
      return;
    }
    if (!OPERATORS_BY_TYPE[field.type].includes(node.operator)) {
      push(
        ".operator",
        `“${OPERATOR_LABELS[node.operator]}” does not apply to ${field.label}, ${TYPE_LABELS[field.type]}.`,
      );
      return;
    }
    if (node.operator === "eq" || node.operator === "neq") {
      if (field.type === "text" && typeof node.value !== "string") push(".value", `${field.label} is text: enter a text value.`);
      // Refused here rather than in the schema, so saved rules with an empty value still read.
      else if (field.type === "text" && node.value === "") push(".value", "Enter a value.");
      if (field.type === "number" && typeof node.value !== "number") push(".value", `${field.label} is a number: enter a number.`);
    }
    if (node.operator === "between") {
      const v = node.value;
      if (field.type === "number") {
        if (!("min" in v)) push(".value", `${field.label} is a number: give a minimum and a maximum.`);
        else if (v.min > v.max) push(".value", `The minimum (${v.min}) is larger than the maximum (${v.max}).`);
      } else if (field.type === "date") {
        if (!("from" in v)) push(".value", `${field.label} is a date: give a start and an end date.`);
        else if (v.from > v.to) push(".value", `The start date (${v.from}) is after the end date (${v.to}).`);
      }
    }
    return;
  }
  if (node.type === "behavior") {
    if (node.kind !== "occurrence") checkWindow(node.window, `${path}.window`, issues);
    if (node.kind === "aggregate") {
      if (node.aggregate !== "count" && node.subject.source !== "orders")
        push(".aggregate", "Sum, average, minimum and maximum are of order amounts: choose orders, or count the events.");
      if (node.operator === "between" && node.value.min > node.value.max)
        push(".value", `The minimum (${node.value.min}) is larger than the maximum (${node.value.max}).`);
      if (node.aggregate === "count" && node.operator !== "between" && !Number.isInteger(node.value))
        push(".value", "A count is a whole number.");
    }
    if (node.kind === "occurrence" && node.operator === "between" && node.value.from > node.value.to)
      push(".value", `The start date (${node.value.from}) is after the end date (${node.value.to}).`);
    return;
  }
  if (node.type === "value") {
    if (node.metric === "rfm_segment" || node.metric === "lifecycle_stage") return;
    if (node.operator === "between" && node.value.min > node.value.max) {
      push(".value", `The minimum (${node.value.min}) is larger than the maximum (${node.value.max}).`);
      return;
    }
    const values = node.operator === "between" ? [node.value.min, node.value.max] : [node.value];
    if (node.metric === "p_alive") {
      if (values.some((v) => v < 0 || v > 1)) push(".value", "The probability of being active is between 0 and 1 (0.5 is 50%).");
    } else if (node.metric !== "clv" && node.metric !== "predicted_clv") {
      if (values.some((v) => !Number.isInteger(v) || v < 1 || v > 5)) push(".value", "RFM scores are whole numbers from 1 to 5.");
    }
  }
}

function checkWindow(window: Window, path: string, issues: ValidationIssue[]): void {
  if (window.kind === "between" && window.from > window.to)
    issues.push({ path, message: `The window starts (${window.from}) after it ends (${window.to}).` });
}

/** Shape and catalog checks (synchronous, no references). */
export function validateStructure(
  input: unknown,
  catalog: FieldCatalog,
): { ok: true; definition: SegmentDefinition } | { ok: false; issues: ValidationIssue[] } {
  const parsed = definitionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const definition = parsed.data;
  const issues: ValidationIssue[] = [];
  let conditions = 0;
  let tooDeepReported = false;
  walkDefinition(definition, (node, path, depth) => {
    if (node.type === "group") {
      if (depth > LIMITS.maxDepth && !tooDeepReported) {
        tooDeepReported = true;
        issues.push({ path, message: `Groups can be nested at most ${LIMITS.maxDepth} levels deep.` });
      }
      return;
    }
    conditions += 1;
    if (conditions === LIMITS.maxConditions + 1)
      issues.push({ path, message: `A segment can have at most ${LIMITS.maxConditions} conditions; this is one too many.` });
    checkCondition(node, path, catalog, issues);
  });
  return issues.length ? { ok: false, issues } : { ok: true, definition };
}

/**
 * Full validation: shape, catalog, and — given a loader scoped to the workspace — references
 * (unknown or other-workspace ids, broken referenced definitions, cycles through `selfId`).
 */
export async function validateDefinition(
  input: unknown,
  options: {
    catalog: FieldCatalog;
    loader?: ReferenceLoader;
    /** The saved segment (or persona) this definition belongs to, to refuse cycles back to it. */
    selfId?: string;
    selfKind?: "segment" | "persona";
  },
): Promise<ValidationResult> {
  const structural = validateStructure(input, options.catalog);
  if (!structural.ok) return structural;
  if (!options.loader) return { ok: true, definition: structural.definition, references: { segments: new Map(), personas: new Map() } };
  const resolved = await resolveReferences(structural.definition, options.loader, {
    selfId: options.selfId,
    selfKind: options.selfKind,
  });
  if (resolved.issues.length) return { ok: false, issues: resolved.issues };
  const size = expandedSize(structural.definition.root, referenceResolver(resolved.references));
  if (size > LIMITS.maxExpandedConditions) return { ok: false, issues: [{ path: "root", message: expandedSizeMessage(size) }] };
  return { ok: true, definition: structural.definition, references: resolved.references };
}

/** Like validateDefinition, but throws SegmentError("VALIDATION") with the issues. */
export async function assertValidDefinition(
  input: unknown,
  options: Parameters<typeof validateDefinition>[1],
): Promise<{ definition: SegmentDefinition; references: ReferenceSet }> {
  const result = await validateDefinition(input, options);
  if (!result.ok) {
    throw new SegmentError("VALIDATION", summarizeIssues(result.issues), result.issues);
  }
  return { definition: result.definition, references: result.references };
}
