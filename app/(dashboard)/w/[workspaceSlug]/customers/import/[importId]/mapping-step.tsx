"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { AlertTriangle, CheckCircle2, Loader2, Play, RefreshCw } from "lucide-react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { FieldErrors } from "@/lib/errors";
import type { ImportKind, TraitType } from "@/lib/generated/prisma/enums";
import type { PreviewRow } from "@/lib/imports/preview";
import {
  DELIMITER_LABELS,
  DELIMITERS,
  ENCODING_LABELS,
  ENCODINGS,
  guessTraitType,
  traitKeyFrom,
  type ColumnTarget,
  type Delimiter,
  type Encoding,
  type ImportSettings,
} from "@/lib/imports/mapping";
import { FAMILIES, FAMILY_LABELS, TRAIT_TYPE_LABELS, TRAIT_TYPES } from "@/lib/customers/fields";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Field, Input, OptionSelect, Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { DeleteImportButton, type DeleteImportAction } from "@/components/imports/delete-import";
import { formatCount } from "@/components/imports/format";

type Action<T> = (input: unknown) => Promise<ActionResult<T>>;
type Target = { key: string; label: string; required: boolean };
type Trait = { key: string; label: string; type: TraitType };
type Format = { encoding: Encoding; delimiter: Delimiter; hasHeader: boolean };
type PreviewData = { rows: PreviewRow[]; fieldErrors: FieldErrors };
type PreviewState = { key: string; rows: PreviewRow[]; errors: FieldErrors };

const PREVIEW_DELAY_MS = 400;
const FIELD_GROUP: Record<ImportKind, string> = { CUSTOMERS: "Customer fields", ORDERS: "Order fields", EVENTS: "Event fields" };
const MATCH_LABELS = { externalId: "External id", email: "E-mail" } as const;

/**
 * Server messages keyed by `columns.<i>` (or `settings.columns.<i>.<part>` from input checks) stay
 * with their column; everything else is about the whole mapping.
 */
function normaliseErrors(errors: FieldErrors | undefined, fallback: string | null): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, messages] of Object.entries(errors ?? {})) {
    const column = /^(?:settings\.)?columns\.(\d+)(?:\.(\w+))?$/.exec(key);
    const slot = column ? (column[2] && column[2] !== "type" ? `columns.${column[1]}.${column[2]}` : `columns.${column[1]}`) : "form";
    (out[slot] ??= []).push(...messages.filter((m) => !out[slot]?.includes(m)));
  }
  if (fallback && Object.keys(out).length === 0) out.form = [fallback];
  return out;
}

const targetValue = (c: ColumnTarget) =>
  c.type === "field" ? `field:${c.key}` : c.type === "trait" ? `trait:${c.key}` : c.type === "newTrait" ? "new-trait" : c.type === "property" ? "property" : "ignore";

