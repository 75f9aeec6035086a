import { inputClass } from "@/components/segments/rule-inputs";
import type { catalogForClient } from "@/lib/segments/catalog";

/** Shared by the rule builder's editors: the catalog entry and reference types, the context passed down, and issue lookup. */
export type CatalogEntry = ReturnType<typeof catalogForClient>[number];
export type ReferenceOptions = {
  /** `kind` STATIC: a hand-picked list, labelled as such. */
  segments: { id: string; name: string; kind?: "DYNAMIC" | "STATIC" }[];
  /** `grounded`: it has rules or a linked segment (a persona without either matches no one). */
  personas: { id: string; name: string; isNegative: boolean; grounded?: boolean }[];
};
export type Issues = Record<string, string[]>;

export type Ctx = { catalog: CatalogEntry[]; refs: ReferenceOptions; issues: Issues; readOnly: boolean; selfId?: string };

export const input = inputClass;

export const today = () => new Date().toISOString().slice(0, 10);
export const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** Messages for exactly this node, and for its own fields (`path.value`, `path.window`…), not its children. */
export function issuesAt(issues: Issues, path: string): string[] {
  return Object.entries(issues)
    .filter(([p]) => p === path || (p.startsWith(`${path}.`) && !p.slice(path.length + 1).startsWith("children[")))
    .flatMap(([, messages]) => messages);
}
