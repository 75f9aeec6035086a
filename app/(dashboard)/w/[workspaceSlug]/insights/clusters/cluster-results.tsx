"use client";

import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { toast } from "sonner";
import { ArrowRight, Bookmark, ChevronDown, ListChecks, UserRound, Users } from "lucide-react";
import type { ChartConfiguration } from "chart.js";
import { Chart, CHART_COLORS } from "@/components/charts/chart";
import { Badge, Card, CardBody, CardHeader } from "@/components/ui/card";
import { Menu, menuItemClass } from "@/components/ui/menu";
import { buttonClasses } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { ClusterResult, KResult } from "@/lib/insights/cluster-compute";
import type { ClusterRunView, SavedCluster } from "@/lib/insights/clusters";
import { Stat } from "@/components/insights/figures";
import { formatDateTime, formatMoney, formatNumber } from "@/lib/format";
import { NUMERIC_FEATURES, type SaveClusterInput } from "@/lib/validations/clusters";

const COLORS = [...CHART_COLORS, "#ec4899", "#64748b"];
const colorOf = (c: number) => COLORS[c % COLORS.length]!;

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${Math.round(x * 100)}%`);

function unitOf(key: string) {
  return NUMERIC_FEATURES.find((f) => f.key === key)?.unit;
}

/** A feature's value in its own units. */
function formatValue(key: string, value: number): string {
  if (!Number.isFinite(value)) return "—";
  const unit = unitOf(key);
  if (unit === "money") return formatMoney(value);
  if (unit === "days") return `${formatNumber(Math.round(value))} d`;
  if (Math.abs(value) >= 100) return formatNumber(Math.round(value));
  return value.toFixed(1);
}

function formatDifference(key: string, diff: number): string {
  const sign = diff > 0 ? "+" : diff < 0 ? "−" : "±";
  return `${sign}${formatValue(key, Math.abs(diff))}`;
}

type Axis = "pca" | string;

export function ClusterResults({
  slug,
  run,
  result,
  initialK,
  canSave,
  canSavePersona,
  save,
}: {
  slug: string;
  run: ClusterRunView;
  result: ClusterResult;
  initialK?: number;
  canSave: boolean;
  canSavePersona: boolean;
  save: (input: SaveClusterInput) => Promise<ActionResult<SavedCluster>>;
}) {
  const [k, setChosenK] = useState(result.results.some((r) => r.k === initialK) ? initialK! : result.bestK);
  // The chosen k is kept in the URL (?k=), so a reload or a link shows the same clusters.
  const setK = useCallback((next: number) => {
    setChosenK(next);
    const url = new URL(window.location.href);
    url.searchParams.set("k", String(next));
    window.history.replaceState(window.history.state, "", url);
  }, []);
  const current = result.results.find((r) => r.k === k) ?? result.results[0]!;
  const numeric = result.numeric;
  const [xAxis, setXAxis] = useState<Axis>("pca");
  const [yAxis, setYAxis] = useState<string>(numeric[1]?.key ?? numeric[0]!.key);
  const { sampled, total } = result;

  return (
    <div className="space-y-6">
      <dl className="flex flex-wrap gap-x-8 gap-y-2 text-sm">
        <Stat label="Customers clustered" value={formatNumber(result.customers)} hint={sampled && total ? `A sample of ${formatNumber(result.customers)} of ${formatNumber(total)}` : undefined} />
        <Stat label="Features" value={String(result.columns.length)} hint={result.numeric.map((f) => f.label).join(", ")} />
        <Stat label="Best k by silhouette" value={String(result.bestK)} />
        <Stat label="Run" value={formatDateTime(new Date(run.finishedAt ?? run.createdAt))} />
      </dl>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader
            title="Choose k: elbow and silhouette"
            description="Within-cluster sum of squares falls as k grows; look for the bend. A higher silhouette (−1 to 1) means better-separated clusters. Click a point or a k below."
          />
          <CardBody className="space-y-4">
            <ElbowChart result={result} k={k} onPick={setK} />
            <div role="radiogroup" aria-label="Number of clusters (k)" className="flex flex-wrap gap-1.5">
              {result.results.map((r) => (
                <button
                  key={r.k}
                  type="button"
                  role="radio"
                  aria-checked={r.k === k}
                  aria-label={`k = ${r.k}${r.k === result.bestK ? " (best silhouette)" : ""}`}
                  onClick={() => setK(r.k)}
                  className={
                    r.k === k
                      ? "rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm"
                      : "rounded-lg bg-white px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50"
                  }
                >
                  k = {r.k}
                  <span className={r.k === k ? "block text-[11px] text-brand-100" : "block text-[11px] text-slate-500"}>
                    {r.silhouette === null ? "—" : r.silhouette.toFixed(2)}
                    {r.k === result.bestK ? " ★" : ""}
                  </span>
                </button>
              ))}
            </div>
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title={`Clusters at k = ${k}`}
            description={
              xAxis === "pca"
                ? `The first two principal components (${pct(result.scatter.explained[0])} and ${pct(result.scatter.explained[1])} of the variance) of ${formatNumber(result.scatter.pca.length)} sampled customers; crosses mark the centroids.`
                : `${formatNumber(result.scatter.pca.length)} sampled customers in original units; crosses mark the centroids.`
            }
          />
          <CardBody className="space-y-3">
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <label className="flex items-center gap-2">
                <span className="text-slate-500">Horizontal</span>
                <select className="rounded-lg border-slate-300 py-1 text-sm" value={xAxis} onChange={(e) => setXAxis(e.target.value)}>
                  <option value="pca">Principal components</option>
                  {numeric.map((f) => (
                    <option key={f.key} value={f.key}>
                      {f.label}
                    </option>
                  ))}
                </select>
              </label>
              {xAxis !== "pca" && (
                <label className="flex items-center gap-2">
                  <span className="text-slate-500">Vertical</span>
                  <select className="rounded-lg border-slate-300 py-1 text-sm" value={yAxis} onChange={(e) => setYAxis(e.target.value)}>
                    {numeric.map((f) => (
                      <option key={f.key} value={f.key}>
                        {f.label}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </div>
            <ScatterChart result={result} current={current} xAxis={xAxis} yAxis={yAxis} />
          </CardBody>
        </Card>
      </div>

      <ProfileTable slug={slug} runId={run.id} result={result} current={current} canSave={canSave} canSavePersona={canSavePersona} save={save} />
    </div>
  );
}

function ElbowChart({ result, k, onPick }: { result: ClusterResult; k: number; onPick: (k: number) => void }) {
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: "line",
      data: {
        labels: result.results.map((r) => String(r.k)),
        datasets: [
          {
            label: "Within-cluster sum of squares",
            data: result.results.map((r) => r.wcss),
            borderColor: CHART_COLORS[0],
            backgroundColor: CHART_COLORS[0],
            yAxisID: "y",
            pointRadius: result.results.map((r) => (r.k === k ? 7 : 3)),
            tension: 0.2,
          },
          {
            label: "Silhouette",
            data: result.results.map((r) => r.silhouette),
            borderColor: CHART_COLORS[2],
            backgroundColor: CHART_COLORS[2],
            borderDash: [5, 4],
            yAxisID: "y1",
            pointRadius: result.results.map((r) => (r.k === k ? 7 : 3)),
            tension: 0.2,
          },
        ],
      },
      options: {
        interaction: { mode: "index", intersect: false },
        onClick: (_event, elements) => {
          const index = elements[0]?.index;
          if (index !== undefined && result.results[index]) onPick(result.results[index].k);
        },
        plugins: { legend: { position: "bottom", labels: { usePointStyle: true, boxWidth: 8 } } },
        scales: {
          x: { title: { display: true, text: "k (number of clusters)" } },
          y: { title: { display: true, text: "Sum of squares" }, beginAtZero: true },
          y1: { position: "right", title: { display: true, text: "Silhouette" }, grid: { drawOnChartArea: false }, suggestedMin: 0, suggestedMax: 1 },
        },
      },
    }),
    [result, k, onPick],
  );
  return <Chart config={config} height={260} label={`Elbow chart: within-cluster sum of squares and silhouette for k = ${result.kMin} to ${result.kMax}; k = ${k} is selected`} />;
}

function ScatterChart({ result, current, xAxis, yAxis }: { result: ClusterResult; current: KResult; xAxis: Axis; yAxis: string }) {
  const config = useMemo<ChartConfiguration>(() => {
    const labels = result.scatter.labels[current.k - result.kMin] ?? [];
    const xi = result.numeric.findIndex((f) => f.key === xAxis);
    const yi = result.numeric.findIndex((f) => f.key === yAxis);
    const pca = xAxis === "pca";
    const pointsOf = (c: number) =>
      result.scatter.pca.flatMap((p, i) => {
        if (labels[i] !== c) return [];
        if (pca) return [{ x: p[0], y: p[1] }];
        const x = result.scatter.values[i]?.[xi];
        const y = result.scatter.values[i]?.[yi];
        return x === null || x === undefined || y === null || y === undefined ? [] : [{ x, y }];
      });
    const centroids = current.clusters.map((_, c) => (pca ? { x: current.centroidsPca[c]![0], y: current.centroidsPca[c]![1] } : { x: current.centroids[c]![xi]!, y: current.centroids[c]![yi]! }));
    return {
      type: "scatter",
      data: {
        datasets: [
          ...current.clusters.map((cl, c) => ({
            label: `${c + 1}. ${cl.name}`,
            data: pointsOf(c),
            backgroundColor: `${colorOf(c)}99`,
            borderColor: colorOf(c),
            pointRadius: 2.5,
            borderWidth: 0,
            order: 1,
          })),
          {
            label: "Centroids",
            data: centroids,
            pointStyle: "crossRot",
            pointRadius: 10,
            pointHoverRadius: 12,
            borderWidth: 4,
            borderColor: "#0f172a",
            backgroundColor: "#0f172a",
            // Drawn above the customers' points.
            order: -1,
          },
        ],
      },
      options: {
        animation: false,
        plugins: { legend: { position: "bottom", labels: { usePointStyle: true, boxWidth: 8 } } },
        scales: {
          x: { title: { display: true, text: pca ? "Principal component 1" : (result.numeric[xi]?.label ?? "") } },
          y: { title: { display: true, text: pca ? "Principal component 2" : (result.numeric[yi]?.label ?? "") } },
        },
      },
    };
  }, [result, current, xAxis, yAxis]);
  return <Chart config={config} height={300} label={`Scatter of sampled customers coloured by cluster, k = ${current.k}`} />;
}

function ProfileTable({
  slug,
  runId,
  result,
  current,
  canSave,
  canSavePersona,
  save,
}: {
  slug: string;
  runId: string;
  result: ClusterResult;
  current: KResult;
  canSave: boolean;
  canSavePersona: boolean;
  save: (input: SaveClusterInput) => Promise<ActionResult<SavedCluster>>;
}) {
  const [pending, setPending] = useState<string | null>(null);
  const onSuccess = useCallback(
    (data: SavedCluster) => {
      const href = data.as === "persona" ? `/w/${slug}/personas/${data.id}` : `/w/${slug}/segments/${data.id}`;
      const what = data.as === "persona" ? "persona draft" : data.as === "rules" ? "rule-based segment" : "segment";
      toast.success(`Saved the ${what} “${data.name}”`, {
        duration: 10_000,
        description: (
          <span className="space-y-1">
            {data.as === "rules" && (
              <span className="block">
                The rules match {pct(data.agreement.recall)} of the cluster; {pct(data.agreement.precision)} of the customers they match are in it.
              </span>
            )}
            <Link href={href} className="font-medium text-brand-700 underline">
              Open the {data.as === "persona" ? "persona" : "segment"}
              {data.as !== "persona" ? ` (${formatNumber(data.size)} customers)` : ""}
            </Link>
          </span>
        ),
      });
    },
    [slug],
  );
  const { execute } = useAction(save, { onSuccess });
  const run = async (cluster: number, as: SaveClusterInput["as"]) => {
    setPending(`${cluster}-${as}`);
    await execute({ runId, k: current.k, cluster, as });
    setPending(null);
  };

  return (
    <Card>
      <CardHeader
        title={`Cluster profiles (k = ${current.k})`}
        description="Each cluster's size, its average on every numeric feature against everyone's (base), and its most common values. Names are suggested from the most distinctive features."
      />
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2.5 font-medium">Cluster</th>
              <th scope="col" className="px-4 py-2.5 text-right font-medium">Customers</th>
              {result.numeric.map((f) => (
                <th key={f.key} scope="col" className="px-4 py-2.5 text-right font-medium">
                  {f.label}
                </th>
              ))}
              {current.clusters[0]?.categorical.map((c) => (
                <th key={c.key} scope="col" className="px-4 py-2.5 font-medium">
                  {c.label}
                </th>
              ))}
              {canSave && (
                <th scope="col" className="px-4 py-2.5 font-medium">
                  <span className="sr-only">Save</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            <tr className="bg-slate-50/50 text-slate-500">
              <td className="px-4 py-2 italic">Everyone (base)</td>
              <td className="px-4 py-2 text-right tabular-nums">{formatNumber(result.customers)}</td>
              {result.numeric.map((f, j) => (
                <td key={f.key} className="px-4 py-2 text-right tabular-nums">
                  {formatValue(f.key, current.clusters[0]?.numeric[j]?.baseMean ?? Number.NaN)}
                </td>
              ))}
              {current.clusters[0]?.categorical.map((c) => <td key={c.key} className="px-4 py-2" />)}
              {canSave && <td />}
            </tr>
            {current.clusters.map((cl, c) => (
              <tr key={c} className="align-top">
                <th scope="row" className="px-4 py-3 font-normal">
                  <span className="flex items-center gap-2">
                    <span className="size-3 shrink-0 rounded-full" style={{ background: colorOf(c) }} aria-hidden />
                    <span className="font-medium text-slate-900">{cl.name}</span>
                  </span>
                  <span className="ml-5 block text-xs text-slate-500">
                    Cluster {c + 1} · silhouette {cl.silhouette === null ? "—" : cl.silhouette.toFixed(2)}
                  </span>
                </th>
                <td className="px-4 py-3 text-right tabular-nums">
                  {formatNumber(cl.size)}
                  <span className="block text-xs text-slate-500">{pct(cl.share)}</span>
                </td>
                {cl.numeric.map((f) => {
                  const strong = Math.abs(f.standardisedDifference) >= 0.5;
                  return (
                    <td key={f.key} className="px-4 py-3 text-right tabular-nums">
                      <span className={strong ? "font-medium text-slate-900" : "text-slate-700"}>{formatValue(f.key, f.mean)}</span>
                      <span
                        className={`block text-xs ${strong ? "font-medium text-brand-700" : "text-slate-400"}`}
                        title={`${f.standardisedDifference.toFixed(2)} standard deviations from everyone's average`}
                      >
                        {formatDifference(f.key, f.difference)}
                      </span>
                    </td>
                  );
                })}
                {cl.categorical.map((cat) => (
                  <td key={cat.key} className="px-4 py-3 text-xs text-slate-600">
                    {cat.top.slice(0, 2).map((t) => (
                      <span key={t.level} className="block whitespace-nowrap">
                        <span className="text-slate-800">{t.level}</span> {pct(t.share)} <span className="text-slate-400">(base {pct(t.baseShare)})</span>
                      </span>
                    ))}
                  </td>
                ))}
                {canSave && (
                  <td className="px-4 py-3">
                    <Menu
                      align="right"
                      label={`Save cluster ${c + 1}`}
                      trigger={
                        <span className={buttonClasses("secondary", "sm")}>
                          <Bookmark className="size-3.5" aria-hidden /> {pending?.startsWith(`${c}-`) ? "Saving…" : "Save"} <ChevronDown className="size-3.5" aria-hidden />
                        </span>
                      }
                    >
                      <button type="button" role="menuitem" className={menuItemClass} disabled={pending !== null} onClick={() => void run(c, "static")}>
                        <Users className="size-4 text-slate-400" aria-hidden /> As a static segment (exact members)
                      </button>
                      <button type="button" role="menuitem" className={menuItemClass} disabled={pending !== null} onClick={() => void run(c, "rules")}>
                        <ListChecks className="size-4 text-slate-400" aria-hidden /> As a rule-based segment (approximate)
                      </button>
                      {canSavePersona && (
                        <button type="button" role="menuitem" className={menuItemClass} disabled={pending !== null} onClick={() => void run(c, "persona")}>
                          <UserRound className="size-4 text-slate-400" aria-hidden /> As a persona draft
                        </button>
                      )}
                    </Menu>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CardBody className="border-t border-slate-100 text-xs text-slate-500">
        <p>
          A rule-based segment keeps each of the cluster’s most distinctive features between its 10th and 90th percentile, so it follows
          customers as they change; the toast says how well it agrees with the cluster. <ArrowRight className="inline size-3" aria-hidden />{" "}
          <Badge>k-means++</Badge> seeded, {result.fitSample < result.customers ? `fitted on ${formatNumber(result.fitSample)} sampled customers, then every customer assigned to the nearest centroid; ` : ""}
          silhouettes on {formatNumber(result.silhouetteSample)} customers.
        </p>
      </CardBody>
    </Card>
  );
}
