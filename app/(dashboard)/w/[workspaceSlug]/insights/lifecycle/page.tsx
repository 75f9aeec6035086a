import type { Metadata } from "next";
import Link from "next/link";
import { Info, ShoppingBag } from "lucide-react";
import { z } from "zod";
import { requireWorkspace } from "@/lib/auth/workspace";
import { getLifecycleReport, type LifecycleReport } from "@/lib/analytics/lifecycle-report";
import {
  DEFAULT_LIFECYCLE_PERIOD,
  LIFECYCLE_PERIODS,
  lifecycleFilterParams,
  parsePeriod,
  START_STAGES,
  type LifecycleFilter,
  type StartStage,
} from "@/lib/analytics/lifecycle-filter";
import { QueryTimeoutError } from "@/lib/db/statement-timeout";
import { LIFECYCLE_STAGES, type LifecycleStage } from "@/lib/segments/definition";
import { LIFECYCLE_LABELS } from "@/lib/segments/rule-labels";
import { formatDate, formatMoney, formatNumber } from "@/lib/format";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Stat, TookTooLong } from "@/components/insights/figures";
import { InsightsNav } from "../insights-nav";
import { StageBars, StageFlow } from "./lifecycle-charts";

export const metadata: Metadata = { title: "Lifecycle · Insights" };

const querySchema = z.object({
  period: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => parsePeriod(v) ?? DEFAULT_LIFECYCLE_PERIOD),
});

const STAGE_COLORS: Record<StartStage, string> = {
  none: "#94a3b8",
  new: "#4f46e5",
  reactivated: "#14b8a6",
  active: "#10b981",
  at_risk: "#f59e0b",
  churned: "#ef4444",
};

const START_LABELS: Record<StartStage, string> = { none: "Not yet a customer", ...LIFECYCLE_LABELS };

const pct = (n: number, of: number) => (of > 0 ? `${Math.round((n / of) * 1000) / 10}%` : "—");

export default async function LifecyclePage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspaceSlug } = await params;
  const { workspace, can } = await requireWorkspace(workspaceSlug);
  const { period } = querySchema.parse(await searchParams);
  const base = `/w/${workspace.slug}/insights/lifecycle`;
  const customers = (filter: LifecycleFilter) =>
    `/w/${workspace.slug}/customers?${new URLSearchParams(lifecycleFilterParams(filter)).toString()}`;

  let report: LifecycleReport | null = null;
  let timedOut = false;
  try {
    report = await getLifecycleReport(workspace.id, period);
  } catch (error) {
    if (!(error instanceof QueryTimeoutError)) throw error;
    timedOut = true;
  }

  return (
    <>
      <PageHeader title="Insights" description="How your customers buy: who is active, who is drifting away, and where the revenue is." />

      <InsightsNav slug={workspace.slug} />

      {timedOut ? (
        <TookTooLong title="The lifecycle analysis took too long" />
      ) : !report || report.withOrders === 0 ? (
        <Card>
          <EmptyState
            icon={<ShoppingBag className="size-5" aria-hidden />}
            title="No orders yet"
            action={
              <Link href={`/w/${workspace.slug}/customers/import`} className={buttonClasses("primary")}>
                Import orders
              </Link>
            }
          >
            Lifecycle stages follow each customer&apos;s orders: new, active, at risk, churned and back again. Import orders and this page
            shows how many customers are in each stage and how they moved between stages
            {report && report.customers > 0 ? ` (you have ${formatNumber(report.customers)} customers so far)` : ""}.
          </EmptyState>
        </Card>
      ) : (
        <Report report={report} base={base} customers={customers} canEditSettings={can("workspace.update")} slug={workspace.slug} />
      )}
    </>
  );
}

