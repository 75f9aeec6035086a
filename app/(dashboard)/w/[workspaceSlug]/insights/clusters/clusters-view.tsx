"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { AlertTriangle, Ban, Loader2, Play, Sparkles } from "lucide-react";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { ClusterResult } from "@/lib/insights/cluster-compute";
import type { ClusterRunView, NumericTraitFeature, SavedCluster } from "@/lib/insights/clusters";
import { formatDateTime, formatNumber } from "@/lib/format";
import {
  CATEGORICAL_FEATURES,
  DEFAULT_NUMERIC,
  K_MAX,
  K_MIN,
  NUMERIC_FEATURES,
  type ClusterOptions,
  type SaveClusterInput,
} from "@/lib/validations/clusters";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormError } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { ProgressBar } from "@/components/imports/progress-bar";
import { ClusterResults } from "./cluster-results";

const POLL_MS = 1000;

type Props = {
  slug: string;
  customers: number;
  maxCustomers: number;
  minCustomers: number;
  traits: NumericTraitFeature[];
  latest: ClusterRunView | null;
  completed: { run: ClusterRunView; result: ClusterResult } | null;
  /** k from the URL (`?k=`), when it names a k of the result. */
  initialK?: number;
  canRun: boolean;
  canSavePersona: boolean;
  start: (input: unknown) => Promise<ActionResult<{ id: string }>>;
  poll: (input: unknown) => Promise<ActionResult<ClusterRunView>>;
  cancel: (input: unknown) => Promise<ActionResult<ClusterRunView>>;
  save: (input: SaveClusterInput) => Promise<ActionResult<SavedCluster>>;
};

const isActive = (run: ClusterRunView | null) => run?.status === "QUEUED" || run?.status === "RUNNING";

