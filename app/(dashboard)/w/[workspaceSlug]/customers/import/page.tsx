import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, Download, Eye } from "lucide-react";
import { requireWorkspace } from "@/lib/auth/workspace";
import { listImportJobs } from "@/lib/dal/imports";
import { deleteImport } from "@/lib/actions/imports";
import { MAX_COLUMNS } from "@/lib/imports/mapping";
import { MAX_FILE_BYTES, MAX_FILE_LABEL } from "@/lib/imports/upload-limit";
import { IMPORT_KIND_LABELS, targetsFor } from "@/lib/imports/targets";
import type { ImportKind } from "@/lib/generated/prisma/enums";
import { Card, CardBody, CardHeader, PageHeader } from "@/components/ui/card";
import { UploadForm, type KindOption } from "./upload-form";
import { ImportsTable } from "./imports-table";

export const metadata: Metadata = { title: "Import CSV" };

const KINDS: readonly ImportKind[] = ["CUSTOMERS", "ORDERS", "EVENTS"];

const KIND_TEXT: Record<ImportKind, { description: string; note?: string }> = {
  CUSTOMERS: {
    description: "People with their attributes. Existing customers are updated, matched by external id or e-mail.",
  },
  ORDERS: {
    description: "Purchases: who bought, when and for how much.",
    note: "Linked to customers by Customer ID, so import customers first.",
  },
  EVENTS: {
    description: "Things customers did: page views, sign-ins, webinars. Extra columns become event properties.",
    note: "Linked to customers by Customer ID, so import customers first.",
  },
};

const DEMO_FILES = [
  { href: "/demo/customers.csv", label: "customers.csv", hint: "1,000 customers" },
  { href: "/demo/orders.csv", label: "orders.csv", hint: "their orders" },
  { href: "/demo/events.csv", label: "events.csv", hint: "their events" },
  { href: "/demo/customers-with-errors.csv", label: "customers-with-errors.csv", hint: "30 customers, some with mistakes" },
] as const;

function kindOption(kind: ImportKind): KindOption {
  const targets = targetsFor(kind);
  const required = targets.filter((t) => t.required).map((t) => t.label);
  const optional = targets.filter((t) => !t.required).map((t) => t.label);
  const columns =
    kind === "CUSTOMERS"
      ? `External id or E-mail (to match), ${optional.filter((l) => l !== "External id" && l !== "E-mail").join(", ")}; any other column can become a custom trait.`
      : `${required.join(", ")} (required); ${optional.join(", ")}${kind === "EVENTS" ? "; other columns as event properties" : ""}.`;
  return { value: kind, label: IMPORT_KIND_LABELS[kind], description: KIND_TEXT[kind].description, columns, note: KIND_TEXT[kind].note };
}

export default async function ImportPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const { workspace, can } = await requireWorkspace(workspaceSlug);
  const canWrite = can("data.write");
  const jobs = await listImportJobs(workspace.id);
  const base = `/w/${workspace.slug}/customers`;

  return (
    <>
      <Link href={base} className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ArrowLeft className="size-4" aria-hidden /> Customers
      </Link>
      <PageHeader
        title="Import CSV"
        description="Bring in customers, their orders and their events from a spreadsheet or another system. You check the mapping and a preview before anything is written."
      />
      {canWrite ? (
        <div className="grid gap-6 lg:grid-cols-3">
          <Card className="lg:col-span-2">
            <CardBody className="py-5">
              <UploadForm
                uploadUrl={`${base}/import/upload`}
                jobBase={`${base}/import`}
                kinds={KINDS.map(kindOption)}
                maxBytes={MAX_FILE_BYTES}
                maxLabel={MAX_FILE_LABEL}
                maxColumns={MAX_COLUMNS}
              />
            </CardBody>
          </Card>
          <Card className="self-start">
            <CardHeader title="Try it with demo files" description="Made-up data in the right shape: import customers first, then their orders and events." />
            <CardBody>
              <ul className="space-y-2 text-sm">
                {DEMO_FILES.map((f) => (
                  <li key={f.href}>
                    <a href={f.href} download className="inline-flex items-center gap-2 font-medium text-brand-700 hover:underline">
                      <Download className="size-4 shrink-0" aria-hidden />
                      {f.label}
                    </a>
                    <span className="ml-1.5 text-slate-500">· {f.hint}</span>
                  </li>
                ))}
              </ul>
              <p className="mt-3 text-xs text-slate-500">
                The file with mistakes shows how problems are reported: the good rows are imported, the others are listed with the
                reason.
              </p>
            </CardBody>
          </Card>
        </div>
      ) : (
        <p role="note" className="flex items-start gap-2 rounded-lg bg-slate-50 px-4 py-3 text-sm text-slate-600 ring-1 ring-inset ring-slate-200">
          <Eye className="mt-0.5 size-4 shrink-0 text-slate-400" aria-hidden />
          <span>
            You can follow imports here, but your role is read-only: ask an editor, admin or owner of this workspace to import
            files.
          </span>
        </p>
      )}
      <Card className="mt-6">
        <CardHeader title="Recent imports" description="The last 20 files uploaded to this workspace." />
        <ImportsTable
          rows={jobs.map((j) => ({
            id: j.id,
            href: `${base}/import/${j.id}`,
            fileName: j.fileName,
            kind: j.kind,
            status: j.status,
            rowsRead: j.rowsRead,
            rowsFailed: j.rowsFailed,
            errorCount: j.errorCount,
            at: (j.startedAt ?? j.createdAt).toISOString(),
            started: j.startedAt !== null,
          }))}
          remove={canWrite ? deleteImport.bind(null, workspace.id) : undefined}
        />
      </Card>
    </>
  );
}
