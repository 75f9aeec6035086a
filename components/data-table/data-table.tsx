"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type Column,
  type ColumnDef,
  type RowSelectionState,
  type VisibilityState,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ChevronDown, ChevronLeft, ChevronRight, ChevronsUpDown, ChevronUp, Columns3, X } from "lucide-react";
import { cn } from "@/components/ui/cn";

/**
 * The one table wrapper over TanStack Table. Everything that decides which rows are shown lives in
 * the URL, so a view can be shared and survives a reload:
 *  - pagination (`?page=`, and `?size=` when `pageSizes` is given), server-side;
 *  - sorting (`?sort=&dir=`) when `sort` is given: sortable columns are those with an accessor
 *    (and `enableSorting` not false); the server sorts.
 * Per-browser preferences live in localStorage under `persistKey`: which columns are shown (columns
 * with `enableHiding: false` always are) and their order.
 * With `selection`, rows get checkboxes and a bar with the caller's bulk actions appears.
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
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const router = useRouter();
  const hrefWith = useCallback(
    (change: Record<string, string | null>) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [key, value] of Object.entries(change)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      const search = next.toString();
      return search ? `${pathname}?${search}` : pathname;
    },
    [pathname, searchParams],
  );

  const prefs = useColumnPrefs(persistKey, defaultHidden);

  // A new set of rows (another page, a refresh after a delete) starts with nothing selected.
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [selectionFor, setSelectionFor] = useState(data);
  if (selectionFor !== data) {
    setSelectionFor(data);
    setRowSelection({});
  }

  const allColumns = useMemo<ColumnDef<T, unknown>[]>(() => {
    if (!selection) return columns;
    const select: ColumnDef<T, unknown> = {
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
        <Checkbox
          label={`Select ${selection.rowLabel(row.original)}`}
          checked={row.getIsSelected()}
          onChange={(checked) => row.toggleSelected(checked)}
        />
      ),
    };
    return [select, ...columns];
  }, [columns, selection]);

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
        <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-4 py-3">
          <div className="flex min-w-0 flex-1 flex-wrap items-center gap-3">{toolbar}</div>
          {persistKey && (
            <ColumnSettings
              columns={configurable.map((c) => ({
                id: c.id,
                label: columnLabel(c),
                visible: c.getIsVisible(),
                canHide: c.getCanHide(),
              }))}
              onToggle={(id, visible) => prefs.setHidden(id, !visible)}
              onMove={(id, delta) => prefs.move(configurable.map((c) => c.id), id, delta)}
              onReset={prefs.reset}
            />
          )}
        </div>
      )}
      {selection && selected.length > 0 && (
        <div
          className="flex flex-wrap items-center gap-3 border-b border-brand-100 bg-brand-50 px-4 py-2 text-sm"
          role="region"
          aria-label="Bulk actions"
        >
          <p className="font-medium text-brand-900" aria-live="polite">
            {selected.length.toLocaleString("en-US")} selected
          </p>
          <div className="flex flex-wrap items-center gap-2">{selection.bulkActions(selected, clearSelection)}</div>
          <button
            type="button"
            onClick={clearSelection}
            className="ml-auto inline-flex items-center gap-1 rounded-md px-2 py-1 text-brand-700 hover:bg-brand-100"
          >
            <X className="size-3.5" aria-hidden /> Clear selection
          </button>
        </div>
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
        <nav className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 px-4 py-3 text-sm" aria-label="Pagination">
          {pageSizes && pageSize && total !== undefined ? (
            <div className="flex flex-wrap items-center gap-4 text-slate-500">
              <p>
                {total === 0 ? "No rows" : (
                  <>
                    Showing <span className="tabular-nums">{((page - 1) * pageSize + 1).toLocaleString("en-US")}</span>–
                    <span className="tabular-nums">{Math.min(page * pageSize, total).toLocaleString("en-US")}</span> of{" "}
                    <span className="tabular-nums">{total.toLocaleString("en-US")}</span>
                  </>
                )}
              </p>
              <label className="flex items-center gap-2">
                Rows per page
                <select
                  className="h-8 rounded-lg border-0 bg-white py-0 pl-2 pr-7 text-sm text-slate-800 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
                  value={pageSize}
                  onChange={(e) => router.push(hrefWith({ [sizeParam]: e.target.value, [pageParam]: null }), { scroll: false })}
                >
                  {pageSizes.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          ) : (
            <p className="text-slate-500">
              Page {page} of {pageCount}
              {total !== undefined && <> · {total.toLocaleString("en-US")} rows</>}
            </p>
          )}
          {pageCount > 1 && (
            <div className="flex items-center gap-2">
              {pageSizes && (
                <span className="text-slate-500">
                  Page {page} of {pageCount}
                </span>
              )}
              <PageLink href={hrefWith({ [pageParam]: String(page - 1) })} disabled={page <= 1} label="Previous page">
                <ChevronLeft className="size-4" /> Previous
              </PageLink>
              <PageLink href={hrefWith({ [pageParam]: String(page + 1) })} disabled={page >= pageCount} label="Next page">
                Next <ChevronRight className="size-4" />
              </PageLink>
            </div>
          )}
        </nav>
      )}
    </div>
  );
}

const SELECT_COLUMN = "__select";

function columnLabel<T>(column: Column<T, unknown>): string {
  const header = column.columnDef.header;
  return typeof header === "string" ? header : column.id;
}

function PageLink({ href, disabled, label, children }: { href: string; disabled: boolean; label: string; children: ReactNode }) {
  const cls = "inline-flex h-8 items-center gap-1 rounded-lg px-3 ring-1 ring-inset ring-slate-300";
  if (disabled) {
    return (
      <span aria-disabled className={cn(cls, "text-slate-300")} aria-label={label}>
        {children}
      </span>
    );
  }
  return (
    <Link href={href} className={cn(cls, "bg-white text-slate-700 hover:bg-slate-50")} aria-label={label} scroll={false}>
      {children}
    </Link>
  );
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

// ---------------------------------------------------------------------------------------------
// Column preferences (localStorage)

type StoredPrefs = { hidden: string[]; order: string[] };
const PREFS_EVENT = "segmently:table-prefs";
const storageKey = (key: string) => `segmently.table.${key}`;

function readStored(key: string | undefined): string | null {
  if (!key) return null;
  try {
    return window.localStorage.getItem(storageKey(key));
  } catch {
    return null;
  }
}

function parsePrefs(raw: string | null): StoredPrefs | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== "object") return null;
    const { hidden, order } = value as { hidden?: unknown; order?: unknown };
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
    return { hidden: strings(hidden), order: strings(order) };
  } catch {
    return null;
  }
}

function subscribe(callback: () => void) {
  window.addEventListener("storage", callback);
  window.addEventListener(PREFS_EVENT, callback);
  return () => {
    window.removeEventListener("storage", callback);
    window.removeEventListener(PREFS_EVENT, callback);
  };
}

function useColumnPrefs(persistKey: string | undefined, defaultHidden: readonly string[] | undefined) {
  // The server renders the defaults; the browser's saved choice applies right after hydration.
  const raw = useSyncExternalStore(
    subscribe,
    () => readStored(persistKey),
    () => null,
  );
  const stored = useMemo(() => parsePrefs(raw), [raw]);
  const hidden = useMemo(() => stored?.hidden ?? [...(defaultHidden ?? [])], [stored, defaultHidden]);
  const order = stored?.order ?? EMPTY;

  const write = useCallback(
    (next: StoredPrefs | null) => {
      if (!persistKey) return;
      try {
        if (next) window.localStorage.setItem(storageKey(persistKey), JSON.stringify(next));
        else window.localStorage.removeItem(storageKey(persistKey));
      } catch {
        // Storage may be unavailable (private mode); the choice then lasts for this page only.
      }
      window.dispatchEvent(new Event(PREFS_EVENT));
    },
    [persistKey],
  );

  const visibility = useMemo<VisibilityState>(() => Object.fromEntries(hidden.map((id) => [id, false])), [hidden]);

  return {
    visibility,
    order,
    setHidden: (id: string, hide: boolean) =>
      write({ hidden: hide ? [...new Set([...hidden, id])] : hidden.filter((h) => h !== id), order }),
    /** Moves a column one place; `current` is the displayed order. */
    move: (current: string[], id: string, delta: -1 | 1) => {
      const from = current.indexOf(id);
      const to = from + delta;
      if (from < 0 || to < 0 || to >= current.length) return;
      const next = [...current];
      next.splice(from, 1);
      next.splice(to, 0, id);
      write({ hidden, order: next });
    },
    reset: () => write(null),
  };
}

