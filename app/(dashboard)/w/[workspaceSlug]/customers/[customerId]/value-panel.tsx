import type { ReactNode } from "react";
import { Gauge } from "lucide-react";
import type { CustomerValueSummary, RfmDimension } from "@/lib/dal/customer-value";
import { LIFECYCLE_LABELS } from "@/lib/segments/rule-labels";
import { Badge, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatAmount, humanize, plural } from "@/lib/customers/format";
import { formatDate, formatDateTime } from "@/lib/format";
import { PredictionFigures, type CustomerPredictionView } from "./prediction-figures";
import { lifecycleReason, rfmRuleText, scoreExplanation, storedStageDiffers } from "./value-text";

const TITLE_ID = "customer-value-title";

const SCORES: { dimension: RfmDimension; letter: string; label: string }[] = [
  { dimension: "recency", letter: "R", label: "Recency" },
  { dimension: "frequency", letter: "F", label: "Frequency" },
  { dimension: "monetary", letter: "M", label: "Monetary" },
];

const STAGE_TONES = { new: "brand", reactivated: "green", active: "green", at_risk: "amber", churned: "red" } as const;

const CLV_FORMULA = "CLV = sum of all order amounts to date, as in segment rules";

/**
 * The customer's value as the segment engine computes it: R, F and M quintile scores with the
 * named RFM segment, lifetime value and order figures, and the lifecycle stage (next to the stored
 * lifecycle field when the two differ).
 */
export function ValuePanel({ summary, prediction }: { summary: CustomerValueSummary; prediction?: CustomerPredictionView }) {
  const { orders, rfm } = summary;
  return (
    <div role="region" aria-labelledby={TITLE_ID} className="mt-6 rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <CardHeader
        title={<span id={TITLE_ID}>Value: RFM, CLV and lifecycle</span>}
        description="Computed by the segment engine — the same figures RFM, lifetime value and lifecycle rules compare."
      />
      <div className="grid gap-6 px-5 py-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {orders && rfm ? (
            <>
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span className="text-sm text-slate-500">RFM segment</span>
                <span data-testid="rfm-segment" className="text-lg font-semibold text-slate-900">
                  {rfm.segmentLabel}
                </span>
                <span className="text-xs text-slate-400">({rfmRuleText(rfm.segment)})</span>
              </div>
              <dl className="mt-3 grid gap-3 sm:grid-cols-3" aria-label="RFM scores">
                {SCORES.map(({ dimension, letter, label }) => (
                  <div key={dimension} className="rounded-lg bg-slate-50 p-3">
                    <dt className="text-sm text-slate-500">
                      {label} ({letter})
                    </dt>
                    <dd className="mt-1">
                      <span className="flex items-baseline gap-1">
                        <span data-testid={`rfm-${dimension}`} className="text-2xl font-semibold tabular-nums text-slate-900">
                          {rfm[dimension]}
                        </span>
                        <span className="text-sm text-slate-400">/ 5</span>
                      </span>
                      <ScoreMeter score={rfm[dimension]} />
                      <p className="mt-2 text-xs text-slate-600">{scoreExplanation(dimension, summary)}</p>
                    </dd>
                  </div>
                ))}
              </dl>
              <p className="mt-2 text-xs text-slate-400">
                Scores are quintiles among the {plural(rfm.scoredCustomers, "customer")} with orders in this workspace: 5 is
                the most recent, most frequent or largest fifth. Ties are ordered by customer id.
              </p>
              <div className="mt-5 border-t border-slate-100 pt-4">
                <Lifecycle summary={summary} />
              </div>
            </>
          ) : (
            <div data-testid="value-empty" className="flex flex-col items-center justify-center rounded-lg bg-slate-50 px-6 py-8 text-center">
              <div className="mb-3 rounded-full bg-brand-50 p-3 text-brand-600">
                <Gauge className="size-5" aria-hidden />
              </div>
              <h3 className="text-sm font-semibold text-slate-900">No orders yet: no RFM score</h3>
              <p className="mt-1 max-w-sm text-sm text-slate-500">
                RFM scores, lifetime value and order figures appear once this customer has an order.
              </p>
            </div>
          )}
        </div>

        <div className="space-y-4">
          {!(orders && rfm) && <Lifecycle summary={summary} />}
          {prediction && <PredictionFigures view={prediction} />}
          {orders && (
            <dl className="divide-y divide-slate-100 text-sm" aria-label="Lifetime value">
              <Figure label="CLV">
                <span data-testid="value-clv" className="font-semibold" title={CLV_FORMULA}>
                  {formatAmount(orders.clv, { cents: true })}
                </span>
                <span className="block text-xs text-slate-400">{CLV_FORMULA}.</span>
              </Figure>
              <Figure label="Total spent" testId="value-total">
                {formatAmount(orders.totalSpent, { cents: true })}
              </Figure>
              <Figure label="Orders" testId="value-orders">
                {orders.orderCount.toLocaleString("en-US")}
              </Figure>
              <Figure label="Average order value" testId="value-aov">
                {formatAmount(orders.averageOrderValue, { cents: true })}
              </Figure>
              <Figure label="First order" testId="value-first-order">
                <time dateTime={orders.firstOrderAt.toISOString()} title={formatDateTime(orders.firstOrderAt)}>
                  {formatDate(orders.firstOrderAt)}
                </time>
              </Figure>
              <Figure label="Last order" testId="value-last-order">
                <time dateTime={orders.lastOrderAt.toISOString()} title={formatDateTime(orders.lastOrderAt)}>
                  {formatDate(orders.lastOrderAt)}
                </time>
              </Figure>
            </dl>
          )}
        </div>
      </div>
    </div>
  );
}

