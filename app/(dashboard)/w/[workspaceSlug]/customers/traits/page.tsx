import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { requireWorkspace } from "@/lib/auth/workspace";
import { listTraitDefinitions, traitRuleUsage, traitValueCounts } from "@/lib/dal/traits";
import { changeTraitType, createTrait, deleteTrait, updateTrait } from "@/lib/actions/traits";
import { Card, CardBody, CardHeader, PageHeader } from "@/components/ui/card";
import { TraitForm } from "./trait-form";
import { TraitsTable } from "./traits-table";

export const metadata: Metadata = { title: "Custom traits" };

export default async function TraitsPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { workspace, can } = await requireWorkspace(workspaceSlug);
  const canWrite = can("data.write");
  const [definitions, counts] = await Promise.all([listTraitDefinitions(workspace.id), traitValueCounts(workspace.id)]);
  const usage = await Promise.all(definitions.map((d) => traitRuleUsage(workspace.id, d.key)));

  return (
    <>
      <Link href={`/w/${workspace.slug}/customers`} className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ArrowLeft className="size-4" aria-hidden /> Customers
      </Link>
      <PageHeader
        title="Custom traits"
        description="Attributes of your own, stored on every customer: edited on the customer form, shown on profiles by family, usable in segments and exports."
      />
      <div className="space-y-6">
        {canWrite && (
          <Card>
            <CardHeader title="Add a trait" description="The key is how segments and exports name the trait (traits.<key>)." />
            <CardBody>
              <TraitForm action={createTrait.bind(null, workspace.id)} />
            </CardBody>
          </Card>
        )}
        <Card>
          <CardHeader
            title="Traits"
            description={`${definitions.length} ${definitions.length === 1 ? "trait" : "traits"} in this workspace.`}
          />
          <TraitsTable
            rows={definitions.map((d, i) => ({
              id: d.id,
              key: d.key,
              label: d.label,
              type: d.type,
              family: d.family,
              values: counts.get(d.key) ?? 0,
              usedBy: usage[i] ?? { segments: [], personas: [] },
            }))}
            canWrite={canWrite}
            update={updateTrait.bind(null, workspace.id)}
            changeType={changeTraitType.bind(null, workspace.id)}
            remove={deleteTrait.bind(null, workspace.id)}
          />
        </Card>
      </div>
    </>
  );
}
