"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { ListChecks, Users } from "lucide-react";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { Group, SegmentDefinition } from "@/lib/segments/definition";
import { cn } from "@/components/ui/cn";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, FormError, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { RuleBuilder, type CatalogEntry, type ReferenceOptions } from "@/components/segments/rule-builder";
import { ExcludeNegatives } from "@/components/segments/exclude-negatives";
import { issuesStillCurrent, numberIssues, rulePath } from "@/lib/segments/builder-input";
import { summarizeIssues } from "@/lib/segments/describe-path";

type Preview = { size: number; total: number; sample: { id: number; name: string; email: string | null }[] };

export type SegmentFormProps = {
  slug: string;
  catalog: CatalogEntry[];
  refs: ReferenceOptions;
  preview: (input: unknown) => Promise<ActionResult<Preview>>;
  save: (input: unknown) => Promise<ActionResult<{ id: string; size: number }>>;
  initial?: { id: string; name: string; description: string | null; kind: SegmentKind; definition: SegmentDefinition; version: number };
  /** The kind a new segment starts as. */
  defaultKind?: SegmentKind;
};

export type SegmentKind = "DYNAMIC" | "STATIC";

const EMPTY_ROOT: Group = { type: "group", op: "and", children: [] };

const KINDS: { value: SegmentKind; label: string; hint: string }[] = [
  { value: "DYNAMIC", label: "Dynamic (rules)", hint: "Members are whoever matches the rules, recounted as your data changes." },
  { value: "STATIC", label: "Static (hand-picked list)", hint: "Members are the customers you add by hand from the Customers list." },
];

