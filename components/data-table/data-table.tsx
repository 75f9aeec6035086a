"use client";

import Link from "next/link";
import { useMemo, useState, type ReactNode } from "react";
import { flexRender, getCoreRowModel, useReactTable, type Column, type ColumnDef, type RowSelectionState } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ChevronsUpDown } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { useColumnPrefs } from "./column-prefs";
import { Pagination } from "./pagination";
import { columnLabel, SELECT_COLUMN, selectColumn } from "./selection";
import { SelectionBar, Toolbar } from "./toolbar";
import { useHrefWith } from "./use-href-with";

/**
 * The one table wrapper over TanStack Table. Everything that decides which rows are shown lives in
 * the URL, so a view can be shared and survives a reload:
 *  - pagination (`?page=`, and `?size=` when `pageSizes` is given), server-side;
 *  - sorting (`?sort=&dir=`) when `sort` is given: sortable columns are those with an accessor
 *    (and `enableSorting` not false); the server sorts.
 * Per-browser preferences live in localStorage under `persistKey`: which columns are shown (columns
 * with `enableHiding: false` always are) and their order.
 * With `selection`, rows get checkboxes and a bar with the caller's bulk actions appears.
 *
 * Pieces: toolbar.tsx (filters, the Columns menu, the bulk-action bar), column-menu.tsx,
 * column-prefs.ts (saved column choices), pagination.tsx, selection.tsx (checkbox column) and
 * use-href-with.ts (URL changes).
 */
export type SortState = { column: string | null; direction: "asc" | "desc" };

export type RowSelectionOptions<T> = {
  rowLabel: (row: T) => string;
  bulkActions: (selected: T[], clear: () => void) => ReactNode;
};


export function DataTable<T>({
  columns,
  data,
  getRowId,
  page,
  pageCount,
  total,
  empty,
  label,
  pageParam = "page",
  sort,
  sortParam = "sort",
  dirParam = "dir",
  pageSizes,
  pageSize,
  sizeParam = "size",
  persistKey,
  defaultHidden,
  selection,
  toolbar,
}: {
  columns: ColumnDef<T, unknown>[];
  data: T[];
  getRowId: (row: T) => string;
  page?: number;
  pageCount?: number;
  total?: number;
  empty?: ReactNode;
  label: string;
  pageParam?: string;
  sort?: SortState;
  sortParam?: string;
  dirParam?: string;
  pageSizes?: readonly number[];
  pageSize?: number;
  sizeParam?: string;
  persistKey?: string;
  defaultHidden?: readonly string[];
  selection?: RowSelectionOptions<T>;
  toolbar?: ReactNode;
}) {
  const hrefWith = useHrefWith();
  const prefs = useColumnPrefs(persistKey, defaultHidden);

  // A new set of rows (another page, a refresh after a delete) starts with nothing selected.
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [selectionFor, setSelectionFor] = useState(data);
  if (selectionFor !== data) {
    setSelectionFor(data);
    setRowSelection({});
  }

  const allColumns = useMemo<ColumnDef<T, unknown>[]>(
    () => (selection ? [selectColumn<T>(selection.rowLabel), ...columns] : columns),
    [columns, selection],
  );

  // TanStack Table returns fresh functions each render; the compiler skips memoising this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns: allColumns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    enableSorting: !!sort,
    enableRowSelection: !!selection,
    pageCount: pageCount ?? 1,
    state: {
      sorting: sort?.column ? [{ id: sort.column, desc: sort.direction === "desc" }] : [],
      columnVisibility: prefs.visibility,
      columnOrder: prefs.order.length ? [SELECT_COLUMN, ...prefs.order] : [],
      rowSelection,
    },
    onRowSelectionChange: setRowSelection,
  });

  const selected = selection ? table.getSelectedRowModel().rows.map((r) => r.original) : [];
  const clearSelection = () => setRowSelection({});
  const visibleColumnCount = table.getVisibleLeafColumns().length;

  const sortHref = (column: Column<T, unknown>) => {
    const current = column.getIsSorted();
    const firstDirection = column.columnDef.sortDescFirst ? "desc" : "asc";
    const direction = current === "asc" ? "desc" : current === "desc" ? "asc" : firstDirection;
    return hrefWith({ [sortParam]: column.id, [dirParam]: direction, [pageParam]: null });
  };

  const leaf = table.getAllLeafColumns().filter((c) => c.id !== SELECT_COLUMN);
  const rank = (id: string) => (prefs.order.includes(id) ? prefs.order.indexOf(id) : prefs.order.length + leaf.findIndex((c) => c.id === id));
  const configurable = [...leaf].sort((a, b) => rank(a.id) - rank(b.id));
  const showToolbar = !!toolbar || !!persistKey;
  const showPagination =
    page !== undefined && pageCount !== undefined && (pageCount > 1 || (!!pageSizes && (total ?? 0) > 0));

  return (
    <div>
      {showToolbar && (
        <Toolbar
          toolbar={toolbar}
          columns={
            persistKey
              ? configurable.map((c) => ({ id: c.id, label: columnLabel(c), visible: c.getIsVisible(), canHide: c.getCanHide() }))
              : null
          }
          onToggle={(id, visible) => prefs.setHidden(id, !visible)}
          onMove={(id, delta) => prefs.move(configurable.map((c) => c.id), id, delta)}
          onReset={prefs.reset}
        />
      )}
      {selection && selected.length > 0 && (
        <SelectionBar count={selected.length} actions={selection.bulkActions(selected, clearSelection)} onClear={clearSelection} />
      )}
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={label}>
          <thead className="bg-slate-50">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const canSort = !!sort && header.column.getCanSort();
                  const content = header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={canSort ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined}
                      className={cn(
                        "whitespace-nowrap px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500",
                        header.column.id === SELECT_COLUMN && "w-10 pr-0",
                      )}
                    >
                      {canSort ? (
                        <Link
                          href={sortHref(header.column)}
                          scroll={false}
                          className="group inline-flex items-center gap-1 rounded hover:text-slate-900"
                          aria-label={`${columnLabel(header.column)}: sort ${
                            sorted === "asc" ? "descending" : sorted === "desc" ? "ascending" : header.column.columnDef.sortDescFirst ? "descending" : "ascending"
                          }`}
                        >
                          {content}
                          {sorted === "asc" ? (
                            <ArrowUp className="size-3.5 text-slate-700" aria-hidden />
                          ) : sorted === "desc" ? (
                            <ArrowDown className="size-3.5 text-slate-700" aria-hidden />
                          ) : (
                            <ChevronsUpDown className="size-3.5 text-slate-300 group-hover:text-slate-500" aria-hidden />
                          )}
                        </Link>
                      ) : (
                        content
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white">
            {table.getRowModel().rows.length === 0 ? (
              <tr>
                <td colSpan={visibleColumnCount}>{empty ?? <p className="px-4 py-8 text-center text-slate-500">Nothing here yet.</p>}</td>
              </tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <tr
                  key={row.id}
                  className={cn("hover:bg-slate-50/60", row.getIsSelected() && "bg-brand-50/50 hover:bg-brand-50/70")}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td
                      key={cell.id}
                      className={cn(
                        "whitespace-nowrap px-4 py-3 align-middle text-slate-700",
                        cell.column.id === SELECT_COLUMN && "w-10 pr-0",
                      )}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {showPagination && (
        <Pagination
          page={page}
          pageCount={pageCount}
          total={total}
          pageSizes={pageSizes}
          pageSize={pageSize}
          pageParam={pageParam}
          sizeParam={sizeParam}
          hrefWith={hrefWith}
        />
      )}
    </div>
  );
}
