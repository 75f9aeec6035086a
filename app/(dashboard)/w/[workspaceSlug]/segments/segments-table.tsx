"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/card";
import { formatRelative } from "@/lib/format";

type Row = {
  id: string;
  name: string;
  description: string | null;
  /** A static segment is a hand-picked list. */
  isStatic: boolean;
  size: number | null;
  countedAt: string | null;
  updatedAt: string;
  archived: boolean;
  /** Live size before and after leaving out negative personas (when shown; null: not computed). */
  exclusions?: { before: number; after: number } | null;
};

export function SegmentsTable({ rows, base, total, showExclusions = false }: { rows: Row[]; base: string; total: number; showExclusions?: boolean }) {
  const columns: ColumnDef<Row, unknown>[] = [
    {
      id: "name",
      header: "Segment",
      cell: ({ row }) => (
        <div className="max-w-md whitespace-normal">
          <Link href={`${base}/${row.original.id}`} className="font-medium text-slate-900 hover:text-brand-700">
            {row.original.name}
          </Link>
          {row.original.isStatic && (
            <span className="ml-2">
              <Badge tone="brand">static</Badge>
            </span>
          )}
          {row.original.archived && (
            <span className="ml-2">
              <Badge>archived</Badge>
            </span>
          )}
          {row.original.description && <p className="truncate text-xs text-slate-500">{row.original.description}</p>}
        </div>
      ),
    },
    {
      id: "size",
      header: "Size",
      cell: ({ row }) => {
        const size = row.original.size;
        if (size === null) return <span className="text-slate-400">—</span>;
        const pct = total > 0 ? (size / total) * 100 : 0;
        return (
          <div className="flex items-center gap-3">
            <span className="w-16 text-right font-medium tabular-nums text-slate-900">{size.toLocaleString("en-US")}</span>
            <div className="h-1.5 w-24 overflow-hidden rounded-full bg-slate-100" aria-hidden>
              <div className="h-full rounded-full bg-brand-500" style={{ width: `${Math.min(100, pct)}%` }} />
            </div>
            <span className="text-xs tabular-nums text-slate-500">{pct.toFixed(1)}%</span>
          </div>
        );
      },
    },
    ...(showExclusions
      ? [
          {
            id: "exclusions",
            header: "After exclusions",
            cell: ({ row }) => {
              const x = row.original.exclusions;
              if (!x) return <span className="text-slate-400" title="Not computed: archived, or beyond the first segments">—</span>;
              return (
                <span className="tabular-nums" data-testid={`after-exclusions-${row.original.id}`}>
                  <span className="font-medium text-slate-900">{x.after.toLocaleString("en-US")}</span>
                  {x.before > x.after && <span className="ml-1.5 text-xs text-red-700">−{(x.before - x.after).toLocaleString("en-US")}</span>}
                </span>
              );
            },
          } satisfies ColumnDef<Row, unknown>,
        ]
      : []),
    { id: "counted", header: "Counted", cell: ({ row }) => (row.original.countedAt ? formatRelative(new Date(row.original.countedAt)) : "—") },
    { id: "updated", header: "Updated", cell: ({ row }) => formatRelative(new Date(row.original.updatedAt)) },
  ];
  return <DataTable label="Segments" columns={columns} data={rows} getRowId={(r) => r.id} />;
}
