/**
 * The explanation of an in-memory match: the definition tree with each node's outcome and the
 * values compared. It goes to the browser, so it is capped (`capExplanation`).
 */
import type { SegmentNode } from "@/lib/segments/definition";

export type ExplanationValue = string | number | boolean | null | string[] | { [key: string]: ExplanationValue };

export type Explanation = {
  path: string;
  kind: SegmentNode["type"];
  matched: boolean;
  /** Group: "and" / "or"; condition: a short description such as `country eq`. */
  summary: string;
  negated?: boolean;
  /** The customer's value the condition compared (null when missing). */
  actual?: ExplanationValue;
  /** The value the condition compared against. */
  expected?: ExplanationValue;
  children?: Explanation[];
  /** A referenced segment / persona already explained above for this customer (not repeated). */
  repeated?: boolean;
  /** The explanation grew past MAX_EXPLANATION_NODES: the outcome holds, the details are left out. */
  omitted?: boolean;
};

/**
 * An explanation keeps at most this many nodes (the tree goes to the browser): the first ones in
 * breadth-first order, so the top of the tree stays; a node whose children were cut is `omitted`.
 */
export const MAX_EXPLANATION_NODES = 400;

export function capExplanation(root: Explanation, max = MAX_EXPLANATION_NODES): Explanation {
  const top = withoutChildren(root);
  let kept = 1;
  const queue: [Explanation, Explanation][] = [[root, top]];
  for (let i = 0; i < queue.length; i++) {
    const [source, target] = queue[i]!;
    const children = source.children ?? [];
    if (children.length === 0) continue;
    if (kept + children.length > max) {
      target.omitted = true;
      continue;
    }
    kept += children.length;
    target.children = children.map((child) => {
      const c = withoutChildren(child);
      queue.push([child, c]);
      return c;
    });
  }
  return top;
}

function withoutChildren(e: Explanation): Explanation {
  const out: Explanation = { ...e };
  delete out.children;
  return out;
}
