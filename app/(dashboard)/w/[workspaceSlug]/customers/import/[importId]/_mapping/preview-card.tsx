"use client";

import { AlertTriangle, CheckCircle2, Loader2, RefreshCw } from "lucide-react";
import type { ImportSettings } from "@/lib/imports/mapping";
import type { PreviewRow } from "@/lib/imports/preview";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatCount } from "@/components/imports/format";
import { targetLabel, type Target, type Trait } from "./model";

/** The first rows of the file as they would be imported, with each row's problems. */
export function PreviewCard({
  columns,
  settings,
  rows,
  loading,
  targets,
  traits,
  onRefresh,
}: {
  columns: string[];
  settings: ImportSettings;
  rows: readonly PreviewRow[];
  loading: boolean;
  targets: Target[];
  traits: Trait[];
  onRefresh: () => void;
}) {
  const ready = rows.filter((r) => r.problems.length === 0).length;
  return (
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
            <Button variant="ghost" size="sm" onClick={onRefresh}>
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
                    <span className="block text-[11px] font-normal text-slate-400">→ {targetLabel(target, targets, traits)}</span>
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
  );
}
