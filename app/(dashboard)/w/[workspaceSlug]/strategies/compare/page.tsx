import type { Metadata } from "next";
import Link from "next/link";
import { ChevronLeft, GitCompareArrows } from "lucide-react";
import { z } from "zod";
import { requireWorkspace } from "@/lib/auth/workspace";
import { QueryTimeoutError } from "@/lib/db/statement-timeout";
import { formatMoney, formatNumber } from "@/lib/format";
import { SegmentError } from "@/lib/segments/errors";
import { compareStrategies, type StrategyComparison, type StrategyPlan } from "@/lib/targeting/plan";
import { listStrategies } from "@/lib/dal/strategies";
import { loadStrategy, type StoredStrategy } from "@/lib/targeting/store";
import { STRATEGY_TYPES } from "@/lib/validations/strategy";
import { buttonClasses } from "@/components/ui/button";
import { Badge, Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Compare strategies" };

const querySchema = z.object({ a: z.string().max(64).catch(""), b: z.string().max(64).catch("") });
const pct = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : "—");

export default async function CompareStrategiesPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspaceSlug } = await params;
  const { workspace } = await requireWorkspace(workspaceSlug);
  const { a, b } = querySchema.parse(await searchParams);
  const base = `/w/${workspace.slug}/strategies`;
  const choices = await listStrategies(workspace.id);
  const [left, right] = await Promise.all([a ? loadStrategy(workspace.id, a) : null, b ? loadStrategy(workspace.id, b) : null]);
  let comparison: StrategyComparison | null = null;
  let problem: string | null = null;
  if (left && right && left.id === right.id) problem = "Choose two different strategies.";
  else if (left && right) {
    if (!left.config || !right.config) problem = "One of these strategies has settings that can no longer be read: open it and save it again.";
    else
      comparison = await compareStrategies(workspace.id, { id: left.id, type: left.type, config: left.config }, { id: right.id, type: right.type, config: right.config }).catch((error: unknown) => {
        if (error instanceof QueryTimeoutError || error instanceof SegmentError) {
          problem = `The comparison could not be computed: ${error.message}`;
          return null;
        }
        throw error;
      });
  }

  return (
    <>
      <Link href={base} className="mb-4 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-900">
        <ChevronLeft className="size-4" /> Strategies
      </Link>
      <PageHeader title="Compare strategies" description="Reach, overlap, expected value and scores of two strategies, side by side, on today's customers." />
      {choices.length < 2 ? (
        <Card>
          <EmptyState icon={<GitCompareArrows className="size-5" />} title="Two strategies are needed to compare">
            Create a second strategy — say a concentrated one next to a differentiated one — and compare their reach and expected value here.
          </EmptyState>
        </Card>
      ) : (
        <form className="mb-6 flex flex-wrap items-end gap-3" method="get">
          {(["a", "b"] as const).map((key, i) => (
            <label key={key} className="text-sm">
              <span className="mb-1 block font-medium text-slate-700">{i === 0 ? "Strategy A" : "Strategy B"}</span>
              <select name={key} defaultValue={key === "a" ? a : b} className="h-9 min-w-64 rounded-lg border-0 bg-white px-2 text-sm shadow-sm ring-1 ring-slate-300 ring-inset">
                <option value="">Choose…</option>
                {choices.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({STRATEGY_TYPES[s.type].label.toLowerCase()}, {s.status.toLowerCase()})
                  </option>
                ))}
              </select>
            </label>
          ))}
          <button type="submit" className={buttonClasses("primary")}>
            Compare
          </button>
        </form>
      )}
      {problem && (
        <p role="alert" className="mb-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          {problem}
        </p>
      )}
      {(a && !left) || (b && !right) ? (
        <p role="alert" className="mb-4 text-sm text-slate-600">
          One of the chosen strategies could not be found in this workspace.
        </p>
      ) : null}
      {comparison && left && right && <Comparison base={base} left={left} right={right} comparison={comparison} />}
    </>
  );
}

