"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { formatRelative } from "@/lib/format";
import { STRATEGY_TYPES, type StrategyTypeKey } from "@/lib/validations/strategy";
import { StatusBadge, periodText } from "./strategy-labels";

type Row = {
  id: string;
  name: string;
  type: StrategyTypeKey;
  status: "DRAFT" | "ACTIVE" | "ARCHIVED";
  owner: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  updatedAt: string;
};

export function StrategiesTable({
  rows,
  base,
  page,
  pageCount,
  total,
}: {
  rows: Row[];
  base: string;
  page: number;
  pageCount: number;
  total: number;
}) {
  const columns: ColumnDef<Row, unknown>[] = [
    {
      id: "name",
      header: "Strategy",
      cell: ({ row }) => (
        <Link href={`${base}/${row.original.id}`} className="font-medium text-slate-900 hover:text-brand-700">
          {row.original.name}
        </Link>
      ),
    },
    { id: "type", header: "Type", cell: ({ row }) => STRATEGY_TYPES[row.original.type].label },
    { id: "status", header: "Status", cell: ({ row }) => <StatusBadge status={row.original.status} /> },
    { id: "owner", header: "Owner", cell: ({ row }) => row.original.owner ?? <span className="text-slate-400">—</span> },
    { id: "period", header: "Period", cell: ({ row }) => periodText(row.original.periodStart, row.original.periodEnd) ?? <span className="text-slate-400">—</span> },
    { id: "updated", header: "Updated", cell: ({ row }) => formatRelative(new Date(row.original.updatedAt)) },
  ];
  return <DataTable label="Strategies" columns={columns} data={rows} getRowId={(r) => r.id} page={page} pageCount={pageCount} total={total} />;
}
