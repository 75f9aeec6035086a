import type { Metadata } from "next";
import Link from "next/link";
import { PieChart, Plus } from "lucide-react";
import { requireWorkspace } from "@/lib/auth/workspace";
import { countCustomers } from "@/lib/dal/customers";
import { segmentsAfterExclusions } from "@/lib/dal/exclusions";
import { QueryTimeoutError } from "@/lib/db/statement-timeout";
import { SegmentError } from "@/lib/segments/errors";
import { formatNumber } from "@/lib/format";
import { listWorkspaceSegments } from "@/lib/dal/segments";
import { buttonClasses } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { SegmentsTable } from "./segments-table";

export const metadata: Metadata = { title: "Segments" };

export default async function SegmentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspaceSlug } = await params;
  const { workspace, can } = await requireWorkspace(workspaceSlug);
  const query = await searchParams;
  const showArchived = query.archived === "1";
  const showExclusions = query.exclusions === "1";
  const [segments, total] = await Promise.all([
    listWorkspaceSegments(workspace.id, { includeArchived: showArchived }),
    countCustomers(workspace.id),
  ]);
  // Live sizes after leaving out negative personas: active segments only, in one bounded statement.
  const exclusions = showExclusions
    ? await segmentsAfterExclusions(
        workspace.id,
        segments.filter((s) => s.archivedAt === null).map((s) => s.id),
      ).catch((error: unknown) => {
        if (error instanceof QueryTimeoutError || error instanceof SegmentError) return new Error(`Exclusions could not be applied: ${error.message}`);
        throw error;
      })
    : null;
  const base = `/w/${workspace.slug}/segments`;
  const link = (next: { archived?: boolean; exclusions?: boolean }) => {
    const q = new URLSearchParams();
    if (next.archived ?? showArchived) q.set("archived", "1");
    if (next.exclusions ?? showExclusions) q.set("exclusions", "1");
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  return (
    <>
      <PageHeader
        title="Segments"
        description="Saved groups of customers: defined by rules and counted live, or hand-picked lists."
        actions={
          can("segments.write") && (
            <Link href={`${base}/new`} className={buttonClasses("primary")}>
              <Plus className="size-4" /> New segment
            </Link>
          )
        }
      />
      <div className="mb-3 flex gap-2 text-sm">
        <Link href={link({ archived: false })} className={showArchived ? "text-slate-500 hover:text-slate-900" : "font-medium text-brand-700"} aria-current={!showArchived ? "page" : undefined}>
          Active
        </Link>
        <span className="text-slate-300">·</span>
        <Link href={link({ archived: true })} className={showArchived ? "font-medium text-brand-700" : "text-slate-500 hover:text-slate-900"} aria-current={showArchived ? "page" : undefined}>
          Including archived
        </Link>
        <span className="ml-auto">
          <Link
            href={link({ exclusions: !showExclusions })}
            className={showExclusions ? "font-medium text-brand-700" : "text-slate-500 hover:text-slate-900"}
          >
            {showExclusions ? "✓ Sizes after exclusions" : "Show sizes after exclusions"}
          </Link>
        </span>
      </div>
      {showExclusions && (
        <p className="mb-3 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-600 ring-1 ring-slate-200" role="status" data-testid="exclusions-summary">
          {exclusions instanceof Error
            ? exclusions.message
            : exclusions === null
              ? "No negative persona with rules yet: nothing is excluded."
              : `Leaving out ${exclusions.personas.length === 1 ? "the negative persona" : `${exclusions.personas.length} negative personas`} (${exclusions.personas.map((p) => p.name).join(", ")}) removes ${formatNumber(exclusions.base.removed.customers)} of ${formatNumber(exclusions.base.before.customers)} customers.${exclusions.omitted > 0 ? ` Shown for the first ${formatNumber(exclusions.segments.size)} active segments.` : ""}`}
        </p>
      )}
      <Card>
        {segments.length === 0 ? (
          <EmptyState
            icon={<PieChart className="size-5" />}
            title="No segments yet"
            action={
              can("segments.write") && (
                <Link href={`${base}/new`} className={buttonClasses("primary")}>
                  Create your first segment
                </Link>
              )
            }
          >
            A segment is a rule — “bought outdoor gear twice in the last 90 days”, “Champions in Germany” — that Segmently keeps counting as your data changes,
            or a static list of customers you pick by hand.
          </EmptyState>
        ) : (
          <SegmentsTable
            base={base}
            total={total}
            showExclusions={showExclusions}
            rows={segments.map((s) => ({
              id: s.id,
              name: s.name,
              description: s.description,
              isStatic: s.kind === "STATIC",
              size: s.lastSize,
              countedAt: s.lastSizeAt?.toISOString() ?? null,
              updatedAt: s.updatedAt.toISOString(),
              archived: s.archivedAt !== null,
              exclusions: (() => {
                const x = exclusions instanceof Error ? undefined : exclusions?.segments.get(s.id);
                return x ? { before: x.before.customers, after: x.after.customers } : null;
              })(),
            }))}
          />
        )}
      </Card>
    </>
  );
}
