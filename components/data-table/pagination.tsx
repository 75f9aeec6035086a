"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { cn } from "@/components/ui/cn";
import type { HrefWith } from "./use-href-with";

/** Page links (and, with `pageSizes`, the range shown and a page-size choice), all through the URL. */
export function Pagination({
  page,
  pageCount,
  total,
  pageSizes,
  pageSize,
  pageParam,
  sizeParam,
  hrefWith,
}: {
  page: number;
  pageCount: number;
  total?: number;
  pageSizes?: readonly number[];
  pageSize?: number;
  pageParam: string;
  sizeParam: string;
  hrefWith: HrefWith;
}) {
  const router = useRouter();
  return (
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
