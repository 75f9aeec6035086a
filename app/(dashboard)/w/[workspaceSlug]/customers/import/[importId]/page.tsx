import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft, Check, Clock } from "lucide-react";
import { requireWorkspace } from "@/lib/auth/workspace";
import { findImportJob, firstImportErrors, type ImportJobView } from "@/lib/dal/imports";
import { listTraitDefinitions } from "@/lib/dal/traits";
import { cancelImport, changeImportFormat, deleteImport, previewImport, startImport } from "@/lib/actions/imports";
import { DELIMITERS, ENCODINGS, type ImportSettings, isAmount } from "@/lib/imports/mapping";
import { IMPORT_KIND_LABELS, targetsFor } from "@/lib/imports/targets";
import { rowsPerSecond, statusView } from "@/lib/imports/status";
import { formatDateTime } from "@/lib/format";
import { Card, CardBody, PageHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ImportStatusBadge } from "@/components/imports/status-badge";
import { formatBytes, isTerminal } from "@/components/imports/format";
import { MappingStep } from "./mapping-step";
import { ImportProgress } from "./import-progress";
import { ImportResult } from "./import-result";

export const metadata: Metadata = { title: "Import CSV" };

const STEPS = ["Upload", "Map columns", "Import", "Report"] as const;

/** The mapping as saved, or (should it not parse) the detected format with every column ignored. */
function settingsOf(job: ImportJobView): ImportSettings {
  if (job.settings) return job.settings;
  return {
    encoding: ENCODINGS.find((e) => e === job.encoding) ?? "utf-8",
    delimiter: DELIMITERS.find((d) => d === job.delimiter) ?? ",",
    hasHeader: job.hasHeader,
    dateOrder: null,
    matchBy: "externalId",
    columns: job.columns.map(() => ({ type: "ignore" as const })),
  };
}

export default async function ImportJobPage({ params }: { params: Promise<{ workspaceSlug: string; importId: string }> }) {
  const { workspaceSlug, importId } = await params;
  const { workspace, can } = await requireWorkspace(workspaceSlug);
  if (!/^[A-Za-z0-9-]{1,64}$/.test(importId)) notFound();
  const job = await findImportJob(workspace.id, importId);
  if (!job) notFound();

  const canWrite = can("data.write");
  const base = `/w/${workspace.slug}/customers`;
  const importsHref = `${base}/import`;
  const jobHref = `${importsHref}/${job.id}`;
  const step = job.status === "UPLOADED" ? 1 : job.status === "RUNNING" ? 2 : 3;
  const problems = isTerminal(job.status) && job.errorCount > 0 ? await firstImportErrors(workspace.id, job.id, 50) : [];

  return (
    <>
      <Link href={importsHref} className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ArrowLeft className="size-4" aria-hidden /> Import CSV
      </Link>
      <PageHeader
        title={job.fileName}
        description={`${IMPORT_KIND_LABELS[job.kind]} · ${formatBytes(job.fileSize)} · uploaded ${formatDateTime(job.createdAt)}`}
        actions={<ImportStatusBadge status={job.status} errorCount={job.errorCount} />}
      />
      <ol className="mb-6 flex flex-wrap items-center gap-x-2 gap-y-2 text-sm" aria-label="Import steps">
        {STEPS.map((label, i) => (
          <li key={label} className="flex items-center gap-2" aria-current={i === step ? "step" : undefined}>
            {i > 0 && <span className="h-px w-6 bg-slate-300" aria-hidden />}
            <span
              className={cn(
                "flex size-6 items-center justify-center rounded-full text-xs font-semibold",
                i < step || (i === step && step === 3) ? "bg-brand-600 text-white" : i === step ? "bg-brand-100 text-brand-700 ring-1 ring-brand-300" : "bg-slate-100 text-slate-500",
              )}
              aria-hidden
            >
              {i < step || (i === step && step === 3) ? <Check className="size-3.5" /> : i + 1}
            </span>
            <span className={cn(i === step ? "font-medium text-slate-900" : "text-slate-500")}>
              {label}
              {i < step && <span className="sr-only"> (done)</span>}
            </span>
          </li>
        ))}
      </ol>
      {job.status === "UPLOADED" ? (
        canWrite ? (
          <Mapping job={job} workspaceId={workspace.id} importsHref={importsHref} />
        ) : (
          <Card>
            <CardBody className="flex items-start gap-2 text-sm text-slate-600">
              <Clock className="mt-0.5 size-4 shrink-0 text-slate-400" aria-hidden />
              This file is waiting for an editor to map its columns and start the import. Your role is read-only.
            </CardBody>
          </Card>
        )
      ) : job.status === "RUNNING" ? (
        <ImportProgress
          initial={statusView(job)}
          initialRate={rowsPerSecond(statusView(job))}
          statusUrl={`${jobHref}/status`}
          cancel={canWrite ? cancelImport.bind(null, workspace.id) : undefined}
        />
      ) : isTerminal(job.status) ? (
        <ImportResult
          job={job}
          problems={problems}
          base={base}
          canWrite={canWrite}
          start={startImport.bind(null, workspace.id)}
          remove={deleteImport.bind(null, workspace.id)}
        />
      ) : null}
    </>
  );
}

async function Mapping({ job, workspaceId, importsHref }: { job: ImportJobView; workspaceId: string; importsHref: string }) {
  const settings = settingsOf(job);
  const [traits, preview] = await Promise.all([
    job.kind === "CUSTOMERS" ? listTraitDefinitions(workspaceId) : Promise.resolve([]),
    previewImport(workspaceId, { id: job.id, settings }),
  ]);
  return (
    <MappingStep
      jobId={job.id}
      kind={job.kind}
      fileName={job.fileName}
      columns={job.columns}
      settings={settings}
      targets={targetsFor(job.kind).map((t) => ({ key: t.key, label: t.label, required: !!t.required, amount: isAmount(t.kind) }))}
      traits={traits.map((t) => ({ key: t.key, label: t.label, type: t.type }))}
      initialPreview={preview.ok ? preview.data : null}
      initialError={preview.ok ? null : preview.error}
      preview={previewImport.bind(null, workspaceId)}
      changeFormat={changeImportFormat.bind(null, workspaceId)}
      start={startImport.bind(null, workspaceId)}
      remove={deleteImport.bind(null, workspaceId)}
      importsHref={importsHref}
    />
  );
}
