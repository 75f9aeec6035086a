import type { Metadata } from "next";
import Link from "next/link";
import { Users } from "lucide-react";
import { z } from "zod";
import { requireWorkspace } from "@/lib/auth/workspace";
import { cancelClusterRunAction, getClusterRunAction, saveClusterAction, startClusterRunAction } from "@/lib/actions/insights";
import { clustersPageData, MAX_RUN_CUSTOMERS, MIN_RUN_CUSTOMERS } from "@/lib/insights/clusters";
import { formatNumber } from "@/lib/format";
import { K_MAX, K_MIN } from "@/lib/validations/clusters";
import { buttonClasses } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { InsightsNav } from "../insights-nav";
import { ClustersView } from "./clusters-view";

export const metadata: Metadata = { title: "Clusters · Insights" };

const querySchema = z.object({ k: z.coerce.number().int().min(K_MIN).max(K_MAX).optional().catch(undefined) });

export default async function ClustersPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspaceSlug } = await params;
  const { k } = querySchema.parse(await searchParams);
  const { workspace, can } = await requireWorkspace(workspaceSlug);
  const { customers, traits, latest, completed } = await clustersPageData(workspace.id);

  return (
    <>
      <PageHeader
        title="Insights"
        description="How your customers buy: who is active, who is drifting away, and where the revenue is."
      />
      <InsightsNav slug={workspace.slug} />

      {customers < MIN_RUN_CUSTOMERS && !completed ? (
        <Card>
          <EmptyState
            icon={<Users className="size-5" aria-hidden />}
            title="Not enough customers to cluster yet"
            action={
              can("data.write") ? (
                <Link href={`/w/${workspace.slug}/customers/import`} className={buttonClasses("primary")}>
                  Import customers
                </Link>
              ) : undefined
            }
          >
            Cluster discovery groups customers who look alike. It needs at least {MIN_RUN_CUSTOMERS} customers; this workspace has{" "}
            {formatNumber(customers)}.
          </EmptyState>
        </Card>
      ) : (
        <ClustersView
          slug={workspace.slug}
          customers={customers}
          maxCustomers={MAX_RUN_CUSTOMERS}
          minCustomers={MIN_RUN_CUSTOMERS}
          traits={traits}
          latest={latest}
          completed={completed}
          initialK={k}
          canRun={can("segments.write")}
          canSavePersona={can("personas.write")}
          start={startClusterRunAction.bind(null, workspace.id)}
          poll={getClusterRunAction.bind(null, workspace.id)}
          cancel={cancelClusterRunAction.bind(null, workspace.id)}
          save={saveClusterAction.bind(null, workspace.id)}
        />
      )}
    </>
  );
}
