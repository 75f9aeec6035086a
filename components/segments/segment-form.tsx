"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { Users } from "lucide-react";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { Group, SegmentDefinition } from "@/lib/segments/definition";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, FormError, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { RuleBuilder, type CatalogEntry, type ReferenceOptions } from "@/components/segments/rule-builder";

type Preview = { size: number; total: number; sample: { id: number; name: string; email: string | null }[] };

export type SegmentFormProps = {
  slug: string;
  catalog: CatalogEntry[];
  refs: ReferenceOptions;
  preview: (input: unknown) => Promise<ActionResult<Preview>>;
  save: (input: unknown) => Promise<ActionResult<{ id: string; size: number }>>;
  initial?: { id: string; name: string; description: string | null; definition: SegmentDefinition; version: number };
};

export function SegmentForm({ slug, catalog, refs, preview, save, initial }: SegmentFormProps) {
  const router = useRouter();
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [root, setRoot] = useState<Group>(initial?.definition.root ?? { type: "group", op: "and", children: [] });
  const [previewState, setPreviewState] = useState<{ data?: Preview; issues: Record<string, string[]>; error?: string; loading: boolean }>({
    issues: {},
    loading: true,
  });
  const inFlight = useRef(false);
  const latest = useRef<string>("");

  const definition: SegmentDefinition = { version: 1, root };
  const key = JSON.stringify(root);

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
          result.ok ? { data: result.data, issues: {}, loading: false } : { issues: result.fieldErrors ?? {}, error: result.error, loading: false },
        );
        return;
      }
    } finally {
      inFlight.current = false;
    }
  }, [preview, initial?.id]);

  useEffect(() => {
    latest.current = key;
    const timer = setTimeout(() => void runPreview(), 350);
    return () => clearTimeout(timer);
  }, [key, runPreview]);

  const { execute, pending, fieldErrors, error } = useAction(save, {
    success: initial ? "Segment saved" : "Segment created",
    onSuccess: (data) => router.push(`/w/${slug}/segments/${data.id}`),
  });
  const ruleIssues = Object.keys(fieldErrors).some((k) => k.startsWith("root")) ? fieldErrors : previewState.issues;
  const pct = previewState.data && previewState.data.total > 0 ? (previewState.data.size / previewState.data.total) * 100 : 0;

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void execute(initial ? { id: initial.id, expectedVersion: initial.version, name, description, definition } : { name, description, definition });
      }}
      className="grid gap-6 xl:grid-cols-3"
    >
      <div className="space-y-6 xl:col-span-2">
        <Card>
          <CardBody className="grid gap-4 sm:grid-cols-2">
            <div className="sm:col-span-2">
              <FormError message={error && !Object.keys(fieldErrors).some((k) => k === "name" || k === "description" || k.startsWith("root")) ? error : null} />
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
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Rules" description="Nest groups to combine AND, OR and NOT. Every change is counted live." />
          <CardBody>
            <RuleBuilder root={root} onChange={setRoot} catalog={catalog} refs={refs} issues={ruleIssues} selfId={initial?.id} />
          </CardBody>
        </Card>
      </div>
      <div className="space-y-6">
        <Card className="xl:sticky xl:top-6">
          <CardHeader title="Live size" />
          <CardBody className="space-y-4">
            <div aria-live="polite">
              {previewState.data ? (
                <>
                  <p className="text-3xl font-semibold tabular-nums" data-testid="live-size">
                    {previewState.data.size.toLocaleString("en-US")}
                  </p>
                  <p className="text-sm text-slate-500">
                    of {previewState.data.total.toLocaleString("en-US")} customers ({pct.toFixed(1)}%)
                  </p>
                  <div className="mt-3 h-2 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuenow={Math.round(pct)} aria-valuemin={0} aria-valuemax={100} aria-label="Share of customers">
                    <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
                  </div>
                </>
              ) : (
                <p className="text-sm text-slate-500">{previewState.loading ? "Counting…" : (previewState.error ?? "Fix the rules to see the size.")}</p>
              )}
              {previewState.loading && previewState.data && <p className="mt-1 text-xs text-slate-400">Updating…</p>}
              {!previewState.loading && previewState.error && previewState.data === undefined && Object.keys(previewState.issues).length > 0 && (
                <p className="mt-1 text-xs text-red-600">{Object.keys(previewState.issues).length} rule problem(s) are marked in red.</p>
              )}
            </div>
            {previewState.data && previewState.data.sample.length > 0 && (
              <div>
                <p className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-400">Some members</p>
                <ul className="space-y-1.5 text-sm">
                  {previewState.data.sample.map((m) => (
                    <li key={m.id} className="flex items-center gap-2">
                      <Users className="size-3.5 text-slate-400" aria-hidden />
                      <span className="truncate">{m.name}</span>
                    </li>
                  ))}
                </ul>
              </div>
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
