"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { ListChecks, UserMinus, Users } from "lucide-react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { plural } from "@/lib/customers/format";
import { formatDate } from "@/lib/format";
import { DataTable } from "@/components/data-table/data-table";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

type Row = { id: number; externalId: string; name: string; email: string | null; location: string; addedAt: string | null };

/** A static segment's list: members can be removed (with `remove`, for editors of an active segment). */
export type StaticListOptions = {
  segmentId: string;
  segmentName: string;
  remove?: (input: unknown) => Promise<ActionResult<{ removed: number; message: string }>>;
};

export function MembersTable({
  rows,
  customersBase,
  page,
  pageCount,
  total,
  staticList,
}: {
  rows: Row[];
  customersBase: string;
  page: number;
  pageCount: number;
  total: number;
  /** Set for a static segment. */
  staticList?: StaticListOptions;
}) {
  const [confirming, setConfirming] = useState<Confirming | null>(null);

  const columns: ColumnDef<Row, unknown>[] = [
    {
      id: "name",
      header: "Customer",
      cell: ({ row }) => (
        <Link href={`${customersBase}/${row.original.id}`} className="font-medium text-slate-900 hover:text-brand-700">
          {label(row.original)}
        </Link>
      ),
    },
    { id: "email", header: "E-mail", cell: ({ row }) => row.original.email ?? "—" },
    { id: "location", header: "Location", cell: ({ row }) => row.original.location || "—" },
    { id: "externalId", header: "External id", cell: ({ row }) => <code className="text-xs text-slate-500">{row.original.externalId}</code> },
  ];
  if (staticList)
    columns.push({
      id: "addedAt",
      header: "Added",
      cell: ({ row }) => <span className="tabular-nums text-slate-500">{row.original.addedAt ? formatDate(new Date(row.original.addedAt)) : "—"}</span>,
    });

  const remove = staticList?.remove;
  return (
    <>
      <DataTable
        label="Segment members"
        columns={columns}
        data={rows}
        getRowId={(r) => String(r.id)}
        page={page}
        pageCount={pageCount}
        total={total}
        selection={
          remove
            ? {
                rowLabel: label,
                bulkActions: (selected, clear) => (
                  <Button variant="danger" size="sm" onClick={() => setConfirming({ rows: selected, clear })}>
                    <UserMinus className="size-4" aria-hidden /> Remove from segment
                  </Button>
                ),
              }
            : undefined
        }
        empty={
          staticList ? (
            <EmptyState
              icon={<ListChecks className="size-5" />}
              title="No customers in this list yet"
              action={
                <Link href={customersBase} className={buttonClasses("secondary", "sm")}>
                  <Users className="size-4" aria-hidden /> Go to Customers
                </Link>
              }
            >
              A static segment holds the customers you pick by hand. In the Customers list, tick the people you want, choose
              Add to static segment, and pick “{staticList.segmentName}”.
            </EmptyState>
          ) : (
            <EmptyState icon={<Users className="size-5" />} title="No customers match yet" />
          )
        }
      />
      {staticList?.remove && (
        <RemoveDialog
          confirming={confirming}
          onClose={() => setConfirming(null)}
          segmentId={staticList.segmentId}
          segmentName={staticList.segmentName}
          remove={staticList.remove}
        />
      )}
    </>
  );
}

type Confirming = { rows: Row[]; clear: () => void };

const label = (r: Row) => r.name || r.email || r.externalId;

/** Confirms removing the selected members from a static segment. */
function RemoveDialog({
  confirming,
  onClose,
  segmentId,
  segmentName,
  remove,
}: {
  confirming: Confirming | null;
  onClose: () => void;
  segmentId: string;
  segmentName: string;
  remove: NonNullable<StaticListOptions["remove"]>;
}) {
  const router = useRouter();
  const action = useAction(remove, {
    success: (data) => data.message,
    onSuccess: () => {
      confirming?.clear();
      onClose();
      router.refresh();
    },
  });
  const rows = confirming?.rows ?? [];
  return (
    <Dialog
      open={confirming !== null}
      onClose={onClose}
      title={`Remove ${plural(rows.length, "customer")} from “${segmentName}”?`}
      description={
        <>
          {rows.length <= 3 ? rows.map(label).join(", ") : `${rows.slice(0, 2).map(label).join(", ")} and ${plural(rows.length - 2, "other")}`}{" "}
          will leave this segment. The customers themselves are not changed, and you can add them again later.
        </>
      }
    >
      <FormError message={action.error} />
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="danger" pending={action.pending} onClick={() => void action.execute({ segmentId, customerIds: rows.map((r) => r.id) })}>
          Remove {plural(rows.length, "customer")}
        </Button>
      </div>
    </Dialog>
  );
}