export function SegmentForm({ slug, catalog, refs, preview, save, initial, defaultKind = "DYNAMIC" }: SegmentFormProps) {
  const router = useRouter();
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  // The kind is chosen once, when the segment is created.
  const [kind, setKind] = useState<SegmentKind>(initial?.kind ?? defaultKind);
  const isStatic = kind === "STATIC";
  const [root, setRoot] = useState<Group>(initial && initial.kind === "DYNAMIC" ? initial.definition.root : EMPTY_ROOT);
  const [previewState, setPreviewState] = useState<{ data?: Preview; issues: Record<string, string[]>; checked?: Group; error?: string; loading: boolean }>({
    issues: {},
    loading: true,
  });
  const inFlight = useRef(false);
  const latest = useRef<string>("");

  // A static segment has no rules: it is saved with the empty definition.
  const definition: SegmentDefinition = { version: 1, root: isStatic ? EMPTY_ROOT : root };
  const key = JSON.stringify(root);
  // Numbers that cannot be used (an empty box, `1e`, `1e400`) stop the count and the save: the
  // rule never passes for something it does not say.
  const localIssues = isStatic ? [] : numberIssues(root);
  const blocked = localIssues.length > 0;
  const blockedMessage = blocked ? summarizeIssues(localIssues) : null;
  const [refused, setRefused] = useState(false);
  const [savedKey, setSavedKey] = useState<string | null>(null);

  // Previews are coalesced: at most one request is in flight; when it returns and the rules have
  // changed meanwhile, one more request is sent for the newest rules.
  const runPreview = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setPreviewState((s) => ({ ...s, loading: true }));
    try {
      for (;;) {
        const sent = latest.current;
        let result: ActionResult<Preview>;
        try {
          result = await preview({ definition: { version: 1, root: JSON.parse(sent) as Group }, selfId: initial?.id });
        } catch {
          setPreviewState({ issues: {}, error: "Could not reach the server.", loading: false });
          return;
        }
        if (sent !== latest.current) continue;
        setPreviewState(
          result.ok
            ? { data: result.data, issues: {}, loading: false }
            : { issues: result.fieldErrors ?? {}, checked: JSON.parse(sent) as Group, error: result.error, loading: false },
        );
        return;
      }
    } finally {
      inFlight.current = false;
    }
  }, [preview, initial?.id]);

  useEffect(() => {
    if (isStatic || blocked) return;
    latest.current = key;
    const timer = setTimeout(() => void runPreview(), 350);
    return () => clearTimeout(timer);
  }, [key, runPreview, isStatic, blocked]);

  const { execute, pending, fieldErrors, error } = useAction(save, {
    success: initial ? "Segment saved" : "Segment created",
    onSuccess: (data) => router.push(`/w/${slug}/segments/${data.id}`),
  });
  // A refused save's word on the rules holds until the rules change; then the live check speaks.
  const saveRefusedRules = Object.keys(fieldErrors).some((k) => k.startsWith("root"));
  const saveIssuesCurrent = saveRefusedRules && savedKey === key;
  const serverIssues = saveIssuesCurrent
    ? fieldErrors
    : previewState.checked
      ? issuesStillCurrent(previewState.issues, previewState.checked, root)
      : previewState.issues;
  // The server's word on a rule whose number is being retyped is out of date: leave it out.
  const editing = new Set(localIssues.map((i) => rulePath(i.path)));
  const ruleIssues = editing.size ? Object.fromEntries(Object.entries(serverIssues).filter(([p]) => !editing.has(rulePath(p)))) : serverIssues;
  const shown = blocked ? undefined : previewState.data;
  const pct = previewState.data && previewState.data.total > 0 ? (previewState.data.size / previewState.data.total) * 100 : 0;

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (blocked) {
          setRefused(true);
          return;
        }
        setRefused(false);
        setSavedKey(key);
        void execute(
          initial ? { id: initial.id, expectedVersion: initial.version, name, description, definition } : { name, description, kind, definition },
        );
      }}
      className="grid gap-6 xl:grid-cols-3"
    >
      <div className="space-y-6 xl:col-span-2">
        <Card>
          <CardBody className="grid gap-4 sm:grid-cols-2">
            <div className="sm:col-span-2">
              <FormError
                message={
                  refused && blockedMessage
                    ? blockedMessage
                    : error && !refused && (!saveRefusedRules || saveIssuesCurrent) && !Object.keys(fieldErrors).some((k) => k === "name" || k === "description")
                      ? error
                      : null
                }
              />
              {error && fieldErrors.form === undefined && error.startsWith("Someone else saved") && (
                <p className="mt-2 text-sm">
                  <button type="button" className="font-medium text-brand-700 underline" onClick={() => router.refresh()}>
                    Reload the latest version
                  </button>
                </p>
              )}
            </div>
            <Field id="segment-name" label="Name" errors={fieldErrors.name}>
              <Input id="segment-name" value={name} onChange={(e) => setName(e.target.value)} invalid={!!fieldErrors.name} placeholder="e.g. High-value outdoor fans" />
            </Field>
            <Field id="segment-description" label="Description" hint="Optional: who this is and what it is for." errors={fieldErrors.description}>
              <Input id="segment-description" value={description} onChange={(e) => setDescription(e.target.value)} />
            </Field>
            {!initial && (
              <fieldset className="sm:col-span-2">
                <legend className="text-sm font-medium text-slate-700">Type</legend>
                <div className="mt-1.5 grid gap-3 sm:grid-cols-2">
                  {KINDS.map((k) => (
                    <label
                      key={k.value}
                      className={cn(
                        "flex cursor-pointer gap-3 rounded-lg p-3 ring-1 ring-inset focus-within:ring-2 focus-within:ring-brand-600",
                        kind === k.value ? "bg-brand-50/60 ring-brand-300" : "ring-slate-200 hover:bg-slate-50",
                      )}
                    >
                      <input
                        type="radio"
                        name="segment-kind"
                        value={k.value}
                        checked={kind === k.value}
                        onChange={() => setKind(k.value)}
                        className="mt-0.5 size-4 accent-brand-600"
                        aria-labelledby={`segment-kind-${k.value}-label`}
                        aria-describedby={`segment-kind-${k.value}-hint`}
                      />
                      <span>
                        <span id={`segment-kind-${k.value}-label`} className="block text-sm font-medium text-slate-900">
                          {k.label}
                        </span>
                        <span id={`segment-kind-${k.value}-hint`} className="block text-xs text-slate-500">
                          {k.hint}
                        </span>
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
            )}
          </CardBody>
        </Card>
        {isStatic ? (
          <Card>
            <CardHeader title="Members" description="A static segment is a list you keep by hand; it has no rules." />
            <CardBody className="text-sm text-slate-600">
              <p>
                {initial
                  ? "Add customers from the Customers list; remove them on the segment's page."
                  : "It starts empty. To fill it, open Customers, select the people you want, and choose Add to static segment."}
              </p>
            </CardBody>
          </Card>
        ) : (
          <Card>
            <CardHeader title="Rules" description="Nest groups to combine AND, OR and NOT. Every change is counted live." />
            <CardBody className="space-y-3">
              <ExcludeNegatives root={root} onChange={setRoot} personas={refs.personas} />
              <RuleBuilder root={root} onChange={setRoot} catalog={catalog} refs={refs} issues={ruleIssues} selfId={initial?.id} />
            </CardBody>
          </Card>
        )}
      </div>
      <div className="space-y-6">
        <Card className="xl:sticky xl:top-6">
          <CardHeader title={isStatic ? "Static segment" : "Live size"} />
          <CardBody className="space-y-4">
            {isStatic ? (
              <p className="flex gap-2 text-sm text-slate-600">
                <ListChecks className="mt-0.5 size-4 shrink-0 text-slate-400" aria-hidden />
                Its size is the number of customers added to it.
              </p>
            ) : (
              <>
                <div aria-live="polite">
                  {blocked ? (
                    <>
                      <p className="text-sm text-slate-500">Not counted until the marked number is fixed.</p>
                      <p className="mt-1 text-xs font-medium text-red-600" data-testid="live-size-problem">
                        {blockedMessage}
                      </p>
                    </>
                  ) : shown ? (
                    <>
                      <p className="text-3xl font-semibold tabular-nums" data-testid="live-size">
                        {shown.size.toLocaleString("en-US")}
                      </p>
                      <p className="text-sm text-slate-500">
                        of {shown.total.toLocaleString("en-US")} customers ({pct.toFixed(1)}%)
                      </p>
                      <div className="mt-3 h-2 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuenow={Math.round(pct)} aria-valuemin={0} aria-valuemax={100} aria-label="Share of customers">
                        <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
                      </div>
                    </>
                  ) : (
                    <p className="text-sm text-slate-500">{previewState.loading ? "Counting…" : (previewState.error ?? "Fix the rules to see the size.")}</p>
                  )}
                  {!blocked && previewState.loading && shown && <p className="mt-1 text-xs text-slate-400">Updating…</p>}
                  {!blocked && !previewState.loading && previewState.error && shown === undefined && Object.keys(previewState.issues).length > 0 && (
                    <p className="mt-1 text-xs text-red-600">{Object.keys(previewState.issues).length} rule problem(s) are marked in red.</p>
                  )}
                </div>
                {shown && shown.sample.length > 0 && (
                  <div>
                    <p className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-400">Some members</p>
                    <ul className="space-y-1.5 text-sm">
                      {shown.sample.map((m) => (
                        <li key={m.id} className="flex items-center gap-2">
                          <Users className="size-3.5 text-slate-400" aria-hidden />
                          <span className="truncate">{m.name}</span>
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </>
            )}
            <div className="flex gap-2 border-t border-slate-100 pt-4">
              <Button type="submit" pending={pending}>
                {initial ? "Save segment" : "Create segment"}
              </Button>
              <Link href={initial ? `/w/${slug}/segments/${initial.id}` : `/w/${slug}/segments`} className={buttonClasses("secondary")}>
                Cancel
              </Link>
            </div>
          </CardBody>
        </Card>
      </div>
    </form>
  );
}
