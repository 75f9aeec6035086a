import type { Metadata } from "next";
import Link from "next/link";
import { PieChart, Plus } from "lucide-react";
import { requireWorkspace } from "@/lib/auth/workspace";
import { countCustomers } from "@/lib/dal/customers";
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
  const showArchived = (await searchParams).archived === "1";
  const [segments, total] = await Promise.all([
    listWorkspaceSegments(workspace.id, { includeArchived: showArchived }),
    countCustomers(workspace.id),
  ]);
  const base = `/w/${workspace.slug}/segments`;
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
        <Link href={base} className={showArchived ? "text-slate-500 hover:text-slate-900" : "font-medium text-brand-700"} aria-current={!showArchived ? "page" : undefined}>
          Active
        </Link>
        <span className="text-slate-300">·</span>
        <Link href={`${base}?archived=1`} className={showArchived ? "font-medium text-brand-700" : "text-slate-500 hover:text-slate-900"} aria-current={showArchived ? "page" : undefined}>
          Including archived
        </Link>
      </div>
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
            rows={segments.map((s) => ({
              id: s.id,
              name: s.name,
              description: s.description,
              isStatic: s.kind === "STATIC",
              size: s.lastSize,
              countedAt: s.lastSizeAt?.toISOString() ?? null,
              updatedAt: s.updatedAt.toISOString(),
              archived: s.archivedAt !== null,
            }))}
          />
        )}
      </Card>
    </>
  );
}
