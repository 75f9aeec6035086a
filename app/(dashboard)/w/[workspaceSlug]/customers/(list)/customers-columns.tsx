"use client";

import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { Check } from "lucide-react";
import { Badge } from "@/components/ui/card";
import { formatDate } from "@/lib/format";
import { formatAmount, humanize } from "@/lib/customers/format";

/** One row of the customers list, as the server sends it. */
export type CustomerRow = {
  id: number;
  name: string;
  externalId: string;
  email: string | null;
  gender: string | null;
  occupation: string | null;
  country: string | null;
  /** Named on the server, so the page and the browser agree on spelling. */
  countryName: string | null;
  region: string | null;
  city: string | null;
  industry: string | null;
  companySize: number | null;
  lifecycleStage: string | null;
  acquisitionChannel: string | null;
  emailOptIn: boolean;
  annualIncome: string | null;
  createdAt: string;
};

/** Columns hidden until someone shows them (the choice is remembered per browser). */
export const DEFAULT_HIDDEN_COLUMNS = ["gender", "occupation", "region", "city", "industry", "companySize", "acquisitionChannel", "emailOptIn"];

const stageTone: Record<string, "brand" | "green" | "amber" | "red" | "gray"> = {
  lead: "gray",
  prospect: "amber",
  customer: "brand",
  repeat: "green",
  churned: "red",
};

const muted = <span className="text-slate-300">—</span>;
const text = (v: string | null) => v ?? muted;

/** Sortable columns have an accessor and an id from the server's sort whitelist. */
export function customerColumns(basePath: string): ColumnDef<CustomerRow, unknown>[] {
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
          <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-50 text-xs font-semibold text-brand-700" aria-hidden>
            {initials(row.original.name)}
          </span>
          <span className="max-w-44 truncate">{row.original.name}</span>
        </Link>
      ),
    },
    {
      id: "email",
      accessorFn: (r) => r.email,
      header: "E-mail",
      cell: ({ row }) =>
        row.original.email ? (
          <span className="block max-w-52 truncate" title={row.original.email}>
            {row.original.email}
          </span>
        ) : (
          muted
        ),
    },
    {
      id: "externalId",
      accessorFn: (r) => r.externalId,
      header: "External id",
      cell: ({ row }) => <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{row.original.externalId}</code>,
    },
    { id: "gender", accessorFn: (r) => r.gender, header: "Gender", enableSorting: false, cell: ({ row }) => text(row.original.gender && humanize(row.original.gender)) },
    { id: "occupation", accessorFn: (r) => r.occupation, header: "Occupation", enableSorting: false, cell: ({ row }) => text(row.original.occupation) },
    {
      id: "country",
      accessorFn: (r) => r.country,
      header: "Country",
      cell: ({ row }) =>
        row.original.country ? (
          <span title={row.original.country}>{row.original.countryName}</span>
        ) : (
          muted
        ),
    },
    { id: "region", accessorFn: (r) => r.region, header: "Region", enableSorting: false, cell: ({ row }) => text(row.original.region) },
    { id: "city", accessorFn: (r) => r.city, header: "City", cell: ({ row }) => text(row.original.city) },
    {
      id: "lifecycleStage",
      accessorFn: (r) => r.lifecycleStage,
      header: "Lifecycle",
      cell: ({ row }) =>
        row.original.lifecycleStage ? (
          <Badge tone={stageTone[row.original.lifecycleStage.toLowerCase()] ?? "gray"}>{humanize(row.original.lifecycleStage)}</Badge>
        ) : (
          muted
        ),
    },
    {
      id: "annualIncome",
      accessorFn: (r) => r.annualIncome,
      header: "Income",
      sortDescFirst: true,
      cell: ({ row }) => <span className="tabular-nums">{row.original.annualIncome === null ? muted : formatAmount(row.original.annualIncome)}</span>,
    },
    { id: "industry", accessorFn: (r) => r.industry, header: "Industry", cell: ({ row }) => text(row.original.industry) },
    {
      id: "companySize",
      accessorFn: (r) => r.companySize,
      header: "Company size",
      sortDescFirst: true,
      cell: ({ row }) => <span className="tabular-nums">{row.original.companySize === null ? muted : row.original.companySize.toLocaleString("en-US")}</span>,
    },
    {
      id: "acquisitionChannel",
      accessorFn: (r) => r.acquisitionChannel,
      header: "Channel",
      cell: ({ row }) => text(row.original.acquisitionChannel && humanize(row.original.acquisitionChannel)),
    },
    {
      id: "emailOptIn",
      accessorFn: (r) => r.emailOptIn,
      header: "Opt-in",
      enableSorting: false,
      cell: ({ row }) =>
        row.original.emailOptIn ? <Check className="size-4 text-emerald-600" aria-label="Opted in" /> : <span className="sr-only">Not opted in</span>,
    },
    {
      id: "createdAt",
      accessorFn: (r) => r.createdAt,
      header: "Added",
      sortDescFirst: true,
      cell: ({ row }) => <span className="tabular-nums text-slate-500">{formatDate(new Date(row.original.createdAt))}</span>,
    },
  ];
}

function initials(name: string): string {
  return (
    name
      .split(/[\s@._-]+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0]!.toUpperCase())
      .join("") || "?"
  );
}
