/**
 * Words for where a validation problem is, as a person sees the builder: `root.children[2].value`
 * reads “Rule 3”, `root.children[0].children[1].window` reads “Rule 2 inside rule 1 (a group), time
 * window”. Paths stay the machine key (the builder places issues on rules by path); this is only
 * the text shown where an issue is not placed on its rule: toasts, form errors, summaries.
 */
import type { ValidationIssue } from "@/lib/segments/errors";

/** What the part of a condition after its own path is called in the builder. */
const PART_LABELS: Record<string, string> = {
  field: "field",
  operator: "comparison",
  value: "value",
  "value.min": "minimum",
  "value.max": "maximum",
  "value.from": "start date",
  "value.to": "end date",
  "value.amount": "amount",
  "value.unit": "unit",
  window: "time window",
  "window.amount": "time window amount",
  "window.unit": "time window unit",
  "window.from": "time window start",
  "window.to": "time window end",
  subject: "orders or events",
  "subject.name": "event name",
  "subject.category": "order category",
  "subject.channel": "order channel",
  "subject.property": "event property",
  "subject.property.key": "event property name",
  "subject.property.value": "event property value",
  aggregate: "what is measured",
  which: "first or last",
  metric: "metric",
  target: "segment or persona",
  id: "choice",
  op: "all or any",
  negate: "NOT",
};

const STEP = /^\.?children\[(\d+)\]/;

/**
 * “Rule 2”, “Rule 1 inside rule 3 (a group)”, “Rule 1 inside rule 2 inside rule 3 (nested
 * groups), time window”, “The top group”, or “The rules” for a problem with the whole definition.
 * Rules are counted from 1 in the order the builder shows them.
 */
export function describePath(path: string): string {
  if (path === "root") return "The top group";
  if (!path.startsWith("root")) return "The rules";
  let rest = path.slice("root".length);
  const steps: number[] = [];
  for (let m = STEP.exec(rest); m; m = STEP.exec(rest)) {
    steps.push(Number(m[1]) + 1);
    rest = rest.slice(m[0].length);
  }
  const part = rest.replace(/^\./, "").replace(/\[(\d+)\]/g, ".$1");
  const label = part ? (PART_LABELS[part] ?? PART_LABELS[part.split(".")[0] ?? ""]) : undefined;
  if (steps.length === 0) return label ? `The top group, ${label}` : "The top group";
  const [inner, ...outer] = [...steps].reverse();
  let text = `Rule ${inner}`;
  if (outer.length) text += `${outer.map((n) => ` inside rule ${n}`).join("")} (${outer.length === 1 ? "a group" : "nested groups"})`;
  return label ? `${text}, ${label}` : text;
}

/** “Rule 2: pick a persona.” — the place, then the message (its first letter lowered unless it starts an acronym). */
export function describeIssue(issue: ValidationIssue): string {
  const m = issue.message;
  const lowered = /^[A-Z][a-z]/.test(m) && !/^[A-Z][a-z]*[A-Z]/.test(m.split(/\s/)[0] ?? "") ? m[0]?.toLowerCase() + m.slice(1) : m;
  return `${describePath(issue.path)}: ${lowered}`;
}

/** The one-line summary of a refused definition, naming the first problem in words. */
export function summarizeIssues(issues: readonly ValidationIssue[]): string {
  const first = issues[0];
  if (!first) return "The segment rules need a fix.";
  if (issues.length === 1) return `The segment rules need a fix. ${describeIssue(first)}`;
  return `The segment rules need ${issues.length} fixes. The first: ${describeIssue(first)}`;
}
