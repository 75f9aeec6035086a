import type { Metadata } from "next";
import Link from "next/link";
import { AlertTriangle, ArrowLeft, ShoppingBag } from "lucide-react";
import { z } from "zod";
import { requireWorkspace } from "@/lib/auth/workspace";
import { QueryTimeoutError } from "@/lib/db/statement-timeout";
import { calibrationEndSchema, checkClvModel, clvCheckRange, type ClvCheckResult } from "@/lib/insights/clv-model";
import { formatDate, formatNumber } from "@/lib/format";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { Figure, TookTooLong } from "@/components/insights/figures";
import { InsightsNav } from "../../insights-nav";
import { CheckChart } from "./check-chart";

export const metadata: Metadata = { title: "Model check · Lifetime value" };

const querySchema = z.object({ end: z.string().max(40).optional().catch(undefined) });
const fmt = (n: number) => (n >= 10_000 ? n.toLocaleString("en-US", { maximumSignificantDigits: 4 }) : n >= 100 ? n.toFixed(1) : n >= 1 ? n.toFixed(3) : n.toPrecision(3));

export default async function ModelCheckPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspaceSlug } = await params;
  const { workspace } = await requireWorkspace(workspaceSlug);
  const { end } = querySchema.parse(await searchParams);
  const now = new Date();
  const range = await clvCheckRange(workspace.id, now);
  const back = `/w/${workspace.slug}/insights/value`;

  let inputError: string | null = null;
  let result: ClvCheckResult | null = null;
  let timedOut = false;
  const chosen = end ?? range?.defaultEnd ?? "";
  if (range) {
    if (range.minEnd > range.maxEnd) {
      inputError = "The order history is too short to check the model: it needs at least eight weeks of orders (four to fit on, four to compare with).";
    } else {
      const parsed = calibrationEndSchema(range).safeParse(chosen);
      if (!parsed.success) inputError = parsed.error.issues[0]?.message ?? "Pick a valid date.";
      else {
        try {
          result = await checkClvModel(workspace.id, parsed.data, now);
        } catch (error) {
          if (!(error instanceof QueryTimeoutError)) throw error;
          timedOut = true;
        }
      }
    }
  }

  return (
    <>
      <PageHeader title="Insights" description="How your customers buy: who is active, who is drifting away, and where the revenue is." />
      <InsightsNav slug={workspace.slug} />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div>
          <Link href={back} className="inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-900">
            <ArrowLeft className="size-4" aria-hidden /> Lifetime value
          </Link>
          <h2 className="mt-1 text-lg font-semibold text-slate-900">Model check</h2>
          <p className="text-sm text-slate-500">
            Fit the purchase model on the orders before a date, predict the repeat purchases after it, and compare with what customers actually bought.
          </p>
        </div>
      </div>

      {!range ? (
        <Card>
          <EmptyState icon={<ShoppingBag className="size-5" aria-hidden />} title="No orders yet">
            The model check compares predictions with real purchases: import orders first.
          </EmptyState>
        </Card>
      ) : (
        <div className="space-y-6">
          <Card>
            <CardBody>
              <form method="get" className="flex flex-wrap items-end gap-3" noValidate>
                <div>
                  <label htmlFor="end" className="block text-sm font-medium text-slate-700">
                    Calibration end
                  </label>
                  <input
                    id="end"
                    name="end"
                    type="date"
                    defaultValue={chosen}
                    min={range.minEnd}
                    max={range.maxEnd}
                    aria-invalid={inputError ? true : undefined}
                    aria-describedby="end-help"
                    className="mt-1 block rounded-lg border border-slate-300 px-3 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 aria-invalid:border-red-400"
                  />
                </div>
                <button type="submit" className={buttonClasses("primary")}>
                  Run the check
                </button>
                <p id="end-help" className="w-full text-xs text-slate-500">
                  Orders from {formatDate(range.firstOrder)} to {formatDate(range.lastOrder)}. Pick a date between {range.minEnd} and {range.maxEnd}; the
                  default leaves the last third of the history for the comparison.
                </p>
              </form>
              {inputError && (
                <p className="mt-3 flex items-start gap-2 rounded-lg bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200" role="alert">
                  <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
                  {inputError}
                </p>
              )}
            </CardBody>
          </Card>

          {timedOut && (
            <TookTooLong title="The check took too long">The workspace is busy or very large. Try again in a moment.</TookTooLong>
          )}

          {result && !result.ok && (
            <Card>
              <CardBody>
                <p className="flex items-start gap-2 rounded-lg bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200" role="alert">
                  <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
                  {result.message}
                </p>
              </CardBody>
            </Card>
          )}

          {result?.ok && (
            <>
              <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4" aria-label="Error figures">
                <Figure label="Predicted repeat purchases" value={formatNumber(Math.round(result.check.totalPredicted))} hint={`In the ${result.holdoutWeeks.toFixed(1)} weeks after ${result.calibrationEnd}`} />
                <Figure label="Actual repeat purchases" value={formatNumber(result.check.totalActual)} hint="Order days of the same customers in that period" />
                <Figure
                  label="Total error"
                  value={result.check.percentError === null ? "—" : `${result.check.percentError >= 0 ? "+" : ""}${(result.check.percentError * 100).toFixed(1)}%`}
                  hint="(predicted − actual) ÷ actual"
                />
                <Figure label="Mean absolute error" value={result.check.meanAbsoluteError.toFixed(2)} hint="Purchases per customer, |predicted − actual| averaged" />
              </dl>

              <Card>
                <CardHeader
                  title="Predicted vs actual, by purchase history"
                  description="Customers grouped by their repeat purchases before the cut-off: the average each group bought afterwards, and what the model expected."
                />
                <CardBody>
                  <CheckChart groups={result.check.groups} />
                  <table className="mt-4 w-full text-sm" data-testid="clv-check-table">
                    <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                      <tr>
                        <th className="py-1.5 pr-4 font-medium">Repeat purchases before</th>
                        <th className="py-1.5 pr-4 text-right font-medium">Customers</th>
                        <th className="py-1.5 pr-4 text-right font-medium">Predicted after</th>
                        <th className="py-1.5 text-right font-medium">Actual after</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100 tabular-nums">
                      {result.check.groups.map((g) => (
                        <tr key={g.label}>
                          <td className="py-1.5 pr-4">{g.label}</td>
                          <td className="py-1.5 pr-4 text-right">{formatNumber(g.customers)}</td>
                          <td className="py-1.5 pr-4 text-right">{g.customers ? g.predicted.toFixed(2) : "—"}</td>
                          <td className="py-1.5 text-right">{g.customers ? g.actual.toFixed(2) : "—"}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </CardBody>
              </Card>

              <Card>
                <CardHeader title="Fitted on the calibration period" description={`BG/NBD on ${formatNumber(result.customers)} customers who first bought before ${result.calibrationEnd}.`} />
                <CardBody className="space-y-2 text-sm text-slate-600">
                  <p className="font-mono text-slate-900" data-testid="clv-check-params">
                    r = {fmt(result.params.r)} · α = {fmt(result.params.alpha)} · a = {fmt(result.params.a)} · b = {fmt(result.params.b)}
                  </p>
                  {result.available > result.customers && (
                    <p>
                      The workspace has {formatNumber(result.available)} such customers; the check uses an evenly spread sample of {formatNumber(result.customers)} to stay fast.
                    </p>
                  )}
                  <p>
                    A purchase is an order day. The model assumes each customer buys at a steady rate of their own while active, may stop for good after any purchase,
                    and that rates and dropout chances vary across customers but not over time: seasonality, campaigns or a changing customer mix show up here as
                    error. Computed in {(result.elapsedMs / 1000).toFixed(1)} s.
                  </p>
                </CardBody>
              </Card>
            </>
          )}
        </div>
      )}
    </>
  );
}