/** Insights → Clusters: the feature chooser, the run's progress, and the latest completed result. */
export function ClustersView(props: Props) {
  const { latest, completed, canRun } = props;
  const router = useRouter();
  const [run, setRun] = useState<ClusterRunView | null>(latest);
  const [trouble, setTrouble] = useState<string | null>(null);
  const active = isActive(run);

  // Follow a queued or running run until it ends, then show the new result.
  useEffect(() => {
    if (!run || !isActive(run)) return;
    let stopped = false;
    const timer = setTimeout(async () => {
      try {
        const next = await props.poll({ runId: run.id });
        if (stopped) return;
        if (!next.ok) {
          setTrouble(next.error);
          return;
        }
        setTrouble(null);
        setRun(next.data);
        if (!isActive(next.data)) router.refresh();
      } catch {
        if (!stopped) {
          setTrouble("Lost contact with the server. Still trying…");
          setRun({ ...run });
        }
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run]);

  // A newer run from the server (after a refresh) replaces the local one.
  const latestKey = `${latest?.id}:${latest?.status}`;
  const [seenKey, setSeenKey] = useState(latestKey);
  if (seenKey !== latestKey) {
    setSeenKey(latestKey);
    if (latest) setRun(latest);
  }

  const showFinished = run && !active && run.id !== completed?.run.id;

  return (
    <div className="space-y-6">
      {canRun ? (
        <RunForm {...props} disabled={active} onStarted={(id, options) => setRun(queuedRun(id, options))} initial={completed?.run.options ?? latest?.options} />
      ) : (
        <p className="rounded-lg bg-slate-50 px-4 py-3 text-sm text-slate-600 ring-1 ring-slate-200">
          Your role can look at the clusters; editors and admins can start a new clustering run.
        </p>
      )}

      {run && active && <RunProgress run={run} cancel={canRun ? props.cancel : undefined} onChange={setRun} trouble={trouble} />}

      {showFinished && run.status === "FAILED" && (
        <Notice tone="red" icon={<AlertTriangle className="size-5" aria-hidden />} title="The clustering run failed">
          {run.message ?? "Something went wrong on our side."} {completed ? "The last completed run is shown below." : ""}
        </Notice>
      )}
      {showFinished && run.status === "CANCELLED" && (
        <Notice tone="amber" icon={<Ban className="size-5" aria-hidden />} title="The clustering run was cancelled">
          {run.message ?? "Cancelled."} {completed ? "The last completed run is shown below." : ""}
        </Notice>
      )}

      {completed ? (
        <ClusterResults
          key={completed.run.id}
          slug={props.slug}
          run={completed.run}
          result={completed.result}
          initialK={props.initialK}
          canSave={canRun}
          canSavePersona={props.canSavePersona}
          save={props.save}
        />
      ) : (
        !active && (
          <Card>
            <CardBody className="flex items-start gap-3 text-sm text-slate-600">
              <Sparkles className="mt-0.5 size-5 shrink-0 text-brand-600" aria-hidden />
              <p>
                No clustering yet. {canRun ? "Choose the features above and press Run: " : "When an editor runs one, "}
                k-means groups your {formatNumber(props.customers)} customers into 2 to 10 clusters of customers who look alike,
                with an elbow chart and silhouette scores to choose how many.
              </p>
            </CardBody>
          </Card>
        )
      )}
    </div>
  );
}

function queuedRun(id: string, options: ClusterOptions): ClusterRunView {
  return { id, status: "QUEUED", progress: 0, stage: "Waiting to start", message: null, cancelRequested: false, options, customers: null, createdAt: new Date().toISOString(), finishedAt: null };
}

function Notice({ tone, icon, title, children }: { tone: "red" | "amber"; icon: React.ReactNode; title: string; children: React.ReactNode }) {
  const classes = tone === "red" ? "bg-red-50 text-red-800 ring-red-200" : "bg-amber-50 text-amber-900 ring-amber-200";
  return (
    <div role="status" className={`flex gap-3 rounded-xl px-4 py-3 text-sm ring-1 ${classes}`}>
      <span className="mt-0.5 shrink-0">{icon}</span>
      <div>
        <p className="font-medium">{title}</p>
        <p className="mt-0.5">{children}</p>
      </div>
    </div>
  );
}

function RunForm({
  traits,
  customers,
  maxCustomers,
  start,
  disabled,
  onStarted,
  initial,
}: Props & { disabled: boolean; onStarted: (id: string, options: ClusterOptions) => void; initial?: ClusterOptions }) {
  const [numeric, setNumeric] = useState<string[]>(initial?.numeric ?? [...DEFAULT_NUMERIC]);
  const [categorical, setCategorical] = useState<string[]>(initial?.categorical ?? []);
  const [kMin, setKMin] = useState(initial?.kMin ?? K_MIN);
  const [kMax, setKMax] = useState(initial?.kMax ?? K_MAX);
  const [seed, setSeed] = useState(initial?.seed ?? 1);
  const { execute, pending, fieldErrors, error } = useAction(start);
  const options = { numeric, categorical, kMin, kMax, seed };
  const toggle = (list: string[], key: string, on: boolean) => (on ? [...list, key] : list.filter((k) => k !== key));
  const numericChoices = [...NUMERIC_FEATURES.map((f) => ({ key: f.key as string, label: f.label, hint: f.hint })), ...traits.map((t) => ({ key: t.key, label: t.label, hint: "Custom trait" }))];
  const fieldError = (prefix: string) => Object.entries(fieldErrors).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1]?.[0];
  const tooFew = numeric.length < 2;

  return (
    <Card>
      <CardHeader
        title="Cluster discovery"
        description={`Groups customers who look alike with k-means on the features you choose, standardised so each counts equally.${customers > maxCustomers ? ` Runs on a sample of ${formatNumber(maxCustomers)} of your ${formatNumber(customers)} customers.` : ""}`}
      />
      <CardBody>
        <form
          className="space-y-5"
          onSubmit={async (e) => {
            e.preventDefault();
            const result = await execute(options);
            if (result?.ok) onStarted(result.data.id, options as ClusterOptions);
          }}
        >
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Numeric features</legend>
            <p className="text-xs text-slate-500">Choose at least two. Missing values are filled with the feature’s median.</p>
            <div className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
              {numericChoices.map((f) => (
                <label key={f.key} className="flex items-start gap-2 rounded-lg px-2 py-1.5 text-sm hover:bg-slate-50" title={f.hint}>
                  <input
                    type="checkbox"
                    className="mt-0.5 size-4 rounded border-slate-300 text-brand-600"
                    checked={numeric.includes(f.key)}
                    onChange={(e) => setNumeric(toggle(numeric, f.key, e.target.checked))}
                  />
                  <span>
                    <span className="text-slate-800">{f.label}</span>
                    <span className="block text-xs text-slate-500">{f.hint}</span>
                  </span>
                </label>
              ))}
            </div>
            {(tooFew || fieldError("numeric")) && (
              <p className="mt-1 text-sm text-red-600" role="alert">
                {fieldError("numeric") ?? "Choose at least two numeric features."}
              </p>
            )}
          </fieldset>

          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Categorical features (optional)</legend>
            <p className="text-xs text-slate-500">One-hot encoded: the 8 most frequent values each become a 0/1 feature.</p>
            <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
              {CATEGORICAL_FEATURES.map((f) => (
                <label key={f.key} className="flex items-center gap-2 text-sm text-slate-800">
                  <input
                    type="checkbox"
                    className="size-4 rounded border-slate-300 text-brand-600"
                    checked={categorical.includes(f.key)}
                    onChange={(e) => setCategorical(toggle(categorical, f.key, e.target.checked))}
                  />
                  {f.label}
                </label>
              ))}
            </div>
          </fieldset>

          <details className="text-sm">
            <summary className="cursor-pointer text-slate-600 hover:text-slate-900">Advanced: k range and seed</summary>
            <div className="mt-3 flex flex-wrap items-end gap-4">
              <NumberField label="Smallest k" value={kMin} min={K_MIN} max={K_MAX} onChange={setKMin} error={fieldError("kMin")} />
              <NumberField label="Largest k" value={kMax} min={K_MIN} max={K_MAX} onChange={setKMax} error={fieldError("kMax")} />
              <NumberField label="Seed" value={seed} min={1} max={2_147_483_647} onChange={setSeed} error={fieldError("seed")} />
              <p className="max-w-sm text-xs text-slate-500">The same seed and data give the same clusters. k-means++ starts 3 times per k and keeps the best.</p>
            </div>
          </details>

          <FormError message={Object.keys(fieldErrors).length ? null : error} />
          <div className="flex items-center gap-3">
            <Button type="submit" pending={pending} disabled={disabled || tooFew}>
              <Play className="size-4" aria-hidden /> Run clustering
            </Button>
            {disabled && <span className="text-sm text-slate-500">A run is in progress.</span>}
          </div>
        </form>
      </CardBody>
    </Card>
  );
}

function NumberField({ label, value, min, max, onChange, error }: { label: string; value: number; min: number; max: number; onChange: (v: number) => void; error?: string }) {
  return (
    <label className="block text-sm">
      <span className="text-slate-700">{label}</span>
      <input
        type="number"
        className="mt-1 block w-28 rounded-lg border-slate-300 text-sm shadow-sm focus:border-brand-500 focus:ring-brand-500"
        value={Number.isFinite(value) ? value : ""}
        min={min}
        max={max}
        step={1}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.valueAsNumber)}
      />
      {error && <span className="mt-1 block text-xs text-red-600">{error}</span>}
    </label>
  );
}

