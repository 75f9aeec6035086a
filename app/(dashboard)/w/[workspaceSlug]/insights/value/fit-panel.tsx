"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { toast } from "sonner";
import { RefreshCw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/safe-action";

type FitState = { jobId: string; status: "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED"; message: string | null };

const POLL_MS = 1000;

/**
 * "Fit model" / "Refit": queues the fit job, then follows it once a second (the job row, so a
 * reload picks the progress up again) and refreshes the page with a toast when it ends.
 */
export function FitPanel({
  fitted,
  canFit,
  initial,
  fit,
  status,
}: {
  fitted: boolean;
  canFit: boolean;
  initial: FitState | null;
  fit: (input: unknown) => Promise<ActionResult<FitState>>;
  status: (input: unknown) => Promise<ActionResult<FitState>>;
}) {
  const router = useRouter();
  const [state, setState] = useState<FitState | null>(initial);
  const [trouble, setTrouble] = useState<string | null>(null);
  const running = state !== null && (state.status === "QUEUED" || state.status === "RUNNING");

  const onSuccess = useCallback((data: FitState) => {
    setTrouble(null);
    setState(data);
  }, []);
  const { execute, pending } = useAction(fit, { onSuccess });

  useEffect(() => {
    if (!running || !state) return;
    let stopped = false;
    const timer = setTimeout(async () => {
      try {
        const result = await status({ jobId: state.jobId });
        if (stopped) return;
        if (!result.ok) {
          setTrouble(result.error);
          setState(null);
          return;
        }
        setTrouble(null);
        const next = result.data;
        if (next.status === "COMPLETED") {
          toast.success("The lifetime-value model is fitted", { description: "Predictions are stored for every customer with orders." });
          router.refresh();
        } else if (next.status === "FAILED") {
          toast.error(next.message ?? "The model could not be fitted.");
        }
        setState(next);
      } catch {
        if (!stopped) {
          setTrouble("We could not reach the server; still trying…");
          setState((s) => (s ? { ...s } : s));
        }
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [running, state, router, status]);

  return (
    <div className="flex flex-col items-end gap-1">
      {canFit ? (
        <Button variant={fitted ? "secondary" : "primary"} pending={pending || running} onClick={() => void execute({})}>
          {!(pending || running) && <RefreshCw className="size-4" aria-hidden />}
          {running ? (state?.status === "QUEUED" ? "Waiting to fit…" : "Fitting the model…") : fitted ? "Refit model" : "Fit model"}
        </Button>
      ) : (
        <p className="text-xs text-slate-500">Editors can fit the model.</p>
      )}
      <p className="text-xs text-slate-500" role="status" aria-live="polite">
        {running ? "Reading the orders and fitting: usually a few seconds." : state?.status === "FAILED" ? (state.message ?? "The fit failed.") : (trouble ?? "")}
      </p>
    </div>
  );
}
