"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { Check } from "lucide-react";
import { Badge } from "@/components/ui/card";
import { formatDate } from "@/lib/format";
import type { ReactNode } from "react";
import { formatAmount, humanize } from "@/lib/customers/format";
import { LIST_FIELDS, type ListDisplay, type ListFieldKey } from "@/lib/customers/field-registry";
import type { ClientListRow } from "@/lib/customers/list-row";
import type { TraitType } from "@/lib/generated/prisma/enums";
import { CustomerAvatar } from "@/components/customers/customer-avatar";

/** One row of the customers list, as the server sends it (see listRowForClient). */
export type CustomerRow = ClientListRow;

/** Columns hidden until someone shows them (the choice is remembered per browser), from the field registry. */
export const DEFAULT_HIDDEN_COLUMNS: string[] = LIST_FIELDS.filter((f) => f.list.hidden).map((f) => f.key);

/** A custom trait as a list column: hidden until someone shows it from the Columns menu. */
export type TraitColumn = { key: string; label: string; type: TraitType };

export const traitColumnId = (key: string) => `trait.${key}`;

export function defaultHiddenColumns(traits: readonly TraitColumn[]): string[] {
  return [...DEFAULT_HIDDEN_COLUMNS, ...traits.map((t) => traitColumnId(t.key))];
}

const stageTone: Record<string, "brand" | "green" | "amber" | "red" | "gray"> = {
  lead: "gray",
  prospect: "amber",
  customer: "brand",
  repeat: "green",
  churned: "red",
};

const muted = <span className="text-slate-300">—</span>;
const text = (v: string | null) => v ?? muted;

/** How each kind of list value is shown. */
const CELLS: Record<ListDisplay, (row: CustomerRow, key: ListFieldKey) => ReactNode> = {
  text: (r, key) => text(value(r, key) as string | null),
  humanized: (r, key) => {
    const v = value(r, key) as string | null;
    return text(v && humanize(v));
  },
  code: (r, key) => <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{value(r, key) as string}</code>,
  email: (r, key) => {
    const v = value(r, key) as string | null;
    return v ? (
      <span className="block max-w-40 truncate" title={v}>
        {v}
      </span>
    ) : (
      muted
    );
  },
  country: (r, key) => {
    const v = value(r, key) as string | null;
    return v ? <span title={v}>{r.countryName}</span> : muted;
  },
  stage: (r, key) => {
    const v = value(r, key) as string | null;
    return v ? <Badge tone={stageTone[v.toLowerCase()] ?? "gray"}>{humanize(v)}</Badge> : muted;
  },
  amount: (r, key) => {
    const v = value(r, key) as string | null;
    return <span className="tabular-nums">{v === null ? muted : formatAmount(v)}</span>;
  },
  count: (r, key) => {
    const v = value(r, key) as number | null;
    return <span className="tabular-nums">{v === null ? muted : v.toLocaleString("en-US")}</span>;
  },
  check: (r, key) =>
    value(r, key) ? <Check className="size-4 text-emerald-600" aria-label="Opted in" /> : <span className="sr-only">Not opted in</span>,
  date: (r, key) => <span className="tabular-nums text-slate-500">{formatDate(new Date(value(r, key) as string))}</span>,
};

const value = (r: CustomerRow, key: ListFieldKey): unknown => r[key];

/** The name, then the registry's list fields in order; sortable columns have an id from the server's sort whitelist. */
export function customerColumns(basePath: string, traits: readonly TraitColumn[] = []): ColumnDef<CustomerRow, unknown>[] {
  return [
    {
      id: "name",
      accessorFn: (r) => r.name,
      header: "Name",
      enableHiding: false,
      cell: ({ row }) => (
        <Link
          href={`${basePath}/${row.original.id}`}
          className="flex items-center gap-3 font-medium text-slate-900 hover:text-brand-700 hover:underline"
        >
          <CustomerAvatar name={row.original.named ? row.original.name : null} />
          <span className={row.original.named ? "max-w-44 truncate" : "max-w-44 truncate font-normal text-slate-500"}>{row.original.name}</span>
        </Link>
      ),
    },
    ...LIST_FIELDS.map(
      (f): ColumnDef<CustomerRow, unknown> => ({
        id: f.key,
        accessorFn: (r) => r[f.key],
        header: f.list.header,
        ...(f.list.sort ? {} : { enableSorting: false }),
        ...(f.list.descFirst ? { sortDescFirst: true } : {}),
        cell: ({ row }) => CELLS[f.list.display](row.original, f.key),
      }),
    ),
    ...traits.map(
      (t): ColumnDef<CustomerRow, unknown> => ({
        id: traitColumnId(t.key),
        accessorFn: (r) => r.traits[t.key] ?? null,
        header: t.label,
        enableSorting: false,
        cell: ({ row }) => {
          const v = row.original.traits[t.key];
          if (v === undefined) return muted;
          return (
            <span className={t.type === "NUMBER" ? "tabular-nums" : "block max-w-48 truncate"} title={v}>
              {v}
            </span>
          );
        },
      }),
    ),
  ];
}