function Report({
  report,
  base,
  customers,
  canEditSettings,
  slug,
}: {
  report: LifecycleReport;
  base: string;
  customers: (filter: LifecycleFilter) => string;
  canEditSettings: boolean;
  slug: string;
}) {
  const { thresholds: t, periodDays } = report;
  const from = (stage: StartStage) => ({ stage, periodDays });
  const flowTotal = (f: StartStage | null, to: LifecycleStage | null) =>
    report.flow.filter((c) => (f === null || c.from === f) && (to === null || c.to === to)).reduce((s, c) => s + c.customers, 0);
  const startStages = START_STAGES.filter((s) => flowTotal(s, null) > 0);
  const changed = report.flow.filter((c) => c.from !== c.to).reduce((s, c) => s + c.customers, 0);
  const key = (side: "s" | "n", stage: string) => `${side}:${stage}`;
  const labels: Record<string, string> = {};
  const colors: Record<string, string> = {};
  for (const s of START_STAGES) {
    labels[key("s", s)] = START_LABELS[s];
    colors[key("s", s)] = STAGE_COLORS[s];
  }
  for (const s of LIFECYCLE_STAGES) {
    labels[key("n", s)] = LIFECYCLE_LABELS[s];
    colors[key("n", s)] = STAGE_COLORS[s];
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <dl className="flex flex-wrap gap-x-8 gap-y-2 text-sm">
          <Stat label="Customers" value={formatNumber(report.customers)} />
          <Stat label="With orders" value={formatNumber(report.withOrders)} />
          <Stat
            label={`Changed stage in ${periodDays} days`}
            value={formatNumber(changed)}
            hint="Customers whose stage now differs from their stage at the start of the period (new customers included)"
          />
        </dl>
        <div className="flex items-center gap-2 text-sm">
          <span id="period" className="text-slate-500">
            Period
          </span>
          <div className="flex gap-1 rounded-lg bg-slate-100 p-1" role="group" aria-labelledby="period">
            {LIFECYCLE_PERIODS.map((p) => (
              <Link
                key={p}
                href={p === DEFAULT_LIFECYCLE_PERIOD ? base : `${base}?period=${p}`}
                aria-current={periodDays === p ? "true" : undefined}
                className={cn(
                  "rounded-md px-3 py-1 font-medium",
                  periodDays === p ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900",
                )}
                scroll={false}
              >
                {p} days
              </Link>
            ))}
          </div>
        </div>
      </div>

      <Card>
        <CardHeader title="Customers by stage" description="Today, with this workspace's thresholds. Click a bar or a count to see those customers." />
        <CardBody className="grid gap-6 lg:grid-cols-5">
          <div className="lg:col-span-3">
            <StageBars
              stages={report.stages.map((s) => ({
                key: s.stage,
                label: LIFECYCLE_LABELS[s.stage],
                customers: s.customers,
                revenue: s.revenue,
                color: STAGE_COLORS[s.stage],
                href: customers({ stage: s.stage, from: null }),
              }))}
            />
          </div>
          <div className="overflow-x-auto lg:col-span-2">
            <table className="w-full text-sm" aria-label="Customers and lifetime revenue by lifecycle stage">
              <thead>
                <tr className="border-b border-slate-200 text-left text-slate-500">
                  <th scope="col" className="py-2 pr-3 font-medium">Stage</th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">Customers</th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">Share</th>
                  <th scope="col" className="py-2 text-right font-medium">Lifetime revenue</th>
                </tr>
              </thead>
              <tbody>
                {report.stages.map((s) => (
                  <tr key={s.stage} className="border-b border-slate-100 last:border-0">
                    <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-800">
                      <span className="mr-2 inline-block size-2.5 rounded-full" style={{ backgroundColor: STAGE_COLORS[s.stage] }} aria-hidden />
                      {LIFECYCLE_LABELS[s.stage]}
                    </th>
                    <td className="py-2 pr-3 text-right tabular-nums">
                      {s.customers > 0 ? (
                        <Link
                          href={customers({ stage: s.stage, from: null })}
                          className="font-medium text-brand-700 underline-offset-2 hover:underline"
                          data-testid={`stage-count-${s.stage}`}
                          aria-label={`${formatNumber(s.customers)} ${LIFECYCLE_LABELS[s.stage]} customers`}
                        >
                          {formatNumber(s.customers)}
                        </Link>
                      ) : (
                        <span className="text-slate-400" data-testid={`stage-count-${s.stage}`}>0</span>
                      )}
                    </td>
                    <td className="py-2 pr-3 text-right tabular-nums text-slate-600">{pct(s.customers, report.customers)}</td>
                    <td className="py-2 text-right tabular-nums text-slate-600">{formatMoney(s.revenue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </CardBody>
      </Card>

      <Card>
        <CardHeader
          title={`Flow over the last ${periodDays} days`}
          description={`Each customer's stage on ${formatDate(report.start)} (left) and today (right). Click a flow or a count to see those customers.`}
        />
        <CardBody className="space-y-6">
          <StageFlow
            flows={report.flow.map((c) => ({
              from: key("s", c.from),
              to: key("n", c.to),
              fromLabel: START_LABELS[c.from],
              toLabel: LIFECYCLE_LABELS[c.to],
              customers: c.customers,
              href: customers({ stage: c.to, from: from(c.from) }),
            }))}
            left={START_STAGES.map((s) => key("s", s))}
            right={LIFECYCLE_STAGES.map((s) => key("n", s))}
            labels={labels}
            colors={colors}
          />
          <div className="overflow-x-auto">
            <table className="w-full min-w-[40rem] text-sm" aria-label={`Customers by stage ${periodDays} days ago (rows) and today (columns)`}>
              <thead>
                <tr className="border-b border-slate-200 text-slate-500">
                  <th scope="col" className="py-2 pr-3 text-left font-medium">
                    {periodDays} days ago ↓ · Today →
                  </th>
                  {LIFECYCLE_STAGES.map((s) => (
                    <th key={s} scope="col" className="py-2 pr-3 text-right font-medium">
                      {LIFECYCLE_LABELS[s]}
                    </th>
                  ))}
                  <th scope="col" className="py-2 text-right font-medium">Total</th>
                </tr>
              </thead>
              <tbody>
                {startStages.map((f) => (
                  <tr key={f} className="border-b border-slate-100 last:border-0">
                    <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-800">
                      <span className="mr-2 inline-block size-2.5 rounded-full" style={{ backgroundColor: STAGE_COLORS[f] }} aria-hidden />
                      {START_LABELS[f]}
                    </th>
                    {LIFECYCLE_STAGES.map((to) => {
                      const n = flowTotal(f, to);
                      return (
                        <td key={to} className="py-2 pr-3 text-right tabular-nums">
                          {n > 0 ? (
                            <Link
                              href={customers({ stage: to, from: from(f) })}
                              className={cn("underline-offset-2 hover:underline", f === to ? "text-slate-600" : "font-medium text-brand-700")}
                              data-testid={`flow-${f}-${to}`}
                              aria-label={`${formatNumber(n)} customers ${START_LABELS[f]} ${periodDays} days ago and ${LIFECYCLE_LABELS[to]} today`}
                            >
                              {formatNumber(n)}
                            </Link>
                          ) : (
                            <span className="text-slate-300">·</span>
                          )}
                        </td>
                      );
                    })}
                    <td className="py-2 text-right tabular-nums">
                      <Link href={customers({ stage: null, from: from(f) })} className="text-slate-700 underline-offset-2 hover:underline">
                        {formatNumber(flowTotal(f, null))}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="How stages are defined" action={<Info className="size-5 text-slate-400" aria-hidden />} />
        <CardBody className="space-y-2 text-sm text-slate-600">
          <p>Every customer is in exactly one stage, decided from their orders in this order:</p>
          <ol className="list-decimal space-y-1 pl-5">
            <li>
              <strong className="font-medium text-slate-800">New</strong> — first order within the last {t.newDays} days (without orders:
              first seen, or added, within the last {t.newDays} days);
            </li>
            <li>
              <strong className="font-medium text-slate-800">Reactivated</strong> — last order within the last {t.activeDays} days, after
              more than {t.churnDays} days without any order (they had churned and came back);
            </li>
            <li>
              <strong className="font-medium text-slate-800">Active</strong> — last order within the last {t.activeDays} days;
            </li>
            <li>
              <strong className="font-medium text-slate-800">At risk</strong> — last order within the last {t.churnDays} days;
            </li>
            <li>
              <strong className="font-medium text-slate-800">Churned</strong> — everyone else, including customers without orders who are no
              longer new.
            </li>
          </ol>
          <p>
            The flow compares each customer&apos;s stage today with their stage {periodDays} days ago, computed the same way from the orders
            placed before that day. Customers first seen (or added) after it, without an earlier order, are “Not yet a customer” on the
            left. Lifetime revenue is each customer&apos;s total spend so far. Segment rules on lifecycle stage use exactly these stages.
          </p>
          <p>
            {canEditSettings ? (
              <Link href={`/w/${slug}/settings#lifecycle`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                Change the thresholds in settings
              </Link>
            ) : (
              "Owners and admins can change the thresholds in settings."
            )}
          </p>
        </CardBody>
      </Card>
    </div>
  );
}
