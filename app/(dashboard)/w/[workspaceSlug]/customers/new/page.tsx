import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, Lock } from "lucide-react";
import { requireWorkspace } from "@/lib/auth/workspace";
import { createCustomer } from "@/lib/actions/customers";
import { customerFormState } from "@/lib/customers/form";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { CustomerForm } from "../customer-form";
import { customerFormData } from "../form-data";

export const metadata: Metadata = { title: "Add customer" };

export default async function NewCustomerPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { workspace, can } = await requireWorkspace(workspaceSlug);
  const basePath = `/w/${workspace.slug}/customers`;

  return (
    <div className="mx-auto max-w-4xl">
      <Link href={basePath} className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ArrowLeft className="size-4" aria-hidden /> Customers
      </Link>
      <PageHeader title="Add customer" description="Everything is optional: fill in what you know. An external id is generated if you leave it blank." />
      {can("data.write") ? (
        <NewCustomerForm workspaceId={workspace.id} basePath={basePath} />
      ) : (
        <Card>
          <EmptyState icon={<Lock className="size-5" />} title="Your role cannot add customers">
            Editors, admins and owners can add and edit customers. Ask an admin of this workspace to change your role.
          </EmptyState>
        </Card>
      )}
    </div>
  );
}

async function NewCustomerForm({ workspaceId, basePath }: { workspaceId: string; basePath: string }) {
  const data = await customerFormData(workspaceId);
  return (
    <CustomerForm
      mode="create"
      action={createCustomer.bind(null, workspaceId)}
      initial={customerFormState(null, data.traits)}
      traits={data.traits}
      countries={data.countries}
      suggestions={data.suggestions}
      basePath={basePath}
      cancelHref={basePath}
    />
  );
}
