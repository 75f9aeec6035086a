import type { Metadata } from "next";
import Link from "next/link";
import { Plus, Target } from "lucide-react";
import { requireWorkspace } from "@/lib/auth/workspace";
import { z } from "zod";
import { pageStrategies, type StrategyStatusKey } from "@/lib/dal/strategies";
import { formatNumber } from "@/lib/format";
import { cn } from "@/components/ui/cn";
import { buttonClasses } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { StrategiesTable } from "./strategies-table";

export const metadata: Metadata = { title: "Strategies" };

const querySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  status: z.enum(["ACTIVE", "DRAFT", "ARCHIVED"]).optional().catch(undefined),
});

const STATUS_TABS: { key: StrategyStatusKey | undefined; label: string }[] = [
  { key: undefined, label: "All" },
  { key: "ACTIVE", label: "Active" },
  { key: "DRAFT", label: "Drafts" },
  { key: "ARCHIVED", label: "Archived" },
];

export default async function StrategiesPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspaceSlug } = await params;
  const { workspace, can } = await requireWorkspace(workspaceSlug);
  const query = querySchema.parse(await searchParams);
  const list = await pageStrategies(workspace.id, query);
  const strategies = list.rows;
  const base = `/w/${workspace.slug}/strategies`;
  const newButton = can("strategies.write") && (
    <Link href={`${base}/new`} className={buttonClasses("primary")}>
      <Plus className="size-4" /> New strategy
    </Link>
  );
  return (
    <>
      <PageHeader
        title="Strategies"
        description="Which segments to target, with which offer, and who to leave out — with the deduplicated reach and the expected value."
        actions={
          <>
            {list.counts.ALL >= 2 && (
              <Link href={`${base}/compare`} className={buttonClasses("secondary")}>
                Compare
              </Link>
            )}
            {newButton}
          </>
        }
      />
      {list.counts.ALL > 0 && (
        <nav className="mb-4 flex flex-wrap gap-1 text-sm" aria-label="Strategy status">
          {STATUS_TABS.map((tab) => {
            const active = tab.key === query.status;
            return (
              <Link
                key={tab.label}
                href={tab.key ? `${base}?status=${tab.key}` : base}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "rounded-md px-3 py-1.5 font-medium",
                  active ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
                )}
              >
                {tab.label} <span className="tabular-nums text-slate-500">{formatNumber(list.counts[tab.key ?? "ALL"])}</span>
              </Link>
            );
          })}
        </nav>
      )}
      <Card>
        {list.counts.ALL > 0 && strategies.length === 0 ? (
          <EmptyState icon={<Target className="size-5" />} title="No strategies here">
            No strategy has this status. <Link href={base} className="font-medium text-brand-700 hover:underline">Show all strategies</Link>.
          </EmptyState>
        ) : strategies.length === 0 ? (
          <EmptyState icon={<Target className="size-5" />} title="No strategies yet" action={newButton}>
            A strategy chooses segments in priority order — one offer for everyone, an offer per segment, one focused niche or per-customer offers —
            leaves out negative personas and opted-out customers, and shows how many customers you really reach and what they are worth.
          </EmptyState>
        ) : (
          <StrategiesTable
            base={base}
            page={list.page}
            pageCount={list.pageCount}
            total={list.total}
            rows={strategies.map((s) => ({
              id: s.id,
              name: s.name,
              type: s.type,
              status: s.status,
              owner: s.owner,
              periodStart: s.periodStart?.toISOString() ?? null,
              periodEnd: s.periodEnd?.toISOString() ?? null,
              updatedAt: s.updatedAt.toISOString(),
            }))}
          />
        )}
      </Card>
    </>
  );
}