function RunProgress({
  run,
  cancel,
  onChange,
  trouble,
}: {
  run: ClusterRunView;
  cancel?: (input: unknown) => Promise<ActionResult<ClusterRunView>>;
  onChange: (run: ClusterRunView) => void;
  trouble: string | null;
}) {
  const cancelAction = useAction(cancel ?? (async () => ({ ok: false as const, code: "FORBIDDEN", error: "Not allowed." })), { onSuccess: onChange });
  return (
    <Card>
      <CardHeader
        title={run.cancelRequested ? "Cancelling…" : run.status === "QUEUED" ? "Waiting to start…" : "Clustering…"}
        description={`Started ${formatDateTime(new Date(run.createdAt))}. You can leave this page: the run goes on, and coming back shows where it is.`}
        action={
          cancel && !run.cancelRequested ? (
            <Button variant="secondary" size="sm" pending={cancelAction.pending} onClick={() => void cancelAction.execute({ runId: run.id })}>
              Cancel run
            </Button>
          ) : undefined
        }
      />
      <CardBody className="space-y-2">
        <div className="flex items-baseline justify-between gap-3 text-sm">
          <span className="flex items-center gap-2 font-medium text-slate-700">
            <Loader2 className="size-4 animate-spin text-brand-600" aria-hidden />
            {run.stage ?? "Working"}
          </span>
          <span className="tabular-nums text-slate-500">{run.progress}%</span>
        </div>
        <ProgressBar value={run.progress / 100} label="Clustering progress" valueText={`${run.progress}%, ${run.stage ?? ""}`} />
        {trouble && <p className="text-sm text-amber-700">{trouble}</p>}
      </CardBody>
    </Card>
  );
}
