"use client";

import { useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import type { ActionResult } from "@/lib/actions/safe-action";
import { DataTable } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { formatMoney, formatNumber } from "@/lib/format";

type Reach = { customers: number; revenue: number };

export type TargetRow = { key: string; priority: number; name: string; size: Reach; assigned: Reach; heldOut: Reach; contacted: number; expectedValue: number };

export function TargetsTable({ rows }: { rows: TargetRow[] }) {
  const columns: ColumnDef<TargetRow, unknown>[] = [
    { id: "priority", header: "#", cell: ({ row }) => <span className="tabular-nums text-slate-500">{row.original.priority}</span> },
    { id: "name", header: "Segment", cell: ({ row }) => <span className="font-medium text-slate-900">{row.original.name}</span> },
    { id: "size", header: "Size", cell: ({ row }) => <span className="tabular-nums">{formatNumber(row.original.size.customers)}</span> },
    {
      id: "assigned",
      header: "Assigned",
      cell: ({ row }) => {
        const { size, assigned } = row.original;
        const lost = size.customers - assigned.customers;
        return (
          <span className="tabular-nums">
            <span className="font-medium text-slate-900">{formatNumber(assigned.customers)}</span>
            {lost > 0 && <span className="ml-1.5 text-xs text-slate-500">−{formatNumber(lost)}</span>}
          </span>
        );
      },
    },
    { id: "heldOut", header: "Held out", cell: ({ row }) => <span className="tabular-nums">{formatNumber(row.original.heldOut.customers)}</span> },
    { id: "contacted", header: "Contacted", cell: ({ row }) => <span className="tabular-nums">{formatNumber(row.original.contacted)}</span> },
    {
      id: "value",
      header: "Expected value",
      cell: ({ row }) => <span className={`tabular-nums ${row.original.expectedValue < 0 ? "text-red-700" : ""}`}>{formatMoney(row.original.expectedValue)}</span>,
    },
  ];
  return <DataTable label="Reach per segment" columns={columns} data={rows} getRowId={(r) => r.key} />;
}

export type ExclusionRow = { key: string; kind: "persona" | "segment" | "suppression"; name: string; removed: Reach };

const KIND_LABEL = { persona: "Negative persona", segment: "Segment", suppression: "Suppression list" } as const;

export function ExclusionsTable({ rows }: { rows: ExclusionRow[] }) {
  const columns: ColumnDef<ExclusionRow, unknown>[] = [
    { id: "name", header: "Left out", cell: ({ row }) => <span className="font-medium text-slate-900">{row.original.name}</span> },
    { id: "kind", header: "Kind", cell: ({ row }) => <Badge tone={row.original.kind === "persona" ? "red" : "gray"}>{KIND_LABEL[row.original.kind]}</Badge> },
    { id: "customers", header: "Customers removed", cell: ({ row }) => <span className="tabular-nums">{formatNumber(row.original.removed.customers)}</span> },
    { id: "revenue", header: "Their revenue", cell: ({ row }) => <span className="tabular-nums">{formatMoney(row.original.removed.revenue)}</span> },
  ];
  return (
    <DataTable
      label="Exclusions"
      columns={columns}
      data={rows}
      getRowId={(r) => r.key}
      empty={<p className="px-4 py-6 text-center text-sm text-slate-500">Nothing is excluded.</p>}
    />
  );
}

export type ScoreRow = {
  segmentId: string;
  rank: number;
  name: string;
  chosen: boolean;
  size: number;
  score: number;
  attractiveness: number;
  profitability: number;
  compatibility: number;
  zone: "invest" | "selective" | "avoid";
  compatibilityMean: number | null;
  ratingSpread: number | null;
  ratings: number;
  mine: { score: number; note: string | null } | null;
};

const ZONE_TONE = { invest: "green", selective: "amber", avoid: "red" } as const;
const ZONE_LABEL = { invest: "Invest", selective: "Selective", avoid: "Avoid" } as const;

function FactorBar({ label, value }: { label: string; value: number }) {
  return (
    <div className="flex items-center gap-2" title={`${label}: ${value.toFixed(2)}`}>
      <span className="w-4 text-xs font-medium text-slate-500" aria-hidden>
        {label[0]}
      </span>
      <div className="h-1.5 w-20 overflow-hidden rounded-full bg-slate-100" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={1} aria-valuenow={value}>
        <div className="h-full rounded-full bg-brand-500" style={{ width: `${Math.round(value * 100)}%` }} />
      </div>
      <span className="w-8 text-xs tabular-nums text-slate-600">{value.toFixed(2)}</span>
    </div>
  );
}

export function ScoresTable({ rows, rate, strategyId }: { rows: ScoreRow[]; strategyId: string; rate: (input: unknown) => Promise<ActionResult<{ score: number }>> }) {
  const columns: ColumnDef<ScoreRow, unknown>[] = [
    { id: "rank", header: "#", cell: ({ row }) => <span className="tabular-nums text-slate-500">{row.original.rank}</span> },
    {
      id: "name",
      header: "Segment",
      cell: ({ row }) => (
        <div className="min-w-40 whitespace-normal">
          <span className="font-medium text-slate-900">{row.original.name}</span>
          {row.original.chosen && (
            <span className="ml-2">
              <Badge tone="brand">chosen</Badge>
            </span>
          )}
          <p className="text-xs text-slate-500">{formatNumber(row.original.size)} customers</p>
        </div>
      ),
    },
    {
      id: "score",
      header: "Score",
      cell: ({ row }) => (
        <span className="text-base font-semibold tabular-nums text-slate-900" data-testid={`score-${row.original.segmentId}`}>
          {row.original.score.toFixed(1)}
        </span>
      ),
    },
    {
      id: "factors",
      header: "Factors",
      cell: ({ row }) => (
        <div className="space-y-1">
          <FactorBar label="Attractiveness" value={row.original.attractiveness} />
          <FactorBar label="Profitability" value={row.original.profitability} />
          <FactorBar label="Compatibility" value={row.original.compatibility} />
        </div>
      ),
    },
    { id: "zone", header: "Zone", cell: ({ row }) => <Badge tone={ZONE_TONE[row.original.zone]}>{ZONE_LABEL[row.original.zone]}</Badge> },
    {
      id: "team",
      header: "Team rating",
      cell: ({ row }) => {
        const { compatibilityMean: m, ratingSpread: s, ratings } = row.original;
        if (m === null) return <span className="text-xs text-slate-400">Not rated yet</span>;
        return (
          <span className="tabular-nums" data-testid={`team-rating-${row.original.segmentId}`}>
            {m.toFixed(1)}
            {s !== null && s > 0 && <span className="text-slate-500"> ± {s}</span>}
            <span className="block text-xs text-slate-500">
              {ratings} {ratings === 1 ? "rating" : "ratings"}
              {s !== null && s >= 2 && <span className="text-amber-700"> · the team disagrees</span>}
            </span>
          </span>
        );
      },
    },
    { id: "mine", header: "Your rating", cell: ({ row }) => <RatingCell key={`${row.original.segmentId}:${row.original.mine?.score ?? ""}`} row={row.original} rate={rate} strategyId={strategyId} /> },
  ];
  return <DataTable label="Ranked segment scores" columns={columns} data={rows} getRowId={(r) => r.segmentId} />;
}

function RatingCell({ row, rate, strategyId }: { row: ScoreRow; strategyId: string; rate: (input: unknown) => Promise<ActionResult<{ score: number }>> }) {
  const [score, setScore] = useState(row.mine?.score ?? 0);
  const [note, setNote] = useState(row.mine?.note ?? "");
  const [editingNote, setEditingNote] = useState(false);
  const action = useAction(rate, { success: "Rating saved" });
  const save = (s: number, n: string) => void action.execute({ strategyId, segmentId: row.segmentId, score: s, note: n });
  return (
    <div className="min-w-44 space-y-1">
      <div className="flex items-center gap-2">
        <div className="w-20 shrink-0">
          <Select
            aria-label={`Your rating of ${row.name}`}
            className="h-8 py-0"
            value={score ? String(score) : ""}
            disabled={action.pending}
            onChange={(e) => {
              const s = Number(e.target.value);
              if (!s) return;
              setScore(s);
              save(s, note);
            }}
          >
            <option value="" disabled>
              —
            </option>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
        </div>
        {score > 0 && !editingNote && (
          <button type="button" className="text-xs font-medium text-brand-700 hover:underline" onClick={() => setEditingNote(true)}>
            {note ? "Edit note" : "Add note"}
          </button>
        )}
        {action.pending && <span className="size-3.5 animate-spin rounded-full border-2 border-slate-400 border-t-transparent" aria-label="Saving" />}
      </div>
      {note && !editingNote && <p className="max-w-56 truncate text-xs text-slate-500" title={note}>{note}</p>}
      {editingNote && (
        <form
          className="flex items-center gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            save(score, note);
            setEditingNote(false);
          }}
        >
          <Input aria-label={`Note on ${row.name}`} className="h-8 w-40" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} autoFocus />
          <Button type="submit" size="sm" variant="secondary">
            Save
          </Button>
        </form>
      )}
      {action.fieldErrors.note && <p className="text-xs text-red-600">{action.fieldErrors.note[0]}</p>}
    </div>
  );
}
