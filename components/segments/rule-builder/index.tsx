"use client";

import { type Group } from "@/lib/segments/definition";
import { type CatalogEntry, type ReferenceOptions, type Issues, type Ctx } from "./context";
import { GroupEditor } from "./group-editor";

export type { CatalogEntry, ReferenceOptions } from "./context";
export { defaultFieldCondition } from "./defaults";

/**
 * The segment rule builder: a tree of groups and conditions. One file per editor family —
 * group-editor (groups and the condition switch), field-editor, behavior-editor, value-editor,
 * membership-editor — with shared-editors (windows, subjects, number comparisons), defaults (what a
 * new rule starts as) and context (types passed down, issue lookup).
 */
export function RuleBuilder({
  root,
  onChange,
  catalog,
  refs,
  issues,
  readOnly = false,
  selfId,
}: {
  root: Group;
  onChange: (root: Group) => void;
  catalog: CatalogEntry[];
  refs: ReferenceOptions;
  issues: Issues;
  readOnly?: boolean;
  selfId?: string;
}) {
  const ctx: Ctx = { catalog, refs, issues, readOnly, selfId };
  return <GroupEditor group={root} path="root" depth={1} ctx={ctx} onChange={(g) => onChange(g)} />;
}
