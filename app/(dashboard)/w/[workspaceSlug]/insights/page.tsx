import type { Metadata } from "next";
import Link from "next/link";
import { Grid3x3, ShoppingBag } from "lucide-react";
import { z } from "zod";
import { requireWorkspace } from "@/lib/auth/workspace";
import { saveRfmSegmentAction } from "@/lib/actions/insights";
import { getRfmGrid, type RfmGrid } from "@/lib/analytics/rfm-grid";
import { QueryTimeoutError } from "@/lib/db/statement-timeout";
import { formatMoney, formatNumber } from "@/lib/format";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Stat, TookTooLong } from "@/components/insights/figures";
import { InsightsNav } from "./insights-nav";
import { RfmSection } from "./rfm-section";

export const metadata: Metadata = { title: "Insights" };

const querySchema = z.object({ colour: z.enum(["customers", "revenue"]).catch("customers") });

export default async function InsightsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspaceSlug } = await params;
  const { workspace, can } = await requireWorkspace(workspaceSlug);
  const { colour } = querySchema.parse(await searchParams);
  const base = `/w/${workspace.slug}/insights`;

  let grid: RfmGrid | null = null;
  let timedOut = false;
  try {
    grid = await getRfmGrid(workspace.id);
  } catch (error) {
    if (!(error instanceof QueryTimeoutError)) throw error;
    timedOut = true;
  }

  return (
    <>
      <PageHeader title="Insights" description="How your customers buy: who is active, who is drifting away, and where the revenue is." />

      <InsightsNav slug={workspace.slug} />

      {timedOut ? (
        <TookTooLong title="The RFM analysis took too long" />
      ) : !grid || grid.scored === 0 ? (
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
            RFM scores customers on their orders: recency, frequency and spend. Import orders and every customer who bought
            {grid && grid.withoutOrders > 0 ? ` (you have ${formatNumber(grid.withoutOrders)} customers so far)` : ""} gets a score here.
          </EmptyState>
        </Card>
      ) : (
        <div className="space-y-6">
          <div className="flex flex-wrap items-end justify-between gap-4">
            <dl className="flex flex-wrap gap-x-8 gap-y-2 text-sm">
              <Stat label="Scored customers" value={formatNumber(grid.scored)} />
              <Stat label="Their revenue" value={formatMoney(grid.revenue)} />
              <Stat label="No orders yet" value={formatNumber(grid.withoutOrders)} hint="Not scored: in no cell and no segment" />
            </dl>
            <div className="flex items-center gap-2 text-sm">
              <span id="colour-by" className="text-slate-500">Colour by</span>
              <div className="flex gap-1 rounded-lg bg-slate-100 p-1" role="group" aria-labelledby="colour-by">
                {(["customers", "revenue"] as const).map((c) => (
                  <Link
                    key={c}
                    href={c === "customers" ? base : `${base}?colour=${c}`}
                    aria-current={colour === c ? "true" : undefined}
                    className={cn(
                      "rounded-md px-3 py-1 font-medium capitalize",
                      colour === c ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900",
                    )}
                    scroll={false}
                  >
                    {c}
                  </Link>
                ))}
              </div>
            </div>
          </div>

          <RfmSection
            grid={grid}
            colour={colour}
            canSave={can("segments.write")}
            save={saveRfmSegmentAction.bind(null, workspace.id)}
            slug={workspace.slug}
          />

          <Card>
            <CardHeader title="How the scores are computed" action={<Grid3x3 className="size-5 text-slate-400" aria-hidden />} />
            <CardBody className="space-y-2 text-sm text-slate-600">
              <p>
                Every customer with at least one order gets three scores from 1 to 5, by quintiles over this workspace:{" "}
                <strong className="font-medium text-slate-800">recency</strong> (when they last ordered — 5 is most recent),{" "}
                <strong className="font-medium text-slate-800">frequency</strong> (how many orders — 5 is most) and{" "}
                <strong className="font-medium text-slate-800">monetary</strong> (total spend — 5 is largest).
              </p>
              <p>
                Customers are sorted on each measure and cut into five groups of equal size; when the count does not divide by five,
                the lower scores get one customer more. Customers with the same value are ordered by their customer id, so ties can
                land on both sides of a boundary — but always the same way, and segment rules use exactly these scores.
              </p>
              <p>
                The named segment is the first rule that matches the scores (Champions: recency and frequency and monetary 4–5;
                Loyal: recency 3–5, frequency 4–5; …). Customers without orders have no scores: they are counted as “No orders yet”
                and are in no cell and no named segment. Average CLV is the average spend so far.
              </p>
            </CardBody>
          </Card>
        </div>
      )}
    </>
  );
}
