import type { Metadata } from "next";
import Link from "next/link";
import { Plus, Target } from "lucide-react";
import { requireWorkspace } from "@/lib/auth/workspace";
import { listStrategies } from "@/lib/dal/strategies";
import { buttonClasses } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { StrategiesTable } from "./strategies-table";

export const metadata: Metadata = { title: "Strategies" };

export default async function StrategiesPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { workspace, can } = await requireWorkspace(workspaceSlug);
  const strategies = await listStrategies(workspace.id);
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
            {strategies.length >= 2 && (
              <Link href={`${base}/compare`} className={buttonClasses("secondary")}>
                Compare
              </Link>
            )}
            {newButton}
          </>
        }
      />
      <Card>
        {strategies.length === 0 ? (
          <EmptyState icon={<Target className="size-5" />} title="No strategies yet" action={newButton}>
            A strategy chooses segments in priority order — one offer for everyone, an offer per segment, one focused niche or per-customer offers —
            leaves out negative personas and opted-out customers, and shows how many customers you really reach and what they are worth.
          </EmptyState>
        ) : (
          <StrategiesTable
            base={base}
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
