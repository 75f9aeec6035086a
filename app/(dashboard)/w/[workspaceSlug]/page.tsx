import type { Metadata } from "next";
import { Activity, DollarSign, ShoppingBag, Users } from "lucide-react";
import { requireWorkspace } from "@/lib/auth/workspace";
import { workspaceOverview } from "@/lib/dal/workspaces";
import { formatMoney, formatNumber, formatRelative } from "@/lib/format";
import { Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { describeAudit } from "@/components/audit/describe";
import { gettingStartedSteps } from "@/lib/workspaces/getting-started";
import { GettingStarted } from "./getting-started";
import { RevenueChart } from "./revenue-chart";

export const metadata: Metadata = { title: "Overview" };

function Stat({ label, value, icon: Icon }: { label: string; value: string; icon: typeof Users }) {
  return (
    <Card>
      <CardBody className="flex items-center gap-4">
        <div className="rounded-lg bg-brand-50 p-2.5 text-brand-600">
          <Icon className="size-5" aria-hidden />
        </div>
        <div>
          <p className="text-sm text-slate-500">{label}</p>
          <p className="text-2xl font-semibold tabular-nums text-slate-900">{value}</p>
        </div>
      </CardBody>
    </Card>
  );
}

export default async function OverviewPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { workspace, can } = await requireWorkspace(workspaceSlug);
  const data = await workspaceOverview(workspace.id);
  const now = new Date();

  return (
    <>
      <PageHeader title={workspace.name} description="How your customer base is doing, at a glance." />
      <GettingStarted steps={gettingStartedSteps(data, can)} base={`/w/${workspace.slug}`} />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Stat label="Customers" value={formatNumber(data.customers)} icon={Users} />
        <Stat label="Orders" value={formatNumber(data.orders)} icon={ShoppingBag} />
        <Stat label="Revenue, last 12 months" value={formatMoney(data.revenue12m)} icon={DollarSign} />
        <Stat label="Members" value={formatNumber(data.members)} icon={Activity} />
      </div>
      <div className="mt-6 grid gap-6 xl:grid-cols-3">
        <Card className="xl:col-span-2">
          <CardHeader title="Revenue and buying customers" description="By month, last twelve months (UTC)" />
          <CardBody>
            {data.monthly.length === 0 ? (
              <EmptyState icon={<ShoppingBag className="size-5" />} title="No orders yet">
                Once orders are in the workspace, monthly revenue and buying customers show here.
              </EmptyState>
            ) : (
              <RevenueChart months={data.monthly} />
            )}
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Recent activity" />
          <CardBody>
            {data.recent.length === 0 ? (
              <p className="text-sm text-slate-500">Nothing has happened here yet.</p>
            ) : (
              <ol className="space-y-4">
                {data.recent.map((row) => (
                  <li key={row.id} className="text-sm">
                    <p className="text-slate-800">
                      <span className="font-medium">{row.actorEmail ?? "System"}</span> {describeAudit(row)}
                    </p>
                    <p className="text-xs text-slate-400">{formatRelative(row.createdAt, now)}</p>
                  </li>
                ))}
              </ol>
            )}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
