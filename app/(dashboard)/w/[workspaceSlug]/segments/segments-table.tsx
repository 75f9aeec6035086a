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
};

export function SegmentsTable({ rows, base, total }: { rows: Row[]; base: string; total: number }) {
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
    { id: "counted", header: "Counted", cell: ({ row }) => (row.original.countedAt ? formatRelative(new Date(row.original.countedAt)) : "—") },
    { id: "updated", header: "Updated", cell: ({ row }) => formatRelative(new Date(row.original.updatedAt)) },
  ];
  return <DataTable label="Segments" columns={columns} data={rows} getRowId={(r) => r.id} />;
}
