"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";

type Problem = { id: number; row: number; column: string; value: string; message: string };

const columns: ColumnDef<Problem, unknown>[] = [
  { id: "line", header: "Line", cell: ({ row }) => <span className="tabular-nums text-slate-500">{row.original.row.toLocaleString("en-US")}</span> },
  { id: "column", header: "Column", cell: ({ row }) => <span className="font-medium text-slate-900">{row.original.column}</span> },
  {
    id: "value",
    header: "Value",
    cell: ({ row }) =>
      row.original.value ? (
        <code className="block max-w-64 truncate text-xs text-slate-700" title={row.original.value}>
          {row.original.value}
        </code>
      ) : (
        <span className="text-slate-300">(empty)</span>
      ),
  },
  { id: "error", header: "Error", cell: ({ row }) => <span className="whitespace-normal text-slate-700">{row.original.message}</span> },
];

/** The first problems of an import (the downloadable report has them all). */
export function ProblemsTable({ rows }: { rows: Problem[] }) {
  return <DataTable label="Import problems" columns={columns} data={rows} getRowId={(r) => String(r.id)} />;
}