function Lifecycle({ summary }: { summary: CustomerValueSummary }) {
  const { lifecycle } = summary;
  return (
    <div>
      <p className="text-sm text-slate-500">Lifecycle stage</p>
      <p className="mt-1">
        <span data-testid="lifecycle-stage">
          <Badge tone={STAGE_TONES[lifecycle.stage]}>{LIFECYCLE_LABELS[lifecycle.stage]}</Badge>
        </span>
      </p>
      <p className="mt-1 text-xs text-slate-600">{lifecycleReason(summary)}</p>
      {storedStageDiffers(lifecycle.stored, lifecycle.stage) && lifecycle.stored !== null && (
        <p className="mt-2 text-xs text-slate-600" data-testid="lifecycle-stored">
          Stored lifecycle field: <span className="font-medium text-slate-900">{humanize(lifecycle.stored)}</span>{" "}
          <span className="text-slate-400">(imported or entered; segment rules on lifecycle stage use the computed stage)</span>
        </p>
      )}
      <p className="mt-2 text-xs text-slate-400">
        New: first order in the last {plural(lifecycle.thresholds.newDays, "day")} · Active: last order in the last{" "}
        {plural(lifecycle.thresholds.activeDays, "day")} (Reactivated when it came after more than{" "}
        {plural(lifecycle.thresholds.churnDays, "day")} without orders) · At risk: in the last{" "}
        {plural(lifecycle.thresholds.churnDays, "day")} · Churned: otherwise. Set per workspace.
      </p>
    </div>
  );
}

function ScoreMeter({ score }: { score: number }) {
  return (
    <span className="mt-1.5 flex gap-1" aria-hidden>
      {[1, 2, 3, 4, 5].map((step) => (
        <span key={step} className={cn("h-1.5 flex-1 rounded-full", step <= score ? "bg-brand-500" : "bg-slate-200")} />
      ))}
    </span>
  );
}

function Figure({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-5 gap-3 py-2">
      <dt className="col-span-2 text-slate-500">{label}</dt>
      <dd className="col-span-3 min-w-0 tabular-nums text-slate-900" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
