"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Loader2, OctagonX, WifiOff } from "lucide-react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { progressOf, rowsPerSecond, type ImportStatusView } from "@/lib/imports/status";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { ProgressBar } from "@/components/imports/progress-bar";
import { formatBytes, formatCount, KIND_NOUNS } from "@/components/imports/format";

const POLL_MS = 1000;

/** The status route's answer, checked before it replaces what is shown. */
function asStatus(value: unknown): ImportStatusView | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  const numbers = ["fileSize", "bytesRead", "rowsRead", "rowsInserted", "rowsUpdated", "rowsUnchanged", "rowsFailed", "errorCount"];
  if (typeof v.id !== "string" || typeof v.status !== "string" || numbers.some((k) => typeof v[k] !== "number")) return null;
  return value as ImportStatusView;
}

/**
 * Step 3 of an import: follows the job record (so a reload picks up where it was) once a second
 * while it runs, and shows the result page as soon as it ends. Editors can cancel it.
 */
export function ImportProgress({
  initial,
  initialRate,
  statusUrl,
  cancel,
}: {
  initial: ImportStatusView;
  initialRate: number;
  statusUrl: string;
  cancel?: (input: unknown) => Promise<ActionResult<ImportStatusView>>;
}) {
  const router = useRouter();
  const [view, setView] = useState(initial);
  const [rate, setRate] = useState(initialRate);
  const [trouble, setTrouble] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch(statusUrl, { cache: "no-store", headers: { Accept: "application/json" } });
        if (stopped) return;
        if (response.status === 404) {
          setTrouble("This import no longer exists: it may have been deleted.");
          return;
        }
        const next = response.ok ? asStatus(await response.json()) : null;
        if (stopped) return;
        if (!next) throw new Error(`status ${response.status}`);
        setView(next);
        setRate(rowsPerSecond(next));
        setTrouble(null);
        if (next.status !== "RUNNING") {
          // Finished, failed or cancelled: the page shows the result.
          router.refresh();
          return;
        }
      } catch {
        if (stopped) return;
        setTrouble("Lost contact with the server. Still trying…");
      }
      timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [statusUrl, router]);

  const share = progressOf(view);
  const percent = Math.floor(share * 100);
  const running = view.status === "RUNNING";
  const stats = [
    { label: "Rows read", value: formatCount(view.rowsRead) },
    { label: "Rows per second", value: formatCount(Math.round(rate)) },
    { label: "New", value: formatCount(view.rowsInserted) },
    { label: "Updated", value: formatCount(view.rowsUpdated) },
    { label: "Unchanged", value: formatCount(view.rowsUnchanged) },
    { label: "Rows with problems", value: formatCount(view.rowsFailed), warn: view.rowsFailed > 0 },
  ];

  return (
    <Card>
      <CardHeader
        title={running ? (view.cancelRequested ? "Cancelling…" : `Importing ${KIND_NOUNS[view.kind]}…`) : "Finishing…"}
        description="You can leave this page: the import keeps running, and coming back shows where it is."
        action={
          cancel && running && !view.cancelRequested ? <CancelImport id={view.id} cancel={cancel} onCancelled={setView} /> : undefined
        }
      />
      <CardBody className="space-y-5">
        <div>
          <div className="mb-2 flex items-baseline justify-between gap-3 text-sm">
            <span className="flex items-center gap-2 font-medium text-slate-700" id="import-progress-label">
              {running && <Loader2 className="size-4 animate-spin text-brand-600" aria-hidden />}
              Import progress
            </span>
            <span className="tabular-nums text-slate-500">
              {percent}% · {formatBytes(Math.min(view.bytesRead, view.fileSize))} of {formatBytes(view.fileSize)}
            </span>
          </div>
          <ProgressBar value={share} label="Import progress" valueText={`${percent}%, ${formatCount(view.rowsRead)} rows read`} />
        </div>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6" aria-live="off">
          {stats.map((s) => (
            <div key={s.label} className="rounded-lg bg-slate-50 px-3 py-2.5">
              <dt className="text-xs text-slate-500">{s.label}</dt>
              <dd className={s.warn ? "text-lg font-semibold tabular-nums text-amber-700" : "text-lg font-semibold tabular-nums text-slate-900"}>{s.value}</dd>
            </div>
          ))}
        </dl>
        {view.cancelRequested && running && (
          <p className="text-sm text-slate-600" role="status">
            Cancel requested. The batch being written finishes, then the import stops; rows imported so far stay in.
          </p>
        )}
        {trouble && (
          <p className="flex items-center gap-2 text-sm text-amber-700" role="status">
            <WifiOff className="size-4" aria-hidden /> {trouble}
          </p>
        )}
      </CardBody>
    </Card>
  );
}

function CancelImport({
  id,
  cancel,
  onCancelled,
}: {
  id: string;
  cancel: (input: unknown) => Promise<ActionResult<ImportStatusView>>;
  onCancelled: (view: ImportStatusView) => void;
}) {
  const [open, setOpen] = useState(false);
  const action = useAction(cancel, {
    success: "Cancelling the import: the batch being written finishes first",
    onSuccess: (next) => {
      setOpen(false);
      onCancelled(next);
    },
  });
  return (
    <>
      <Button variant="secondary" className="text-red-600 hover:bg-red-50" onClick={() => setOpen(true)}>
        <OctagonX className="size-4" aria-hidden /> Cancel import
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Cancel this import?"
        description="The import stops after the batch it is writing. Rows imported so far stay in the workspace; running the import again later recognises them and finishes the rest."
      >
        <FormError message={action.error} />
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Keep importing
          </Button>
          <Button variant="danger" pending={action.pending} onClick={() => void action.execute({ id })}>
            Cancel import
          </Button>
        </div>
      </Dialog>
    </>
  );
}
