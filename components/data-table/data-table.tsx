"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import type { ReactNode } from "react";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { cn } from "@/components/ui/cn";

/**
 * The one table wrapper over TanStack Table. Pagination is server-side and lives in the URL
 * (`?page=`), so a view can be shared and survives a reload.
 */
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
}) {
  // TanStack Table returns fresh functions each render; the compiler skips memoising this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    pageCount: pageCount ?? 1,
  });
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const hrefFor = (p: number) => {
    const next = new URLSearchParams(searchParams.toString());
    next.set(pageParam, String(p));
    return `${pathname}?${next.toString()}`;
  };

  return (
    <div>
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={label}>
          <thead className="bg-slate-50">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <th key={header.id} scope="col" className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                    {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white">
            {table.getRowModel().rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length}>{empty ?? <p className="px-4 py-8 text-center text-slate-500">Nothing here yet.</p>}</td>
              </tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <tr key={row.id} className="hover:bg-slate-50/60">
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className="whitespace-nowrap px-4 py-3 align-middle text-slate-700">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {page !== undefined && pageCount !== undefined && pageCount > 1 && (
        <nav className="flex items-center justify-between border-t border-slate-100 px-4 py-3 text-sm" aria-label="Pagination">
          <p className="text-slate-500">
            Page {page} of {pageCount}
            {total !== undefined && <> · {total.toLocaleString("en-US")} rows</>}
          </p>
          <div className="flex gap-2">
            <PageLink href={hrefFor(page - 1)} disabled={page <= 1} label="Previous page">
              <ChevronLeft className="size-4" /> Previous
            </PageLink>
            <PageLink href={hrefFor(page + 1)} disabled={page >= pageCount} label="Next page">
              Next <ChevronRight className="size-4" />
            </PageLink>
          </div>
        </nav>
      )}
    </div>
  );
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
