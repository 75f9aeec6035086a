import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, Lock } from "lucide-react";
import { requireWorkspaceCustomer } from "@/lib/auth/params";
import { updateCustomer } from "@/lib/actions/customers";
import { displayName } from "@/lib/customers/fields";
import { customerFormState } from "@/lib/customers/form";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { CustomerForm } from "../../customer-form";
import { customerFormData } from "../../form-data";

export const metadata: Metadata = { title: "Edit customer" };

export default async function EditCustomerPage({ params }: { params: Promise<{ workspaceSlug: string; customerId: string }> }) {
  const { workspace, customer, can } = await requireWorkspaceCustomer(await params);
  const basePath = `/w/${workspace.slug}/customers`;
  const profile = `${basePath}/${customer.id}`;
  const name = displayName(customer);

  return (
    <div className="mx-auto max-w-4xl">
      <Link href={profile} className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ArrowLeft className="size-4" aria-hidden /> {name}
      </Link>
      <PageHeader title={`Edit ${name}`} description="Changes are saved to the audit log with the fields that changed." />
      {can("data.write") ? (
        <EditForm workspaceId={workspace.id} basePath={basePath} profile={profile} customer={customer} />
      ) : (
        <Card>
          <EmptyState icon={<Lock className="size-5" />} title="Your role cannot edit customers">
            Editors, admins and owners can add and edit customers. Ask an admin of this workspace to change your role.
          </EmptyState>
        </Card>
      )}
    </div>
  );
}

async function EditForm({
  workspaceId,
  basePath,
  profile,
  customer,
}: {
  workspaceId: string;
  basePath: string;
  profile: string;
  customer: Parameters<typeof customerFormState>[0] & { id: number };
}) {
  const data = await customerFormData(workspaceId);
  return (
    <CustomerForm
      mode="edit"
      action={updateCustomer.bind(null, workspaceId)}
      customerId={customer.id}
      initial={customerFormState(customer, data.traits)}
      traits={data.traits}
      countries={data.countries}
      suggestions={data.suggestions}
      basePath={basePath}
      cancelHref={profile}
    />
  );
}
