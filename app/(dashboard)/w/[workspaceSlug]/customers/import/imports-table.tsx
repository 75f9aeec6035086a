"use client";

import Link from "next/link";
import { useMemo } from "react";
import { FileUp } from "lucide-react";
import { DataTable } from "@/components/data-table/data-table";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { DeleteImportButton, type DeleteImportAction } from "@/components/imports/delete-import";
import { importColumns, type ImportRow } from "./imports-columns";

/** The workspace's recent imports; editors can delete those that are not running. */
export function ImportsTable({ rows, remove }: { rows: ImportRow[]; remove?: DeleteImportAction }) {
  const columns = useMemo(
    () =>
      importColumns((row) => (
        <div className="flex justify-end gap-1">
          <Link href={row.href} className={buttonClasses("ghost", "sm")} aria-label={`Open the import of ${row.fileName}`}>
            {row.status === "UPLOADED" ? "Map columns" : row.status === "RUNNING" ? "Follow" : "Report"}
          </Link>
          {remove && row.status !== "RUNNING" && (
            <DeleteImportButton id={row.id} fileName={row.fileName} remove={remove} label="Delete" variant="ghost" size="sm" />
          )}
        </div>
      )),
    [remove],
  );

  return (
    <DataTable
      label="Recent imports"
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      empty={
        <EmptyState icon={<FileUp className="size-5" />} title="No imports yet">
          Files you import show up here with their status, how many rows were read and how many had problems.
        </EmptyState>
      }
    />
  );
}
