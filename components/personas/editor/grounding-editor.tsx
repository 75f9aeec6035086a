"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import type { PersonaCardData } from "@/lib/dal/personas";
import type { Group } from "@/lib/segments/definition";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { RuleBuilder, type CatalogEntry, type ReferenceOptions } from "@/components/segments/rule-builder";
import { RulesDescriptionView } from "@/components/segments/rules-description";
import { describeRules, ruleLabels } from "@/lib/segments/describe-rules";
import type { Result, SaveFn } from "./use-autosave";

const emptyRoot = (): Group => ({ type: "group", op: "and", children: [] });

export type PreviewFn = (input: unknown) => Promise<Result<{ size: number; total: number }>>;

/**
 * Who matches the persona: a linked segment and/or rules of its own, saved explicitly (the
 * evidence is recomputed then), with a live count of unsaved rules. Saves go through the card's
 * queue (`enqueue`) so they never race an autosave.
 */
export function GroundingEditor({
  slug,
  card,
  readOnly,
  save,
  preview,
  flush,
  enqueue,
  versionRef,
  segments,
  catalog,
  refs,
}: {
  slug: string;
  card: PersonaCardData;
  readOnly: boolean;
  save: SaveFn;
  preview: PreviewFn;
  flush: () => Promise<unknown>;
  enqueue: <T>(fn: () => Promise<T>) => Promise<T>;
  versionRef: { current: number };
  segments: { id: string; name: string }[];
  catalog: CatalogEntry[];
  refs: ReferenceOptions;
}) {
  const router = useRouter();
  const [root, setRoot] = useState<Group>(card.definition?.root ?? emptyRoot());
  const [segmentId, setSegmentId] = useState(card.segmentId ?? "");
  const [ruleIssues, setRuleIssues] = useState<Record<string, string[]>>({});
  const [savingRules, setSavingRules] = useState(false);
  const groundingDirty = JSON.stringify(root) !== JSON.stringify(card.definition?.root ?? emptyRoot()) || segmentId !== (card.segmentId ?? "");

  // Live count of unsaved rules: the linked segment AND the rules, as the persona will match.
  const previewKey = groundingDirty && (segmentId || root.children.length) ? JSON.stringify([segmentId, root]) : null;
  const [previewed, setPreviewed] = useState<{ key: string; text: string; problem: boolean } | null>(null);
  useEffect(() => {
    if (!previewKey) return;
    let cancelled = false;
    const t = setTimeout(async () => {
      const children: Group["children"] = [];
      if (segmentId) children.push({ type: "membership", target: "segment", operator: "in", id: segmentId });
      if (root.children.length) children.push(root);
      const result = await preview({ definition: { version: 1, root: { type: "group", op: "and", children } } }).catch(() => null);
      if (cancelled || !result) return;
      setPreviewed(
        result.ok
          ? { key: previewKey, text: `${result.data.size.toLocaleString("en-US")} of ${result.data.total.toLocaleString("en-US")} customers would match`, problem: false }
          : { key: previewKey, text: result.error, problem: true },
      );
    }, 600);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [previewKey, root, segmentId, preview]);
  const livePreview = previewed && previewed.key === previewKey ? previewed : null;

  const saveGrounding = async () => {
    await flush();
    setSavingRules(true);
    const result = await enqueue(() =>
      save({
        id: card.id,
        expectedVersion: versionRef.current,
        definition: root.children.length ? { version: 1, root } : null,
        segmentId: segmentId || null,
      }),
    );
    setSavingRules(false);
    if (result.ok) {
      versionRef.current = result.data.version;
      setRuleIssues({});
      toast.success("Rules saved — the evidence is up to date.");
      router.refresh();
    } else {
      const issues: Record<string, string[]> = {};
      for (const [path, messages] of Object.entries(result.fieldErrors ?? {})) issues[path.replace(/^definition\./, "")] = messages;
      setRuleIssues(issues);
      toast.error(result.code === "CONFLICT" ? `${result.error} Reload the page to see their version.` : result.error);
    }
  };

  return (
    <section className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 print:hidden" aria-label="Rules">
      <h2 className="text-base font-semibold text-slate-900">Who matches this persona</h2>
      <p className="mt-0.5 text-xs text-slate-500">Link a segment, add rules of its own, or both (customers must match all).</p>
      <label className="mt-3 block text-xs font-medium text-slate-600" htmlFor="persona-segment">
        Linked segment
      </label>
      <select
        id="persona-segment"
        value={segmentId}
        disabled={readOnly}
        onChange={(e) => setSegmentId(e.target.value)}
        className="mt-1 h-9 w-full max-w-sm rounded-lg border-0 bg-white px-2 text-sm shadow-sm ring-1 ring-slate-300 ring-inset"
      >
        <option value="">No segment</option>
        {segments.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <div className="mt-3 overflow-x-auto text-sm">
        {readOnly ? (
          // Read only: the rules in words, as on a segment's page.
          <RulesDescriptionView
            description={describeRules({ version: 1, root }, ruleLabels(catalog, refs))}
            hrefs={{ segment: (id) => `/w/${slug}/segments/${id}`, persona: (id) => `/w/${slug}/personas/${id}` }}
          />
        ) : (
          <RuleBuilder root={root} onChange={setRoot} catalog={catalog} refs={{ ...refs, personas: refs.personas.filter((p) => p.id !== card.id) }} issues={ruleIssues} readOnly={readOnly} />
        )}
      </div>
      {!readOnly && (
        <div className="mt-3 flex items-center justify-end gap-2">
          {groundingDirty && (
            <span className={cn("text-xs", livePreview?.problem ? "text-red-700" : "text-amber-700")} data-testid="rules-preview" role="status">
              {livePreview ? livePreview.text : "Unsaved rules"}
            </span>
          )}
          <Button size="sm" onClick={() => void saveGrounding()} pending={savingRules} disabled={!groundingDirty}>
            Save rules
          </Button>
        </div>
      )}
    </section>
  );
}