function Comparison({ base, left, right, comparison }: { base: string; left: StoredStrategy; right: StoredStrategy; comparison: StrategyComparison }) {
  const [pa, pb] = comparison.plans;
  const rows: { label: string; value: (p: StrategyPlan) => string; testId?: string }[] = [
    { label: "Audience (deduplicated, after exclusions)", value: (p) => formatNumber(p.audience.customers), testId: "compare-audience" },
    { label: "Share of all customers", value: (p) => pct(p.audience.customers, p.base.customers) },
    { label: "Sum of segment sizes", value: (p) => formatNumber(p.sumOfSizes) },
    { label: "Held out (control group)", value: (p) => formatNumber(p.heldOut.customers) },
    { label: "Contacted", value: (p) => formatNumber(p.contacted) },
    { label: "Left out by exclusions", value: (p) => formatNumber(p.excluded.customers) },
    { label: "Revenue of the audience to date", value: (p) => formatMoney(p.audience.revenue) },
    { label: "Expected value (Σ CLV × margin − cost to serve)", value: (p) => formatMoney(p.expectedValue) },
    { label: "Overlap warnings", value: (p) => (p.overlapWarnings.length ? p.overlapWarnings.map((w) => `${w.a} & ${w.b} share ${Math.round(w.share * 100)}%`).join("; ") : "None") },
  ];
  const scoreOf = (p: StrategyPlan, id: string | null) => (id ? p.scores.find((s) => s.segmentId === id) : undefined);
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Reach and value"
          description={`${formatNumber(comparison.shared)} customers are in both audiences (${pct(comparison.shared, pa.audience.customers)} of A, ${pct(comparison.shared, pb.audience.customers)} of B), before holdouts.`}
        />
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs text-slate-500">
              <tr>
                <th className="px-5 py-2 font-medium">
                  <span className="sr-only">Measure</span>
                </th>
                {[left, right].map((s, i) => (
                  <th key={s.id} className="px-5 py-2 font-medium">
                    <Link href={`${base}/${s.id}`} className="text-sm font-semibold text-slate-900 hover:text-brand-700">
                      {i === 0 ? "A · " : "B · "}
                      {s.name}
                    </Link>
                    <span className="ml-2">
                      <Badge tone={s.status === "ACTIVE" ? "green" : "gray"}>{s.status.toLowerCase()}</Badge>
                    </span>
                    <p className="font-normal">{STRATEGY_TYPES[s.type].label}</p>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.label} className="border-t border-slate-100">
                  <th scope="row" className="px-5 py-2 font-medium text-slate-600">
                    {r.label}
                  </th>
                  <td className="px-5 py-2 tabular-nums text-slate-900" data-testid={r.testId ? `${r.testId}-a` : undefined}>
                    {r.value(pa)}
                  </td>
                  <td className="px-5 py-2 tabular-nums text-slate-900" data-testid={r.testId ? `${r.testId}-b` : undefined}>
                    {r.value(pb)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        {[pa, pb].map((p, i) => (
          <Card key={i}>
            <CardHeader title={`${i === 0 ? "A" : "B"}: segments in priority order`} />
            <CardBody>
              <table className="w-full text-left text-sm">
                <thead className="text-xs text-slate-500">
                  <tr>
                    <th className="py-1.5 font-medium">Segment</th>
                    <th className="py-1.5 text-right font-medium">Size</th>
                    <th className="py-1.5 text-right font-medium">After dedup.</th>
                    <th className="py-1.5 text-right font-medium">Score</th>
                    <th className="py-1.5 text-right font-medium">Expected value</th>
                  </tr>
                </thead>
                <tbody>
                  {p.targets.map((t) => {
                    const s = scoreOf(p, t.segmentId);
                    return (
                      <tr key={`${t.priority}`} className="border-t border-slate-100">
                        <td className="py-1.5">
                          {t.priority}. {t.name}
                        </td>
                        <td className="py-1.5 text-right tabular-nums">{formatNumber(t.size.customers)}</td>
                        <td className="py-1.5 text-right tabular-nums">{formatNumber(t.assigned.customers)}</td>
                        <td className="py-1.5 text-right tabular-nums">{s ? `${s.score} · ${s.zone}` : "—"}</td>
                        <td className="py-1.5 text-right tabular-nums">{formatMoney(t.expectedValue)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </CardBody>
          </Card>
        ))}
      </div>
    </div>
  );
}
