"use client";

import { Play } from "lucide-react";
import type { ImportKind } from "@/lib/generated/prisma/enums";
import type { ImportSettings } from "@/lib/imports/mapping";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { DeleteImportButton, type DeleteImportAction } from "@/components/imports/delete-import";
import { formatCount } from "@/components/imports/format";
import type { PreviewData, Target, Trait } from "./_mapping/model";
import { useMapping, type Action } from "./_mapping/use-mapping";
import { FormatCard } from "./_mapping/format-card";
import { ColumnRow } from "./_mapping/column-row";
import { PreviewCard } from "./_mapping/preview-card";

/**
 * Step 2 of an import: the file's format, how to read dates and match customers, where each column
 * goes, and a preview of the first rows as they would be imported — checked on the server after
 * every change. "Start import" runs it in the background.
 */
export function MappingStep({
  jobId,
  kind,
  fileName,
  columns: initialColumns,
  settings: initialSettings,
  targets,
  traits,
  initialPreview,
  initialError,
  preview,
  changeFormat,
  start,
  remove,
  importsHref,
}: {
  jobId: string;
  kind: ImportKind;
  fileName: string;
  columns: string[];
  settings: ImportSettings;
  targets: Target[];
  traits: Trait[];
  initialPreview: PreviewData | null;
  initialError: string | null;
  preview: Action<PreviewData>;
  changeFormat: Action<{ columns: string[]; settings: ImportSettings }>;
  start: Action<{ id: string }>;
  remove: DeleteImportAction;
  importsHref: string;
}) {
  const m = useMapping({
    jobId,
    fileName,
    initialColumns,
    initialSettings,
    traits,
    initialPreview,
    initialError,
    preview,
    changeFormat,
    start,
  });
  const { columns, settings, errors, loading, hasErrors, columnsWithErrors } = m;

  return (
    <form
      noValidate
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        void m.onStart();
      }}
    >
      {errors.form && (
        <div role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-700 ring-1 ring-inset ring-red-200">
          <ul className="list-inside list-disc space-y-0.5">
            {errors.form.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      )}

      <FormatCard kind={kind} settings={settings} format={m.format} busy={m.busy} update={m.update} onFormat={m.onFormat} />

      <Card>
        <CardHeader
          title="Columns"
          description={`${formatCount(columns.length)} ${columns.length === 1 ? "column" : "columns"} in the file. Choose where each one goes; ignored columns are not imported.`}
        />
        <ul className="divide-y divide-slate-100" aria-label="Column mapping">
          {columns.map((name, i) => (
            <ColumnRow
              key={`${i}-${name}`}
              i={i}
              name={name}
              kind={kind}
              matchBy={settings.matchBy}
              target={settings.columns[i] ?? { type: "ignore" }}
              targets={targets}
              traits={traits}
              rows={m.rows}
              errors={errors}
              chooseTarget={m.chooseTarget}
              setColumn={m.setColumn}
            />
          ))}
        </ul>
      </Card>

      <PreviewCard
        columns={columns}
        settings={settings}
        rows={m.rows}
        loading={loading}
        targets={targets}
        traits={traits}
        onRefresh={m.refreshPreview}
      />

      <div className="sticky bottom-4 z-10 flex flex-wrap items-center justify-between gap-3 rounded-xl bg-white/95 px-5 py-3 shadow-lg ring-1 ring-slate-200 backdrop-blur">
        <p className="text-sm text-slate-600" aria-live="polite">
          {loading
            ? "Checking the mapping…"
            : hasErrors
              ? columnsWithErrors > 0
                ? `${formatCount(columnsWithErrors)} ${columnsWithErrors === 1 ? "column needs" : "columns need"} attention before the import can start.`
                : "Fix the problems above before the import can start."
              : "The mapping is ready. Rows are checked again as the whole file is imported."}
        </p>
        <div className="flex items-center gap-2">
          <DeleteImportButton id={jobId} fileName={fileName} remove={remove} after={importsHref} label="Discard" variant="ghost" />
          <Button type="submit" pending={m.starting} disabled={hasErrors || loading || m.busy}>
            <Play className="size-4" aria-hidden /> Start import
          </Button>
        </div>
      </div>
    </form>
  );
}
