"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { Users } from "lucide-react";
import { DataTable } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/ui/card";

type Row = { id: number; externalId: string; name: string; email: string | null; location: string };

export function MembersTable({ rows, customersBase, page, pageCount, total }: { rows: Row[]; customersBase: string; page: number; pageCount: number; total: number }) {
  const columns: ColumnDef<Row, unknown>[] = [
    {
      id: "name",
      header: "Customer",
      cell: ({ row }) => (
        <Link href={`${customersBase}/${row.original.id}`} className="font-medium text-slate-900 hover:text-brand-700">
          {row.original.name || row.original.email || row.original.externalId}
        </Link>
      ),
    },
    { id: "email", header: "E-mail", cell: ({ row }) => row.original.email ?? "—" },
    { id: "location", header: "Location", cell: ({ row }) => row.original.location || "—" },
    { id: "externalId", header: "External id", cell: ({ row }) => <code className="text-xs text-slate-500">{row.original.externalId}</code> },
  ];
  return (
    <DataTable
      label="Segment members"
      columns={columns}
      data={rows}
      getRowId={(r) => String(r.id)}
      page={page}
      pageCount={pageCount}
      total={total}
      empty={<EmptyState icon={<Users className="size-5" />} title="No customers match yet" />}
    />
  );
}
