/**
 * "Exclude negative personas" in the builder: one rule "does not match persona P" per negative
 * persona, at the top level of the definition, so the exclusion is visible and editable as rules.
 */
import type { Group, MembershipCondition } from "@/lib/segments/definition";

type PersonaExclusion = Extract<MembershipCondition, { target: "persona" }> & { operator: "not_matches" };

function isPersonaExclusion(node: Group["children"][number]): node is PersonaExclusion {
  return node.type === "membership" && node.target === "persona" && node.operator === "not_matches";
}

/** Ids of the personas the top level of `root` already excludes (only under AND does that exclude). */
export function excludedPersonaIds(root: Group): Set<string> {
  if (root.op !== "and" || root.negate) return new Set();
  return new Set(root.children.filter(isPersonaExclusion).map((c) => c.id));
}

/**
 * `root` with a "does not match" rule for each persona in `ids` it does not exclude yet. A root that
 * is an OR (or negated) group becomes the first child of a new AND group, so its meaning is kept.
 */
export function excludePersonas(root: Group, ids: readonly string[]): Group {
  const already = excludedPersonaIds(root);
  const missing = [...new Set(ids)].filter((id) => !already.has(id));
  if (missing.length === 0) return root;
  const rules: PersonaExclusion[] = missing.map((id) => ({ type: "membership", target: "persona", operator: "not_matches", id }));
  if (root.op === "and" && !root.negate) return { ...root, children: [...root.children, ...rules] };
  return { type: "group", op: "and", children: root.children.length ? [root, ...rules] : rules };
}

/** `root` without the top-level exclusion rules of the personas in `ids`. */
export function includePersonas(root: Group, ids: readonly string[]): Group {
  const drop = new Set(ids);
  if (root.op !== "and" || root.negate) return root;
  return { ...root, children: root.children.filter((c) => !(isPersonaExclusion(c) && drop.has(c.id))) };
}
