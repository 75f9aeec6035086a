"use client";

import type { Group } from "@/lib/segments/definition";
import { RuleBuilder, type CatalogEntry, type ReferenceOptions } from "@/components/segments/rule-builder";

export function ReadOnlyRules({ root, catalog, refs }: { root: Group; catalog: CatalogEntry[]; refs: ReferenceOptions }) {
  return <RuleBuilder root={root} onChange={() => undefined} catalog={catalog} refs={refs} issues={{}} readOnly />;
}
