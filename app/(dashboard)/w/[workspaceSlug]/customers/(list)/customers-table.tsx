"use client";

import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { useEffect, useMemo, useState, useTransition } from "react";
import { ListPlus, Search, SearchX, Trash2, X } from "lucide-react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { FormError, Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { DataTable } from "@/components/data-table/data-table";
import { AddToStaticSegmentDialog } from "@/components/segments/add-to-static-segment";
import { plural } from "@/lib/customers/format";
import { listStateToSearch, PAGE_SIZES, withListState, type CustomerListState } from "@/lib/customers/url-state";
import { customerColumns, defaultHiddenColumns, type CustomerRow, type TraitColumn } from "./customers-columns";

export function CustomersTable({
  rows,
  total,
  page,
  pageCount,
  state,
  basePath,
  canWrite,
  segments,
  bulkDelete,
  traits = [],
}: {
  rows: CustomerRow[];
  total: number;
  page: number;
  pageCount: number;
  state: CustomerListState;
  basePath: string;
  canWrite: boolean;
  /** Saved segments to filter by; null hides the filter. */
  segments: { id: string; name: string }[] | null;
  bulkDelete: (input: unknown) => Promise<ActionResult<{ deleted: number }>>;
  /** Custom traits, offered as extra columns. */
  traits?: TraitColumn[];
}) {
  const router = useRouter();
  const { workspaceSlug } = useParams<{ workspaceSlug: string }>();
  const [navigating, startNavigation] = useTransition();
  const [confirming, setConfirming] = useState<{ rows: CustomerRow[]; clear: () => void } | null>(null);
  const [adding, setAdding] = useState<{ rows: CustomerRow[]; clear: () => void } | null>(null);
  const go = (change: Partial<CustomerListState>, mode: "push" | "replace" = "push") =>
    startNavigation(() => {
      const url = `${basePath}${listStateToSearch(withListState(state, change))}`;
      if (mode === "push") router.push(url, { scroll: false });
      else router.replace(url, { scroll: false });
    });

  const deleteAction = useAction(bulkDelete, {
    success: (data) => `${plural(data.deleted, "customer")} deleted`,
    onSuccess: () => {
      confirming?.clear();
      setConfirming(null);
      router.refresh();
    },
  });

  const columns = useMemo(() => customerColumns(basePath, traits), [basePath, traits]);
  const hidden = useMemo(() => defaultHiddenColumns(traits), [traits]);
  const filtered = !!state.q || !!state.segment || !!state.lifecycle;

  return (
    <>
      <DataTable
        label="Customers"
        columns={columns}
        data={rows}
        getRowId={(r) => String(r.id)}
        page={page}
        pageCount={pageCount}
        total={total}
        sort={{ column: state.sort, direction: state.dir }}
        pageSizes={PAGE_SIZES}
        pageSize={state.size}
        persistKey="customers"
        defaultHidden={hidden}
        selection={
          canWrite
            ? {
                rowLabel: (r) => r.name,
                bulkActions: (selected, clear) => (
                  <>
                    <Button variant="secondary" size="sm" onClick={() => setAdding({ rows: selected, clear })}>
                      <ListPlus className="size-4" aria-hidden /> Add to static segment
                    </Button>
                    <Button variant="danger" size="sm" onClick={() => setConfirming({ rows: selected, clear })}>
                      <Trash2 className="size-4" aria-hidden /> Delete
                    </Button>
                  </>
                ),
              }
            : undefined
        }
        toolbar={
          <>
            <SearchBox q={state.q} pending={navigating} onSearch={(q) => go({ q }, "replace")} />
            {segments && (
              <label className="flex items-center gap-2 text-sm text-slate-600">
                <span className="whitespace-nowrap">In segment</span>
                <Select
                  className="h-9 w-56 py-1.5"
                  value={state.segment ?? ""}
                  onChange={(e) => go({ segment: e.target.value || null })}
                >
                  <option value="">All customers</option>
                  {segments.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </Select>
              </label>
            )}
            <p className="text-sm text-slate-500" aria-live="polite">
              {plural(total, "customer")}
              {filtered && " match"}
            </p>
          </>
        }
        empty={
          <EmptyState
            icon={<SearchX className="size-5" />}
            title={state.q ? `No customers match “${state.q}”` : state.segment ? "No customers in this segment" : "No customers match these filters"}
            action={
              <Link href={basePath} className={buttonClasses("secondary", "sm")}>
                <X className="size-4" aria-hidden /> Clear filters
              </Link>
            }
          >
            Search looks at names, e-mail addresses and external ids, ignoring case.
          </EmptyState>
        }
      />
      {adding && (
        <AddToStaticSegmentDialog
          workspaceSlug={workspaceSlug}
          customers={adding.rows.map((r) => ({ id: r.id, name: r.name }))}
          onClose={() => setAdding(null)}
          onAdded={adding.clear}
        />
      )}
      <Dialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming ? `Delete ${plural(confirming.rows.length, "customer")}?` : "Delete customers?"}
        description={
          confirming && (
            <>
              {confirming.rows.length <= 3
                ? `${confirming.rows.map((r) => r.name).join(", ")} will be deleted`
                : `${confirming.rows
                    .slice(0, 2)
                    .map((r) => r.name)
                    .join(", ")} and ${plural(confirming.rows.length - 2, "other")} will be deleted`}
              , with their orders and events. This cannot be undone.
            </>
          )
        }
      >
        <FormError message={deleteAction.error} />
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirming(null)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            pending={deleteAction.pending}
            onClick={() => confirming && void deleteAction.execute({ ids: confirming.rows.map((r) => r.id) })}
          >
            Delete {confirming ? plural(confirming.rows.length, "customer") : ""}
          </Button>
        </div>
      </Dialog>
    </>
  );
}

/** Searches as you type (after a short pause) and on Enter. */
function SearchBox({ q, pending, onSearch }: { q: string; pending: boolean; onSearch: (q: string) => void }) {
  const [value, setValue] = useState(q);
  // What this box last asked for, and the query the URL last had. A new `q` that the box did not
  // ask for (back button, "Clear filters") replaces the text; one it asked for leaves typing alone.
  const [requested, setRequested] = useState(q);
  const [urlQ, setUrlQ] = useState(q);
  if (q !== urlQ) {
    setUrlQ(q);
    if (q !== requested) {
      setRequested(q);
      setValue(q);
    }
  }

  const submit = (text: string) => {
    setRequested(text);
    onSearch(text);
  };

  useEffect(() => {
    const text = value.trim();
    if (text === requested) return;
    const timer = setTimeout(() => {
      setRequested(text);
      onSearch(text);
    }, 350);
    return () => clearTimeout(timer);
  }, [value, requested, onSearch]);

  return (
    <form
      role="search"
      className="relative w-full max-w-sm"
      onSubmit={(e) => {
        e.preventDefault();
        submit(value.trim());
      }}
    >
      <label htmlFor="customer-search" className="sr-only">
        Search customers
      </label>
      <Search className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-slate-400" aria-hidden />
      <input
        id="customer-search"
        type="search"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder="Search name, e-mail or external id"
        maxLength={100}
        autoComplete="off"
        className="block h-9 w-full rounded-lg border-0 bg-white pl-9 pr-8 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600"
      />
      {pending && (
        <span
          className="absolute right-3 top-1/2 size-3.5 -translate-y-1/2 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600"
          aria-label="Loading"
        />
      )}
    </form>
  );
}
