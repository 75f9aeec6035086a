"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { ScrollText } from "lucide-react";
import { DataTable } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";

type AuditRow = { id: string; actor: string; action: string; summary: string; createdAt: string };

const columns: ColumnDef<AuditRow, unknown>[] = [
  { id: "when", header: "When", cell: ({ row }) => <span className="tabular-nums text-slate-500">{formatDateTime(new Date(row.original.createdAt))}</span> },
  { id: "who", header: "Who", cell: ({ row }) => <span className="font-medium text-slate-900">{row.original.actor}</span> },
  { id: "what", header: "What", cell: ({ row }) => row.original.summary },
  { id: "action", header: "Event", cell: ({ row }) => <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{row.original.action}</code> },
];

export function AuditTable({ rows, page, pageCount, total }: { rows: AuditRow[]; page: number; pageCount: number; total: number }) {
  return (
    <DataTable
      label="Audit log"
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      page={page}
      pageCount={pageCount}
      total={total}
      empty={<EmptyState icon={<ScrollText className="size-5" />} title="No activity yet" />}
    />
  );
}
