"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import type { ImportKind, ImportStatus } from "@/lib/generated/prisma/enums";
import { IMPORT_KIND_LABELS } from "@/lib/imports/targets";
import { formatDateTime } from "@/lib/format";
import { ImportStatusBadge } from "@/components/imports/status-badge";
import { formatCount } from "@/components/imports/format";

export type ImportRow = {
  id: string;
  href: string;
  fileName: string;
  kind: ImportKind;
  status: ImportStatus;
  rowsRead: number;
  rowsFailed: number;
  errorCount: number;
  /** When it started, or when it was uploaded if it has not started. */
  at: string;
  started: boolean;
};

const dash = <span className="text-slate-300">—</span>;

export function importColumns(renderActions: (row: ImportRow) => React.ReactNode): ColumnDef<ImportRow, unknown>[] {
  return [
    {
      id: "file",
      header: "File",
      cell: ({ row }) => (
        <Link href={row.original.href} className="block max-w-64 truncate font-medium text-slate-900 hover:text-brand-700" title={row.original.fileName}>
          {row.original.fileName}
        </Link>
      ),
    },
    { id: "kind", header: "Kind", cell: ({ row }) => IMPORT_KIND_LABELS[row.original.kind] },
    { id: "status", header: "Status", cell: ({ row }) => <ImportStatusBadge status={row.original.status} errorCount={row.original.errorCount} /> },
    {
      id: "rows",
      header: "Rows",
      cell: ({ row }) => (row.original.started ? <span className="tabular-nums">{formatCount(row.original.rowsRead)}</span> : dash),
    },
    {
      id: "problems",
      header: "Problems",
      cell: ({ row }) =>
        !row.original.started ? (
          dash
        ) : row.original.rowsFailed > 0 ? (
          <span className="tabular-nums text-amber-700">{formatCount(row.original.rowsFailed)}</span>
        ) : (
          <span className="tabular-nums text-slate-500">0</span>
        ),
    },
    {
      id: "started",
      header: "Started",
      cell: ({ row }) => (
        <span className="tabular-nums text-slate-500" title={row.original.started ? undefined : "Uploaded, not started yet"}>
          {row.original.started ? formatDateTime(new Date(row.original.at)) : `Uploaded ${formatDateTime(new Date(row.original.at))}`}
        </span>
      ),
    },
    { id: "actions", header: () => <span className="sr-only">Actions</span>, cell: ({ row }) => renderActions(row.original) },
  ];
}