function samplesOf(rows: readonly PreviewRow[], index: number): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const value = row.cells[index]?.trim();
    if (value && !out.includes(value)) out.push(value.length > 40 ? `${value.slice(0, 39)}…` : value);
    if (out.length === 3) break;
  }
  return out;
}

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
  const format = pendingFormat ?? settings;

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
  const columnsWithErrors = new Set(
    Object.keys(errors)
      .map((k) => /^columns\.(\d+)/.exec(k)?.[1])
      .filter((v): v is string => v !== undefined),
  ).size;
  const hasErrors = Object.keys(errors).length > 0;
  const busy = formatAction.pending || pendingFormat !== null;

  /** What a column becomes when its target select changes to `value`. */
  const targetFrom = (value: string, index: number): ColumnTarget => {
    const name = columns[index] ?? `Column ${index + 1}`;
    const guess = guesses[index];
    if (value.startsWith("field:")) return { type: "field", key: value.slice(6) };
    if (value.startsWith("trait:")) return { type: "trait", key: value.slice(6) };
    if (value === "new-trait") {
      if (guess?.type === "newTrait") return guess;
      const taken = (k: string) => traits.some((t) => t.key === k) || settings.columns.some((c, i) => i !== index && c.type === "newTrait" && c.key === k);
      return {
        type: "newTrait",
        key: traitKeyFrom(name, taken) ?? "custom_trait",
        label: name.trim().slice(0, 60) || `Column ${index + 1}`,
        traitType: guessTraitType(result.rows.map((r) => (r.cells[index] ?? "").trim()).filter((v) => v !== "")),
        family: "PSYCHOGRAPHIC",
      };
    }
    if (value === "property") {
      if (guess?.type === "property") return guess;
      return { type: "property", key: traitKeyFrom(name, () => false) ?? "property" };
    }
    return { type: "ignore" };
  };

  const requiredLabel = (t: Target) =>
    kind === "CUSTOMERS" && t.key === settings.matchBy ? `${t.label} (required, to match customers)` : t.required ? `${t.label} (required)` : t.label;
  const targetLabel = (c: ColumnTarget) => {
    if (c.type === "field") return targets.find((t) => t.key === c.key)?.label ?? c.key;
    if (c.type === "trait") return traits.find((t) => t.key === c.key)?.label ?? c.key;
    if (c.type === "newTrait") return `${c.label} (new trait)`;
    if (c.type === "property") return `property ${c.key}`;
    return "ignored";
  };

  const rows = result.rows;
  const ready = rows.filter((r) => r.problems.length === 0).length;

  return (
    <form
      noValidate
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        void onStart();
      }}
    >
      {errors.form && (
        <div role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-700 ring-1 ring-inset ring-red-200">
          <ul className="list-inside list-disc space-y-0.5">
            {errors.form.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}

      <Card>
        <CardHeader
          title="How the file is read"
          description="Detected from the file. Changing the encoding, delimiter or header re-reads the file and guesses the mapping again."
          action={
            busy ? (
              <span className="inline-flex items-center gap-1.5 text-sm text-slate-500" role="status">
                <Loader2 className="size-4 animate-spin" aria-hidden /> Re-reading the file…
              </span>
            ) : undefined
          }
        />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <Field id="import-encoding" label="Encoding">
            <OptionSelect
              id="import-encoding"
              value={format.encoding}
              disabled={busy}
              options={ENCODINGS}
              labels={ENCODING_LABELS}
              onValueChange={(v) => void onFormat({ encoding: v })}
            />
          </Field>
          <Field id="import-delimiter" label="Delimiter">
            <OptionSelect
              id="import-delimiter"
              value={format.delimiter}
              disabled={busy}
              options={DELIMITERS}
              labels={DELIMITER_LABELS}
              onValueChange={(v) => void onFormat({ delimiter: v })}
            />
          </Field>
          <Field id="import-date-order" label="Dates like 03/04/2024" hint="Unambiguous dates (2024-04-03, 31/12/2024) are always read correctly.">
            <Select
              id="import-date-order"
              value={settings.dateOrder ?? ""}
              onChange={(e) => update({ dateOrder: e.target.value === "DMY" ? "DMY" : e.target.value === "MDY" ? "MDY" : null })}
            >
              <option value="">Flag ambiguous dates like 03/04/2024</option>
              <option value="DMY">Day first (31/12/2024)</option>
              <option value="MDY">Month first (12/31/2024)</option>
            </Select>
          </Field>
          {kind === "CUSTOMERS" && (
            <Field id="import-match-by" label="Match existing customers by" hint="Matching customers are updated; the others are added.">
              <Select id="import-match-by" value={settings.matchBy} onChange={(e) => update({ matchBy: e.target.value === "email" ? "email" : "externalId" })}>
                <option value="externalId">{MATCH_LABELS.externalId}</option>
                <option value="email">{MATCH_LABELS.email}</option>
              </Select>
            </Field>
          )}
          <label className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-2">
            <input
              type="checkbox"
              className="size-4 accent-brand-600"
              checked={format.hasHeader}
              disabled={busy}
              onChange={(e) => void onFormat({ hasHeader: e.target.checked })}
            />
            First row is a header
            <span className="text-slate-400">(its cells name the columns and it is not imported)</span>
          </label>
        </CardBody>
      </Card>

      <Card>
        <CardHeader
          title="Columns"
          description={`${formatCount(columns.length)} ${columns.length === 1 ? "column" : "columns"} in the file. Choose where each one goes; ignored columns are not imported.`}
        />
        <ul className="divide-y divide-slate-100" aria-label="Column mapping">
          {columns.map((name, i) => {
            const target = settings.columns[i] ?? { type: "ignore" as const };
            const columnErrors = errors[`columns.${i}`];
            const sub = (part: string) => errors[`columns.${i}.${part}`];
            const value = targetValue(target);
            const known =
              value === "ignore" ||
              value === "new-trait" ||
              value === "property" ||
              (target.type === "field" && targets.some((t) => t.key === target.key)) ||
              (target.type === "trait" && traits.some((t) => t.key === target.key));
            const samples = samplesOf(rows, i);
            return (
              <li key={`${i}-${name}`} className={cn("grid gap-3 px-5 py-4 md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]", columnErrors && "bg-red-50/40")}>
                <div className="min-w-0">
                  <p className="truncate font-medium text-slate-900" title={name}>
                    {name}
                  </p>
                  <p className="mt-1 flex flex-wrap gap-1 text-xs text-slate-500">
                    {samples.length ? (
                      samples.map((s) => (
                        <span key={s} className="max-w-full truncate rounded bg-slate-100 px-1.5 py-0.5 text-slate-600">
                          {s}
                        </span>
                      ))
                    ) : (
                      <span>No values in the first rows</span>
                    )}
                  </p>
                </div>
                <div className="min-w-0 space-y-2">
                  <label htmlFor={`column-${i}`} className="sr-only">
                    Import “{name}” as
                  </label>
                  <Select
                    id={`column-${i}`}
                    value={value}
                    invalid={!!columnErrors}
                    aria-describedby={columnErrors ? `column-${i}-errors` : undefined}
                    onChange={(e) => setColumn(i, targetFrom(e.target.value, i))}
                  >
                    <option value="ignore">Ignore this column</option>
                    {!known && <option value={value}>{targetLabel(target)} (no longer available)</option>}
                    <optgroup label={FIELD_GROUP[kind]}>
                      {targets.map((t) => (
                        <option key={t.key} value={`field:${t.key}`}>
                          {requiredLabel(t)}
                        </option>
                      ))}
                    </optgroup>
                    {kind === "CUSTOMERS" && (
                      <optgroup label="Custom traits">
                        {traits.map((t) => (
                          <option key={t.key} value={`trait:${t.key}`}>
                            {t.label} ({TRAIT_TYPE_LABELS[t.type].toLowerCase()})
                          </option>
                        ))}
                        <option value="new-trait">New custom trait…</option>
                      </optgroup>
                    )}
                    {kind === "EVENTS" && (
                      <optgroup label="Event properties">
                        <option value="property">Event property…</option>
                      </optgroup>
                    )}
                  </Select>
                  {target.type === "newTrait" && (
                    <fieldset className="grid gap-3 rounded-lg bg-slate-50 p-3 ring-1 ring-inset ring-slate-200 sm:grid-cols-2">
                      <legend className="sr-only">New custom trait from “{name}”</legend>
                      <Field id={`column-${i}-label`} label="Label" errors={sub("label")}>
                        <Input
                          id={`column-${i}-label`}
                          value={target.label}
                          maxLength={60}
                          invalid={!!sub("label")}
                          onChange={(e) => setColumn(i, { ...target, label: e.target.value })}
                        />
                      </Field>
                      <Field id={`column-${i}-key`} label="Key" hint={`Named traits.${target.key || "key"} in segments.`} errors={sub("key")}>
                        <Input
                          id={`column-${i}-key`}
                          value={target.key}
                          maxLength={40}
                          spellCheck={false}
                          autoCapitalize="off"
                          className="font-mono"
                          invalid={!!sub("key")}
                          onChange={(e) => setColumn(i, { ...target, key: e.target.value })}
                        />
                      </Field>
                      <Field id={`column-${i}-type`} label="Type" errors={sub("traitType")}>
                        <OptionSelect
                          id={`column-${i}-type`}
                          value={target.traitType}
                          options={TRAIT_TYPES}
                          labels={TRAIT_TYPE_LABELS}
                          onValueChange={(v) => setColumn(i, { ...target, traitType: v })}
                        />
                      </Field>
                      <Field id={`column-${i}-family`} label="Family" errors={sub("family")}>
                        <OptionSelect
                          id={`column-${i}-family`}
                          value={target.family}
                          options={FAMILIES}
                          labels={FAMILY_LABELS}
                          onValueChange={(v) => setColumn(i, { ...target, family: v })}
                        />
                      </Field>
                    </fieldset>
                  )}
                  {target.type === "property" && (
                    <Field id={`column-${i}-property`} label="Property key" hint="Lowercase letters, digits and underscores." errors={sub("key")}>
                      <Input
                        id={`column-${i}-property`}
                        value={target.key}
                        maxLength={40}
                        spellCheck={false}
                        autoCapitalize="off"
                        className="font-mono"
                        invalid={!!sub("key")}
                        onChange={(e) => setColumn(i, { type: "property", key: e.target.value })}
                      />
                    </Field>
                  )}
                  {columnErrors && (
                    <div id={`column-${i}-errors`} role="alert" className="space-y-0.5 text-xs font-medium text-red-600">
                      {columnErrors.map((m) => (
                        <p key={m}>{m}</p>
                      ))}
                    </div>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      </Card>

      <Card>
        <CardHeader
          title="Preview"
          description="The first rows of the file as they would be imported, checked like the real import."
          action={
            loading ? (
              <span className="inline-flex items-center gap-1.5 text-sm text-slate-500">
                <Loader2 className="size-4 animate-spin" aria-hidden /> Updating preview…
              </span>
            ) : (
              <Button variant="ghost" size="sm" onClick={() => setResult((r) => ({ ...r, key: "" }))}>
                <RefreshCw className="size-4" aria-hidden /> Refresh
              </Button>
            )
          }
        />
        <p className="flex items-center gap-2 border-b border-slate-100 px-5 py-3 text-sm" role="status" aria-live="polite" data-testid="preview-summary">
          {loading ? (
            <span className="text-slate-500">Checking the first rows…</span>
          ) : rows.length === 0 ? (
            <span className="text-slate-500">There are no data rows to preview.</span>
          ) : ready === rows.length ? (
            <>
              <CheckCircle2 className="size-4 text-emerald-600" aria-hidden />
              <span>
                {rows.length === 1 ? "The preview row is ready to import." : `All ${formatCount(rows.length)} preview rows are ready to import.`}
              </span>
            </>
          ) : (
            <>
              <AlertTriangle className="size-4 text-amber-600" aria-hidden />
              <span>
                {formatCount(ready)} of {formatCount(rows.length)} preview {rows.length === 1 ? "row is" : "rows are"} ready to import. Rows with
                problems are skipped and listed in the report.
              </span>
            </>
          )}
        </p>
        <div className={cn("overflow-x-auto transition-opacity", loading && "opacity-60")} aria-busy={loading}>
          <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Preview of the first rows">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="whitespace-nowrap px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                  Line
                </th>
                <th scope="col" className="whitespace-nowrap px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                  Check
                </th>
                {columns.map((name, i) => {
                  const target = settings.columns[i] ?? { type: "ignore" as const };
                  return (
                    <th key={`${i}-${name}`} scope="col" className={cn("whitespace-nowrap px-3 py-2 text-left align-bottom", target.type === "ignore" && "opacity-50")}>
                      <span className="block text-xs font-semibold text-slate-700">{name}</span>
                      <span className="block text-[11px] font-normal text-slate-400">→ {targetLabel(target)}</span>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 bg-white">
              {rows.map((row) => {
                const bad = row.problems.length > 0;
                return (
                  <tr key={row.line} className={cn(bad && "bg-amber-50/70")} data-problem={bad || undefined}>
                    <td className="whitespace-nowrap px-3 py-2 align-top tabular-nums text-slate-500">{row.line}</td>
                    <td className="min-w-56 px-3 py-2 align-top">
                      {bad ? (
                        <ul className="space-y-0.5 text-xs text-amber-800">
                          {row.problems.map((p, k) => (
                            <li key={k}>
                              <span className="font-medium">{p.column}:</span> {p.message}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <span className="inline-flex items-center gap-1 text-xs font-medium text-emerald-700">
                          <CheckCircle2 className="size-3.5" aria-hidden /> Ready
                        </span>
                      )}
                    </td>
                    {row.cells.length === 0 ? (
                      <td colSpan={columns.length} className="px-3 py-2 text-xs text-slate-400">
                        (this line could not be read)
                      </td>
                    ) : (
                      columns.map((name, i) => (
                        <td
                          key={`${i}-${name}`}
                          className={cn("max-w-48 truncate whitespace-nowrap px-3 py-2 align-top text-slate-700", settings.columns[i]?.type === "ignore" && "text-slate-400")}
                          title={row.cells[i]}
                        >
                          {row.cells[i] ?? ""}
                        </td>
                      ))
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>

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
          <Button type="submit" pending={startAction.pending || started} disabled={hasErrors || loading || busy}>
            <Play className="size-4" aria-hidden /> Start import
          </Button>
        </div>
      </div>
    </form>
  );
}
