/**
 * What the rule builder does with what people type, kept pure so it can be tested: numbers are
 * read strictly (an empty box or `1e` is not 0), text is trimmed, and a rule holding a number that
 * cannot be used is reported by path before anything is counted or saved.
 */
import { walkDefinition, type Condition, type Group, type SegmentNode } from "@/lib/segments/definition";
import type { ValidationIssue } from "@/lib/segments/errors";

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The number a box holds: NaN when it is empty or not a number (`1e`, `12abc`, `0x10`, `1,5`),
 * ±Infinity when it is too large to represent (`1e400`), else the number. Surrounding spaces are
 * ignored. The builder keeps NaN / Infinity in the rule so it can never pass for a real value.
 */
export function parseNumberText(text: string): number {
  const s = text.trim();
  return NUMBER_TEXT.test(s) ? Number(s) : Number.NaN;
}

/** The message for a number that cannot be used, or null for a finite one. */
export function numberProblem(value: number): string | null {
  if (Number.isNaN(value)) return "Enter a number.";
  if (!Number.isFinite(value)) return "That number is too large to use: enter a smaller one.";
  return null;
}

/** How a number is shown in its box (empty for one that cannot be used). */
export function numberText(value: number): string {
  return Number.isFinite(value) ? String(value) : "";
}

/** Every number in one condition that is empty, malformed or out of range, by the path of its box. */
export function conditionNumberIssues(condition: Condition, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const scan = (value: unknown, at: string) => {
    if (typeof value === "number") {
      const message = numberProblem(value);
      if (message) issues.push({ path: at, message });
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => scan(v, `${at}[${i}]`));
    } else if (value !== null && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) scan(v, `${at}.${key}`);
    }
  };
  for (const [key, v] of Object.entries(condition)) scan(v, `${path}.${key}`);
  return issues;
}

/** Every number in the rules that is empty, malformed or out of range, in the order the builder shows them. */
export function numberIssues(root: Group): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  walkDefinition({ version: 1, root }, (node, path) => {
    if (node.type !== "group") issues.push(...conditionNumberIssues(node, path));
  });
  return issues;
}

/** A comma-separated list as its values: each trimmed, empty ones left out. */
export function splitList(text: string): string[] {
  return text
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
}

/** The path of the rule a path belongs to: `root.children[0].children[2].value.min` → `root.children[0].children[2]`. */
export function rulePath(path: string): string {
  return /^root(?:\.children\[\d+\])*/.exec(path)?.[0] ?? path;
}

/** The node at a rule path (`root.children[1].children[0]`), or undefined when the rules have no such node. */
export function nodeAtPath(root: Group, path: string): SegmentNode | undefined {
  let node: SegmentNode | undefined = root;
  for (const m of path.slice("root".length).matchAll(/\.children\[(\d+)\]/g)) {
    node = node?.type === "group" ? node.children[Number(m[1])] : undefined;
  }
  return path.startsWith("root") ? node : undefined;
}

/**
 * Issues from a check of `checked` that still hold for `current`: those of rules that have not
 * changed since. (The check of the newest rules may be pending, or paused by a number to fix.)
 */
export function issuesStillCurrent(issues: Record<string, string[]>, checked: Group, current: Group): Record<string, string[]> {
  const same = (path: string) => {
    const rule = rulePath(path);
    return JSON.stringify(nodeAtPath(checked, rule)) === JSON.stringify(nodeAtPath(current, rule));
  };
  return Object.fromEntries(Object.entries(issues).filter(([path]) => !path.startsWith("root") || same(path)));
}
