import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireWorkspace } from "@/lib/auth/workspace";
import { strategyFormChoices } from "@/lib/dal/strategies";
import { createStrategyAction } from "@/lib/actions/strategies";
import { PageHeader } from "@/components/ui/card";
import { DEFAULT_WEIGHTS } from "@/lib/validations/strategy";
import { StrategyForm } from "../strategy-form";

export const metadata: Metadata = { title: "New strategy" };

export default async function NewStrategyPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { workspace, can } = await requireWorkspace(workspaceSlug);
  if (!can("strategies.write")) notFound();
  const choices = await strategyFormChoices(workspace.id);
  const base = `/w/${workspace.slug}/strategies`;
  return (
    <>
      <PageHeader title="New strategy" description="Choose a type and the segments to target; the report with reach, scores and a recommendation appears once it is saved." />
      <StrategyForm
        base={base}
        strategyId={null}
        version={null}
        readOnly={false}
        save={createStrategyAction.bind(null, workspace.id)}
        choices={choices}
        initial={{
          name: "",
          description: null,
          type: "DIFFERENTIATED",
          status: "DRAFT",
          periodStart: null,
          periodEnd: null,
          budget: null,
          ownerId: null,
          config: { targets: [], weights: DEFAULT_WEIGHTS, exclusions: { personasOff: [], segmentIds: [], suppressOptedOut: true }, holdoutPercent: 0 },
        }}
      />
    </>
  );
}
