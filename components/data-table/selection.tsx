"use client";

import type { Column, ColumnDef } from "@tanstack/react-table";

/** The id of the checkbox column that selection adds. */
export const SELECT_COLUMN = "__select";

/** A column's name for menus and sort links: its header when that is text, else its id. */
export function columnLabel<T>(column: Column<T, unknown>): string {
  const header = column.columnDef.header;
  return typeof header === "string" ? header : column.id;
}

/** The checkbox column: one per row, and "select all" for the page in the header. */
export function selectColumn<T>(rowLabel: (row: T) => string): ColumnDef<T, unknown> {
  return {
    id: SELECT_COLUMN,
    enableHiding: false,
    enableSorting: false,
    header: ({ table }) => (
      <Checkbox
        label="Select all rows on this page"
        checked={table.getIsAllPageRowsSelected()}
        indeterminate={table.getIsSomePageRowsSelected()}
        onChange={(checked) => table.toggleAllPageRowsSelected(checked)}
      />
    ),
    cell: ({ row }) => (
      <Checkbox label={`Select ${rowLabel(row.original)}`} checked={row.getIsSelected()} onChange={(checked) => row.toggleSelected(checked)} />
    ),
  };
}

function Checkbox({
  label,
  checked,
  indeterminate = false,
  onChange,
}: {
  label: string;
  checked: boolean;
  indeterminate?: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      className="size-4 rounded border-slate-300 text-brand-600 accent-brand-600 focus-visible:outline-2"
      checked={checked}
      ref={(el) => {
        if (el) el.indeterminate = indeterminate && !checked;
      }}
      onChange={(e) => onChange(e.target.checked)}
    />
  );
}
