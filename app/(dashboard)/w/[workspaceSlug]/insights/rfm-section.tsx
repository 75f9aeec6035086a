"use client";

import Link from "next/link";
import { useCallback, useMemo, useState, type ReactNode } from "react";
import { toast } from "sonner";
import { ArrowRight, Bookmark } from "lucide-react";
import { HeatGrid, type HeatCell } from "@/components/charts/heat-grid";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { RfmCell, RfmGrid } from "@/lib/analytics/rfm-grid";
import { formatMoney, formatNumber } from "@/lib/format";
import type { RfmSegmentTarget } from "@/lib/validations/insights";

type Saved = { id: string; name: string; size: number };
type SaveAction = (input: RfmSegmentTarget) => Promise<ActionResult<Saved>>;

const percent = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.01 ? 1 : 0)}%`;
const keyOf = (t: RfmSegmentTarget) => (t.kind === "cell" ? `cell-${t.recency}-${t.frequency}` : `segment-${t.segment}`);

/** The RFM grid, its cells as a table, and the named segments; editors save any of them as a segment. */
export function RfmSection({
  grid,
  colour,
  canSave,
  save,
  slug,
}: {
  grid: RfmGrid;
  colour: "customers" | "revenue";
  canSave: boolean;
  save: SaveAction;
  slug: string;
}) {
  const [selected, setSelected] = useState<{ x: number; y: number } | null>(null);
  const [pendingKey, setPendingKey] = useState<string | null>(null);
  const [lastSaved, setLastSaved] = useState<Saved | null>(null);
  const segmentHref = (id: string) => `/w/${slug}/segments/${id}`;

  const onSuccess = useCallback(
    (data: Saved) => {
      setLastSaved(data);
      toast.success(`Saved “${data.name}”`, {
        description: (
          <Link href={segmentHref(data.id)} className="font-medium text-brand-700 underline">
            Open the segment ({formatNumber(data.size)} customers)
          </Link>
        ),
      });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [slug],
  );
  const { execute } = useAction(save, { onSuccess });
  const saveTarget = async (target: RfmSegmentTarget) => {
    setPendingKey(keyOf(target));
    await execute(target);
    setPendingKey(null);
  };

  const heatCells = useMemo<HeatCell[]>(
    () =>
      grid.cells.map((c) => ({
        x: c.recency,
        y: c.frequency,
        value: colour === "revenue" ? c.revenue : c.customers,
        text: colour === "revenue" ? (c.revenue > 0 ? compactMoney(c.revenue) : "–") : formatNumber(c.customers),
        title: `Recency ${c.recency} · Frequency ${c.frequency}`,
        lines: [
          `${formatNumber(c.customers)} customers`,
          `Revenue ${formatMoney(c.revenue)}`,
          ...(c.averageMonetary === null ? [] : [`Average monetary score ${c.averageMonetary.toFixed(1)}`]),
        ],
      })),
    [grid.cells, colour],
  );
  const selectedCell = selected ? grid.cells.find((c) => c.recency === selected.x && c.frequency === selected.y) ?? null : null;

  const saveButton = (target: RfmSegmentTarget, name: string) =>
    canSave ? (
      <Button
        size="sm"
        variant="secondary"
        pending={pendingKey === keyOf(target)}
        disabled={pendingKey !== null}
        onClick={() => void saveTarget(target)}
        aria-label={`Save ${name} as a segment`}
      >
        <Bookmark className="size-3.5" aria-hidden /> Save as segment
      </Button>
    ) : null;

  return (
    <div className="space-y-6">
      <div aria-live="polite">
        {lastSaved && (
          <p className="flex flex-wrap items-center gap-2 rounded-lg bg-emerald-50 px-4 py-2.5 text-sm text-emerald-800 ring-1 ring-emerald-200">
            Saved “{lastSaved.name}” with {formatNumber(lastSaved.size)} customers.
            <Link href={segmentHref(lastSaved.id)} className="inline-flex items-center gap-1 font-medium text-emerald-900 underline">
              Open segment <ArrowRight className="size-3.5" aria-hidden />
            </Link>
          </p>
        )}
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader
            title="Recency × frequency"
            description={`Each cell: customers with that recency and frequency score, coloured by ${colour === "revenue" ? "revenue" : "customers"}. Click a cell to see it${canSave ? " and save it" : ""}.`}
          />
          <CardBody>
            <HeatGrid
              cells={heatCells}
              size={5}
              xTitle="Recency score (5 = bought most recently)"
              yTitle="Frequency score (5 = most orders)"
              label={`RFM grid: customers by recency and frequency score, coloured by ${colour}`}
              selected={selected}
              onSelect={(cell) => setSelected({ x: cell.x, y: cell.y })}
            />
          </CardBody>
        </Card>

        <Card>
          <CardHeader title="Selected cell" />
          <CardBody>
            {selectedCell ? (
              <CellDetails cell={selectedCell} scored={grid.scored} action={saveButton({ kind: "cell", recency: selectedCell.recency, frequency: selectedCell.frequency }, `cell R${selectedCell.recency} F${selectedCell.frequency}`)} />
            ) : (
              <p className="text-sm text-slate-500">
                Click a cell of the grid to see its customers, revenue and average monetary score{canSave ? ", and save it as a segment" : ""}. Every cell is also listed in the table below the grid.
              </p>
            )}
          </CardBody>
        </Card>
      </div>

      <details className="group rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <summary className="cursor-pointer list-none px-5 py-3 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600">
          <span className="group-open:hidden">Show</span>
          <span className="hidden group-open:inline">Hide</span> the 25 cells as a table
        </summary>
        <div className="overflow-x-auto border-t border-slate-100">
          <table className="min-w-full text-sm">
            <caption className="sr-only">RFM cells by recency and frequency score</caption>
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-2">Recency</th>
                <th scope="col" className="px-3 py-2">Frequency</th>
                <th scope="col" className="px-3 py-2 text-right">Customers</th>
                <th scope="col" className="px-3 py-2 text-right">Revenue</th>
                <th scope="col" className="px-3 py-2 text-right">Avg. monetary score</th>
                {canSave && <th scope="col" className="px-5 py-2"><span className="sr-only">Actions</span></th>}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {[...grid.cells].reverse().map((c) => (
                <tr key={`${c.recency}-${c.frequency}`}>
                  <td className="px-5 py-2 tabular-nums">R{c.recency}</td>
                  <td className="px-3 py-2 tabular-nums">F{c.frequency}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatNumber(c.customers)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatMoney(c.revenue)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{c.averageMonetary === null ? "—" : c.averageMonetary.toFixed(1)}</td>
                  {canSave && <td className="px-5 py-1.5 text-right">{saveButton({ kind: "cell", recency: c.recency, frequency: c.frequency }, `cell R${c.recency} F${c.frequency}`)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>

      <Card>
        <CardHeader
          title="Named segments"
          description="Each scored customer is in exactly one: the first rule that matches their scores."
        />
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="rfm-segments">
            <caption className="sr-only">Named RFM segments</caption>
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-2">Segment</th>
                <th scope="col" className="px-3 py-2 text-right">Customers</th>
                <th scope="col" className="px-3 py-2">Share</th>
                <th scope="col" className="px-3 py-2 text-right">Revenue</th>
                <th scope="col" className="px-3 py-2 text-right">Avg. CLV</th>
                {canSave && <th scope="col" className="px-5 py-2"><span className="sr-only">Actions</span></th>}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {grid.segments.map((s) => (
                <tr key={s.segment} data-segment={s.segment}>
                  <th scope="row" className="px-5 py-2.5 text-left font-medium text-slate-900">{s.label}</th>
                  <td className="px-3 py-2.5 text-right tabular-nums" data-testid={`rfm-count-${s.segment}`}>{formatNumber(s.customers)}</td>
                  <td className="px-3 py-2.5">
                    <div className="flex items-center gap-2">
                      <div className="h-1.5 w-24 overflow-hidden rounded-full bg-slate-100" aria-hidden>
                        <div className="h-full rounded-full bg-brand-500" style={{ width: `${Math.round(s.share * 100)}%` }} />
                      </div>
                      <span className="tabular-nums text-slate-600">{percent(s.share)}</span>
                    </div>
                  </td>
                  <td className="px-3 py-2.5 text-right tabular-nums">{formatMoney(s.revenue)}</td>
                  <td className="px-3 py-2.5 text-right tabular-nums">{s.averageClv === null ? "—" : formatMoney(s.averageClv)}</td>
                  {canSave && <td className="px-5 py-1.5 text-right">{saveButton({ kind: "segment", segment: s.segment }, s.label)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}

function CellDetails({ cell, scored, action }: { cell: RfmCell; scored: number; action: ReactNode }) {
  return (
    <div className="space-y-4">
      <p className="text-sm font-medium text-slate-900">
        Recency {cell.recency} · Frequency {cell.frequency}
      </p>
      <dl className="grid grid-cols-2 gap-3 text-sm">
        <div>
          <dt className="text-slate-500">Customers</dt>
          <dd className="text-lg font-semibold tabular-nums">{formatNumber(cell.customers)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Share</dt>
          <dd className="text-lg font-semibold tabular-nums">{percent(scored > 0 ? cell.customers / scored : 0)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Revenue</dt>
          <dd className="text-lg font-semibold tabular-nums">{formatMoney(cell.revenue)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Avg. monetary score</dt>
          <dd className="text-lg font-semibold tabular-nums">{cell.averageMonetary === null ? "—" : cell.averageMonetary.toFixed(1)}</dd>
        </div>
      </dl>
      {action}
    </div>
  );
}

function compactMoney(n: number): string {
  if (n < 1000) return formatMoney(n);
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 }).format(n);
}