const EMPTY: string[] = [];

function ColumnSettings({
  columns,
  onToggle,
  onMove,
  onReset,
}: {
  columns: { id: string; label: string; visible: boolean; canHide: boolean }[];
  onToggle: (id: string, visible: boolean) => void;
  onMove: (id: string, delta: -1 | 1) => void;
  onReset: () => void;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    root.current?.querySelector<HTMLElement>("input, button:not([aria-controls])")?.focus();
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);

  return (
    <div
      ref={root}
      className="relative"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex h-9 items-center gap-1.5 rounded-lg bg-white px-3 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
      >
        <Columns3 className="size-4 text-slate-400" aria-hidden /> Columns
      </button>
      {open && (
        <div
          id={id}
          role="group"
          aria-label="Columns: show, hide and reorder"
          className="absolute right-0 top-full z-30 mt-2 w-72 rounded-lg bg-white p-2 shadow-lg ring-1 ring-slate-200"
        >
          <p className="px-2 pb-2 pt-1 text-xs font-medium uppercase tracking-wide text-slate-400">Show and order columns</p>
          <ul className="max-h-80 space-y-0.5 overflow-y-auto">
            {columns.map((c, i) => (
              <li key={c.id} className="flex items-center gap-2 rounded-md px-2 py-1 hover:bg-slate-50">
                <label className="flex flex-1 items-center gap-2 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    className="size-4 accent-brand-600"
                    checked={c.visible}
                    disabled={!c.canHide}
                    onChange={(e) => onToggle(c.id, e.target.checked)}
                  />
                  {c.label}
                </label>
                <button
                  type="button"
                  className="rounded p-1 text-slate-400 hover:bg-slate-200 hover:text-slate-700 disabled:opacity-30"
                  aria-label={`Move ${c.label} up`}
                  disabled={i === 0}
                  onClick={() => onMove(c.id, -1)}
                >
                  <ChevronUp className="size-4" aria-hidden />
                </button>
                <button
                  type="button"
                  className="rounded p-1 text-slate-400 hover:bg-slate-200 hover:text-slate-700 disabled:opacity-30"
                  aria-label={`Move ${c.label} down`}
                  disabled={i === columns.length - 1}
                  onClick={() => onMove(c.id, 1)}
                >
                  <ChevronDown className="size-4" aria-hidden />
                </button>
              </li>
            ))}
          </ul>
          <div className="mt-1 border-t border-slate-100 px-2 pt-2">
            <button type="button" className="text-sm font-medium text-brand-700 hover:underline" onClick={onReset}>
              Reset to default
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
