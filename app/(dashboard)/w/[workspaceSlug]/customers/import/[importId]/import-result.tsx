import Link from "next/link";
import { AlertTriangle, CheckCircle2, FileDown, OctagonX, Users, XCircle } from "lucide-react";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { ImportJobView } from "@/lib/dal/imports";
import { rowsPerSecond, statusView } from "@/lib/imports/status";
import { formatDateTime } from "@/lib/format";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ProgressBar } from "@/components/imports/progress-bar";
import { formatCount } from "@/components/imports/format";
import type { DeleteImportAction } from "@/components/imports/delete-import";
import { ProblemsTable } from "./problems-table";
import { ResultActions } from "./result-actions";

type Problem = { id: number; row: number; column: string; value: string; message: string };

const rows = (n: number) => `${formatCount(n)} ${n === 1 ? "row" : "rows"}`;

/** "Imported 1,000 rows: 998 new, 0 updated, 2 unchanged; 3 rows had problems and were skipped." */
export function resultSummary(job: Pick<ImportJobView, "status" | "rowsInserted" | "rowsUpdated" | "rowsUnchanged" | "rowsFailed">): string {
  const imported = job.rowsInserted + job.rowsUpdated + job.rowsUnchanged;
  const counts = `${formatCount(job.rowsInserted)} new, ${formatCount(job.rowsUpdated)} updated, ${formatCount(job.rowsUnchanged)} unchanged`;
  const lead = job.status === "COMPLETED" ? `Imported ${rows(imported)}` : `${rows(imported)} imported before the import stopped`;
  const problems = job.rowsFailed > 0 ? `; ${rows(job.rowsFailed)} had problems and ${job.rowsFailed === 1 ? "was" : "were"} skipped` : "";
  return `${lead}: ${counts}${problems}.`;
}

/** Step 4 of an import: what happened, the problems found, and what to do next. */
export function ImportResult({
  job,
  problems,
  base,
  canWrite,
  start,
  remove,
}: {
  job: ImportJobView;
  problems: Problem[];
  base: string;
  canWrite: boolean;
  start: (input: unknown) => Promise<ActionResult<{ id: string }>>;
  remove: DeleteImportAction;
}) {
  const view = statusView(job);
  const reportHref = `${base}/import/${job.id}/report`;
  const seconds = job.startedAt && job.finishedAt ? Math.max(0, (job.finishedAt.getTime() - job.startedAt.getTime()) / 1000) : null;
  const heading =
    job.status === "COMPLETED"
      ? job.rowsFailed > 0 || job.errorCount > 0
        ? { icon: <AlertTriangle className="size-5 text-amber-600" aria-hidden />, text: "Import finished with problems" }
        : { icon: <CheckCircle2 className="size-5 text-emerald-600" aria-hidden />, text: "Import finished" }
      : job.status === "CANCELLED"
        ? { icon: <OctagonX className="size-5 text-slate-500" aria-hidden />, text: "Import cancelled" }
        : { icon: <XCircle className="size-5 text-red-600" aria-hidden />, text: "Import failed" };
  const stats = [
    { label: "Rows read", value: formatCount(job.rowsRead) },
    { label: "New", value: formatCount(job.rowsInserted) },
    { label: "Updated", value: formatCount(job.rowsUpdated) },
    { label: "Unchanged", value: formatCount(job.rowsUnchanged) },
    { label: "Rows with problems", value: formatCount(job.rowsFailed), warn: job.rowsFailed > 0 },
    {
      label: "Took",
      value: seconds === null ? "—" : seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`,
      sub: seconds ? `${formatCount(Math.round(rowsPerSecond(view)))} rows/s` : undefined,
    },
  ];

  return (
    <div className="space-y-6">
      <Card>
        <CardBody className="space-y-5">
          <div className="flex items-start gap-3">
            <span className="mt-0.5">{heading.icon}</span>
            <div className="min-w-0 flex-1">
              <h2 className="text-base font-semibold text-slate-900">{heading.text}</h2>
              <p className="mt-1 text-sm text-slate-700" data-testid="import-summary">
                {resultSummary(job)}
              </p>
              {job.message && (
                <p className={job.status === "FAILED" ? "mt-2 text-sm text-red-700" : "mt-2 text-sm text-slate-600"} role={job.status === "FAILED" ? "alert" : undefined}>
                  {job.message}
                </p>
              )}
              {job.finishedAt && <p className="mt-1 text-xs text-slate-500">Finished {formatDateTime(job.finishedAt)}</p>}
            </div>
          </div>
          <ProgressBar value={job.status === "COMPLETED" ? 1 : job.fileSize > 0 ? job.bytesRead / job.fileSize : 0} label="Import progress" />
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6">
            {stats.map((s) => (
              <div key={s.label} className="rounded-lg bg-slate-50 px-3 py-2.5">
                <dt className="text-xs text-slate-500">{s.label}</dt>
                <dd className={s.warn ? "text-lg font-semibold tabular-nums text-amber-700" : "text-lg font-semibold tabular-nums text-slate-900"}>
                  {s.value}
                  {s.sub && <span className="block text-xs font-normal text-slate-500">{s.sub}</span>}
                </dd>
              </div>
            ))}
          </dl>
          <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-4">
            <Link href={base} className={buttonClasses("primary", "md")}>
              <Users className="size-4" aria-hidden /> View customers
            </Link>
            {canWrite && (
              <Link href={`${base}/import`} className={buttonClasses("secondary", "md")}>
                Import another file
              </Link>
            )}
            {canWrite && (
              <ResultActions
                id={job.id}
                fileName={job.fileName}
                settings={job.settings}
                importsHref={`${base}/import`}
                start={start}
                remove={remove}
              />
            )}
          </div>
        </CardBody>
      </Card>

      {job.errorCount > 0 && (
        <Card>
          <CardHeader
            title="Problems"
            description={
              job.errorCount > problems.length
                ? `The first ${formatCount(problems.length)} of ${formatCount(job.errorCount)} problems. The report lists them all.`
                : `${formatCount(job.errorCount)} ${job.errorCount === 1 ? "problem" : "problems"}, by line of the file. Fix them in the file and import it again.`
            }
            action={
              <a href={reportHref} download className={buttonClasses("secondary", "md")}>
                <FileDown className="size-4" aria-hidden /> Download error report (CSV)
              </a>
            }
          />
          <ProblemsTable rows={problems} />
        </Card>
      )}
    </div>
  );
}
