import type { Metadata } from "next";
import Link from "next/link";
import { AlertTriangle, ArrowRight, LineChart, ShoppingBag, Sparkles } from "lucide-react";
import { requireWorkspace } from "@/lib/auth/workspace";
import { clvFitStatusAction, fitClvModelAction } from "@/lib/actions/insights";
import { QueryTimeoutError } from "@/lib/db/statement-timeout";
import { countOrders, getClvModel, getClvOverview, pendingClvFit, type ClvOverview } from "@/lib/insights/clv-model";
import { formatDateTime, formatMoney, formatNumber } from "@/lib/format";
import { buttonClasses } from "@/components/ui/button";
import { Badge, Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { Figure, TookTooLong } from "@/components/insights/figures";
import { InsightsNav } from "../insights-nav";
import { FitPanel } from "./fit-panel";
import { Parameters } from "./parameters";
import { AliveHistogram, ValueHistogram } from "./value-charts";

export const metadata: Metadata = { title: "Lifetime value · Insights" };

const pct = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.1 ? 1 : 0)}%`;

export default async function LifetimeValuePage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { workspace, can } = await requireWorkspace(workspaceSlug);
  const base = `/w/${workspace.slug}/insights`;
  const [model, pending, orders] = await Promise.all([
    getClvModel(workspace.id),
    pendingClvFit(workspace.id),
    countOrders(workspace.id),
  ]);
  let overview: ClvOverview | null = null;
  let timedOut = false;
  if (model?.status === "READY") {
    try {
      overview = await getClvOverview(workspace.id);
    } catch (error) {
      if (!(error instanceof QueryTimeoutError)) throw error;
      timedOut = true;
    }
  }
  const fitPanel =
    orders > 0 ? (
      <FitPanel
        fitted={model !== null}
        canFit={can("segments.write")}
        initial={pending}
        fit={fitClvModelAction.bind(null, workspace.id)}
        status={clvFitStatusAction.bind(null, workspace.id)}
      />
    ) : null;

  return (
    <>
      <PageHeader
        title="Insights"
        description="How your customers buy: who is active, who is drifting away, and where the revenue is."
      />
      <InsightsNav slug={workspace.slug} />

      {orders === 0 ? (
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
            Lifetime value is predicted from each customer&apos;s order history: how often they buy, how recently, and how much they spend.
            Import orders to fit the model.
          </EmptyState>
        </Card>
      ) : (
        <div className="space-y-6">
          <Card>
            <CardHeader
              title={
                <span className="flex items-center gap-2">
                  Lifetime-value model
                  {model?.status === "READY" ? (
                    <Badge tone="green">Fitted</Badge>
                  ) : model ? (
                    <Badge tone="amber">Not enough data</Badge>
                  ) : (
                    <Badge>Not fitted yet</Badge>
                  )}
                </span>
              }
              description={
                model
                  ? `Fitted ${formatDateTime(model.fittedAt)} on ${formatNumber(model.customers)} customers with orders (${formatNumber(model.repeaters)} bought again). Predictions cover the next ${model.horizonMonths} months.`
                  : "Fit the model to predict every customer's purchases, chance of still being active and value over the next 12 months."
              }
              action={fitPanel}
            />
            {model?.status === "INSUFFICIENT_DATA" ? (
              <CardBody>
                <div className="flex gap-3 rounded-lg bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200" role="alert">
                  <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
                  <div>
                    <p className="font-medium">Not enough order history to predict lifetime value yet.</p>
                    <p className="mt-1">{model.message}</p>
                    <p className="mt-1">Import more orders (or wait for more repeat purchases), then refit.</p>
                  </div>
                </div>
              </CardBody>
            ) : !model ? (
              <CardBody>
                <EmptyState icon={<Sparkles className="size-5" aria-hidden />} title="The model has not been fitted yet">
                  {can("segments.write")
                    ? "Fitting reads every order of the workspace and takes a few seconds. Predictions then show on customer profiles, segments and personas, and can be used in segment rules."
                    : "An editor of this workspace can fit it."}
                </EmptyState>
              </CardBody>
            ) : null}
          </Card>

          {timedOut && (
            <TookTooLong title="The figures took too long" />
          )}

          {model?.status === "READY" && model.params && overview && (
            <>
              <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4" aria-label="Key figures">
                <Figure
                  label="Predicted value, next 12 months"
                  value={overview.totalValue === null ? "—" : formatMoney(overview.totalValue)}
                  hint="The sum over every customer with orders"
                />
                <Figure label="Average per customer" value={overview.averageValue === null ? "—" : formatMoney(overview.averageValue)} hint={`Over ${formatNumber(overview.customers)} customers with orders`} />
                <Figure label="Likely still active" value={pct(overview.likelyAliveShare)} hint="Customers with a probability of being active of 50% or more" />
                <Figure label="Expected purchases each" value={overview.averagePurchases.toFixed(2)} hint="Average expected repeat purchases in the next 12 months" />
              </dl>

              <div className="grid gap-6 lg:grid-cols-2">
                <Card>
                  <CardHeader title="Predicted value" description="Customers by their predicted value over the next 12 months (the last bar holds the top 1%)." />
                  <CardBody>
                    <ValueHistogram bins={overview.valueBins} />
                  </CardBody>
                </Card>
                <Card>
                  <CardHeader title="Probability still active" description="Customers who never bought again count as active: the model has no sign they left." />
                  <CardBody>
                    <AliveHistogram bins={overview.aliveBins} />
                  </CardBody>
                </Card>
              </div>

              <Parameters params={model.params} />

              <Card>
                <CardBody className="flex flex-wrap items-center justify-between gap-3 text-sm">
                  <div className="flex items-center gap-3">
                    <LineChart className="size-5 text-slate-400" aria-hidden />
                    <p className="text-slate-600">
                      How good are these predictions? Fit on older orders and compare with what customers actually bought since.
                    </p>
                  </div>
                  <Link href={`${base}/value/check`} className={buttonClasses("secondary")}>
                    Check the model <ArrowRight className="ml-1 size-4" aria-hidden />
                  </Link>
                </CardBody>
              </Card>
            </>
          )}
        </div>
      )}
    </>
  );
}
