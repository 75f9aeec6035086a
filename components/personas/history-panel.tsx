"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { History, Loader2, RotateCcw, X } from "lucide-react";
import { changedFields, fieldLabel, showValue, type PersonaSnapshot, type SnapshotField } from "@/lib/personas/fields";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

type Result<T> = { ok: true; data: T } | { ok: false; code: string; error: string };

type Revision = {
  id: string;
  version: number;
  changedFields: string[];
  restoredFrom: number | null;
  created: boolean;
  actor: string | null;
  savedAt: string;
};
type HistoryData = { version: number; revisions: Revision[] };
type Detail = { id: string; version: number; snapshot: PersonaSnapshot; previous: PersonaSnapshot | null; segmentNames: Record<string, string> };

export type HistoryPanelProps = {
  personaId: string;
  canEdit: boolean;
  load: (input: unknown) => Promise<Result<HistoryData>>;
  loadRevision: (input: unknown) => Promise<Result<Detail>>;
  restore: (input: unknown) => Promise<Result<{ version: number; restoredFrom: number }>>;
};

const when = (iso: string) =>
  new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }).format(new Date(iso));

function summary(r: Revision): string {
  if (r.restoredFrom !== null) return `Restored version ${r.restoredFrom}`;
  if (r.created) return "Created";
  if (!r.actor && !r.changedFields.length) return "Earlier state";
  if (!r.changedFields.length) return "No visible changes";
  const labels = r.changedFields.map(fieldLabel);
  return labels.length > 4 ? `${labels.slice(0, 4).join(", ")} and ${labels.length - 4} more` : labels.join(", ");
}

/**
 * "History": a drawer listing the persona's versions (who, when, which fields), a read-only diff
 * of the chosen version against the one before it (or a preview of the whole card), and — for
 * editors — "Restore this version" after a confirmation. The restore names the card's version as
 * loaded here, so an edit saved in between is never overwritten; the page reloads after it.
 */
