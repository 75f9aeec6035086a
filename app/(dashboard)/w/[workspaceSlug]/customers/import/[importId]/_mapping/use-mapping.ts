"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { FieldErrors } from "@/lib/errors";
import { DELIMITER_LABELS, ENCODING_LABELS, type ColumnTarget, type ImportSettings } from "@/lib/imports/mapping";
import { useAction } from "@/components/ui/use-action";
import { formatCount } from "@/components/imports/format";
import {
  countColumnsWithErrors,
  normaliseErrors,
  PREVIEW_DELAY_MS,
  targetFrom,
  type Format,
  type PreviewData,
  type PreviewState,
  type Trait,
} from "./model";

export type Action<T> = (input: unknown) => Promise<ActionResult<T>>;

/**
 * The mapping step's state: the file's columns and settings, the preview (asked again a moment
 * after the last change; a newer change drops the older answer), re-reading the file in another
 * format, and starting the import.
 */
export function useMapping({
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
}: {
  jobId: string;
  fileName: string;
  initialColumns: string[];
  initialSettings: ImportSettings;
  traits: Trait[];
  initialPreview: PreviewData | null;
  initialError: string | null;
  preview: Action<PreviewData>;
  changeFormat: Action<{ columns: string[]; settings: ImportSettings }>;
  start: Action<{ id: string }>;
}) {
  const router = useRouter();
  const [columns, setColumns] = useState(initialColumns);
  const [settings, setSettings] = useState(initialSettings);
  /** The targets guessed from the file, to prefill "New custom trait…" and "Event property…". */
  const [guesses, setGuesses] = useState(initialSettings.columns);
  const [result, setResult] = useState<PreviewState>(() => ({
    key: JSON.stringify(initialSettings),
    rows: initialPreview?.rows ?? [],
    errors: normaliseErrors(initialPreview?.fieldErrors, initialError),
  }));
  const [startErrors, setStartErrors] = useState<FieldErrors | null>(null);
  const [pendingFormat, setPendingFormat] = useState<Format | null>(null);
  const [started, setStarted] = useState(false);

  const key = JSON.stringify(settings);
  const loading = result.key !== key;

  // Preview again a moment after the last change; a newer change drops the older answer.
  useEffect(() => {
    if (result.key === key) return;
    let live = true;
    const timer = setTimeout(() => {
      preview({ id: jobId, settings }).then(
        (r) => {
          if (!live) return;
          if (r.ok) setResult({ key, rows: r.data.rows, errors: normaliseErrors(r.data.fieldErrors, null) });
          else setResult((prev) => ({ key, rows: prev.rows, errors: normaliseErrors(r.fieldErrors, r.error) }));
        },
        () => {
          if (live) setResult((prev) => ({ key, rows: prev.rows, errors: { form: ["The preview could not be loaded. Check your connection and retry."] } }));
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, result.key, settings, preview, jobId]);

  const update = (change: Partial<ImportSettings>) => {
    setStartErrors(null);
    setSettings((s) => ({ ...s, ...change }));
  };
  const setColumn = (index: number, target: ColumnTarget) => update({ columns: settings.columns.map((c, i) => (i === index ? target : c)) });
  /** Points a column at the target its select's `value` names. */
  const chooseTarget = (index: number, value: string) =>
    setColumn(index, targetFrom(value, index, { columns, guesses, mapping: settings.columns, traits, rows: result.rows }));

  const formatAction = useAction(changeFormat);
  const onFormat = async (change: Partial<Format>) => {
    const next: Format = { encoding: settings.encoding, delimiter: settings.delimiter, hasHeader: settings.hasHeader, ...change };
    setPendingFormat(next);
    const r = await formatAction.execute({ id: jobId, ...next });
    setPendingFormat(null);
    if (r?.ok) {
      setStartErrors(null);
      setColumns(r.data.columns);
      setSettings(r.data.settings);
      setGuesses(r.data.settings.columns);
      toast.success(
        `File read as ${ENCODING_LABELS[next.encoding]}, ${DELIMITER_LABELS[next.delimiter].toLowerCase()}${next.hasHeader ? " with a header row" : " without a header row"}: ${formatCount(r.data.columns.length)} ${r.data.columns.length === 1 ? "column" : "columns"}. The mapping was guessed again.`,
      );
    }
  };

  const startAction = useAction(start, {
    success: `Import of “${fileName}” started`,
    onSuccess: () => {
      setStarted(true);
      router.refresh();
    },
  });
  const onStart = async () => {
    const r = await startAction.execute({ id: jobId, settings });
    if (r && !r.ok) setStartErrors(normaliseErrors(r.fieldErrors, r.error));
  };

  const errors = startErrors ?? result.errors;
  return {
    columns,
    settings,
    rows: result.rows,
    errors,
    columnsWithErrors: countColumnsWithErrors(errors),
    hasErrors: Object.keys(errors).length > 0,
    loading,
    /** The format as chosen, while the file is re-read in it. */
    format: pendingFormat ?? settings,
    busy: formatAction.pending || pendingFormat !== null,
    starting: startAction.pending || started,
    update,
    setColumn,
    chooseTarget,
    onFormat,
    onStart,
    refreshPreview: () => setResult((r) => ({ ...r, key: "" })),
  };
}
