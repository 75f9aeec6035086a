import type { ReactNode } from "react";
import { AlertTriangle, Check, CircleAlert, Loader2 } from "lucide-react";

export type SaveState = "saved" | "pending" | "saving" | "conflict" | "error";

export function SaveStatus({ status, onResolve }: { status: SaveState; onResolve: () => void }) {
  const content: Record<SaveState, ReactNode> = {
    saved: (
      <>
        <Check className="size-3.5 text-emerald-600" /> All changes saved
      </>
    ),
    pending: <>Unsaved changes…</>,
    saving: (
      <>
        <Loader2 className="size-3.5 animate-spin" /> Saving…
      </>
    ),
    conflict: (
      <>
        <AlertTriangle className="size-3.5 text-amber-600" /> Not saved: someone else edited ·{" "}
        <button type="button" onClick={onResolve} className="font-medium text-brand-700 hover:underline">
          choose a version
        </button>
      </>
    ),
    error: (
      <>
        <CircleAlert className="size-3.5 text-red-600" /> Not saved
      </>
    ),
  };
  return (
    <p role="status" aria-live="polite" data-testid="save-status" data-status={status} className="inline-flex items-center gap-1.5 rounded-full bg-slate-50 px-3 py-1 text-xs text-slate-600 ring-1 ring-slate-200">
      {content[status]}
    </p>
  );
}