export function HistoryPanel({ personaId, canEdit, load, loadRevision, restore }: HistoryPanelProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [data, setData] = useState<HistoryData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [detailError, setDetailError] = useState<string | null>(null);
  const [mode, setMode] = useState<"changes" | "preview">("changes");
  const [confirming, setConfirming] = useState(false);
  const [restoring, setRestoring] = useState(false);

  const request = useRef(0);

  /** Shows one version: loads its snapshot and the one before it (a later choice wins). */
  const choose = useCallback(
    async (revisionId: string) => {
      const n = ++request.current;
      setSelected(revisionId);
      setDetail(null);
      setDetailError(null);
      setConfirming(false);
      const result = await loadRevision({ personaId, revisionId }).catch(() => null);
      if (n !== request.current) return;
      if (!result) setDetailError("We could not reach the server. Try again.");
      else if (!result.ok) setDetailError(result.error);
      else setDetail(result.data);
    },
    [loadRevision, personaId],
  );

  const refresh = useCallback(async () => {
    setError(null);
    const result = await load({ id: personaId }).catch(() => null);
    if (!result) setError("We could not reach the server. Try again.");
    else if (!result.ok) setError(result.error);
    else {
      setData(result.data);
      const first = result.data.revisions[0];
      if (first) void choose(first.id);
    }
  }, [load, personaId, choose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const show = () => {
    setOpen(true);
    setData(null);
    setSelected(null);
    setDetail(null);
    void refresh();
  };

  const doRestore = async () => {
    if (!data || !detail) return;
    setRestoring(true);
    const result = await restore({ personaId, revisionId: detail.id, expectedVersion: data.version }).catch(() => null);
    if (!result) {
      setRestoring(false);
      toast.error("We could not reach the server. Try again.");
      return;
    }
    if (!result.ok) {
      setRestoring(false);
      setConfirming(false);
      toast.error(result.code === "CONFLICT" ? `${result.error} The list is up to date now: try again.` : result.error);
      if (result.code === "CONFLICT") void refresh();
      return;
    }
    toast.success(`Restored version ${result.data.restoredFrom} as version ${result.data.version}`);
    // The card on the page holds the old version: load the page again.
    window.location.reload();
  };

  const current = data?.revisions.find((r) => r.id === selected) ?? null;
  const isCurrent = !!data && !!current && current.version === data.version;
  const diff: SnapshotField[] = detail ? (detail.previous ? changedFields(detail.previous, detail.snapshot) : []) : [];
  const value = (field: SnapshotField, v: unknown) =>
    field === "segmentId" && typeof v === "string" ? (detail?.segmentNames[v] ?? "A deleted segment") : showValue(v);

  return (
    <>
      <button type="button" onClick={show} className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs text-slate-500 hover:bg-slate-100 hover:text-slate-900">
        <History className="size-3.5" /> History
      </button>
      <dialog
        ref={ref}
        onClose={() => setOpen(false)}
        onCancel={() => setOpen(false)}
        aria-labelledby="history-title"
        className="m-0 ml-auto h-full max-h-none w-full max-w-3xl bg-white p-0 shadow-2xl ring-1 ring-slate-200 backdrop:bg-slate-900/30"
      >
        {open && (
          <div className="flex h-full flex-col">
            <header className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
              <div>
                <h2 id="history-title" className="text-base font-semibold text-slate-900">
                  History
                </h2>
                <p className="text-xs text-slate-500">Saves by one person within 10 minutes are grouped into one version.</p>
              </div>
              <button type="button" onClick={() => setOpen(false)} className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100" aria-label="Close history">
                <X className="size-4" />
              </button>
            </header>
            {error ? (
              <div className="p-5 text-sm text-red-700" role="alert">
                {error}{" "}
                <button type="button" className="underline" onClick={() => void refresh()}>
                  Try again
                </button>
              </div>
            ) : !data ? (
              <div className="flex flex-1 items-center justify-center text-sm text-slate-500">
                <Loader2 className="mr-2 size-4 animate-spin" /> Loading history…
              </div>
            ) : data.revisions.length === 0 ? (
              <p className="p-5 text-sm text-slate-500">No versions recorded yet. Each save from now on appears here.</p>
            ) : (
              <div className="grid min-h-0 flex-1 grid-cols-[15rem_1fr]">
                <ol aria-label="Versions" className="overflow-y-auto border-r border-slate-200">
                  {data.revisions.map((r) => (
                    <li key={r.id}>
                      <button
                        type="button"
                        onClick={() => void choose(r.id)}
                        aria-current={r.id === selected ? "true" : undefined}
                        className={cn(
                          "w-full border-b border-slate-100 px-4 py-3 text-left text-sm hover:bg-slate-50",
                          r.id === selected && "bg-brand-50 hover:bg-brand-50",
                        )}
                      >
                        <span className="flex items-center justify-between gap-2">
                          <span className="font-medium text-slate-900">Version {r.version}</span>
                          {r.version === data.version && <span className="rounded bg-emerald-50 px-1.5 text-[11px] font-medium text-emerald-700 ring-1 ring-emerald-200">Current</span>}
                        </span>
                        <span className="mt-0.5 block text-xs text-slate-500">
                          {r.actor ?? "Before history began"} · {when(r.savedAt)}
                        </span>
                        <span className="mt-1 block truncate text-xs text-slate-700">{summary(r)}</span>
                      </button>
                    </li>
                  ))}
                </ol>
                <section aria-label="Selected version" className="flex min-h-0 flex-col">
                  <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-5 py-2">
                    <div role="tablist" aria-label="Show" className="flex gap-1 text-xs">
                      {(["changes", "preview"] as const).map((m) => (
                        <button
                          key={m}
                          type="button"
                          role="tab"
                          aria-selected={mode === m}
                          onClick={() => setMode(m)}
                          className={cn("rounded-md px-2 py-1 font-medium", mode === m ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100")}
                        >
                          {m === "changes" ? "Changes" : "Whole card"}
                        </button>
                      ))}
                    </div>
                    {isCurrent && <span className="text-xs text-slate-500">This is the card as it is now.</span>}
                    {canEdit && current && !isCurrent && !confirming && (
                      <Button size="sm" variant="secondary" disabled={!detail} onClick={() => setConfirming(true)}>
                        <RotateCcw className="size-3.5" /> Restore this version
                      </Button>
                    )}
                  </div>
                  {confirming && current && (
                    <div role="alertdialog" aria-labelledby="restore-question" className="flex flex-wrap items-center justify-between gap-2 border-b border-amber-200 bg-amber-50 px-5 py-3 text-sm">
                      <p id="restore-question" className="text-amber-900">
                        Restore version {current.version}? It is saved as a new version; nothing in the history is lost.
                      </p>
                      <span className="flex gap-2">
                        <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
                          Cancel
                        </Button>
                        <Button size="sm" pending={restoring} onClick={() => void doRestore()}>
                          Restore version {current.version}
                        </Button>
                      </span>
                    </div>
                  )}
                  <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4" data-testid="revision-detail">
                    {detailError ? (
                      <p className="text-sm text-red-700" role="alert">
                        {detailError}
                      </p>
                    ) : !detail ? (
                      <p className="flex items-center text-sm text-slate-500">
                        <Loader2 className="mr-2 size-4 animate-spin" /> Loading version…
                      </p>
                    ) : mode === "changes" ? (
                      !detail.previous ? (
                        <p className="text-sm text-slate-500">The first version in the history. Choose “Whole card” to see it.</p>
                      ) : diff.length === 0 ? (
                        <p className="text-sm text-slate-500">No card fields changed in this version.</p>
                      ) : (
                        <dl className="space-y-4">
                          {diff.map((field) => (
                            <div key={field}>
                              <dt className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{fieldLabel(field)}</dt>
                              <dd className="mt-1 space-y-1 text-sm">
                                <p className="rounded-md bg-red-50 px-2 py-1 text-red-800 line-through decoration-red-300">
                                  <span className="sr-only">Before: </span>
                                  {value(field, detail.previous?.[field])}
                                </p>
                                <p className="rounded-md bg-emerald-50 px-2 py-1 text-emerald-900">
                                  <span className="sr-only">After: </span>
                                  {value(field, detail.snapshot[field])}
                                </p>
                              </dd>
                            </div>
                          ))}
                        </dl>
                      )
                    ) : (
                      <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
                        {(Object.keys(detail.snapshot) as SnapshotField[]).map((field) => (
                          <div key={field} className="contents">
                            <dt className="text-slate-500">{fieldLabel(field)}</dt>
                            <dd className="break-words text-slate-900">{value(field, detail.snapshot[field])}</dd>
                          </div>
                        ))}
                      </dl>
                    )}
                  </div>
                </section>
              </div>
            )}
          </div>
        )}
      </dialog>
    </>
  );
}
