"use client";

import type { ColumnDef } from "@tanstack/react-table";
import type { AttributeFamily, TraitType } from "@/lib/generated/prisma/enums";
import { Badge } from "@/components/ui/card";
import { FAMILY_LABELS, TRAIT_TYPE_LABELS } from "@/lib/customers/fields";

export type TraitRow = {
  id: string;
  key: string;
  label: string;
  type: TraitType;
  family: AttributeFamily;
  /** Customers with a value. */
  values: number;
  usedBy: { segments: string[]; personas: string[] };
};

const typeTone: Record<TraitType, "brand" | "green" | "amber" | "gray" | "red"> = {
  TEXT: "gray",
  NUMBER: "amber",
  DATE: "gray",
  BOOLEAN: "green",
  TAGS: "brand",
};

export function traitColumns(renderActions: (row: TraitRow) => React.ReactNode): ColumnDef<TraitRow, unknown>[] {
  return [
    {
      id: "label",
      header: "Trait",
      cell: ({ row }) => (
        <div>
          <p className="font-medium text-slate-900">{row.original.label}</p>
          <code className="text-xs text-slate-500">traits.{row.original.key}</code>
        </div>
      ),
    },
    { id: "type", header: "Type", cell: ({ row }) => <Badge tone={typeTone[row.original.type]}>{TRAIT_TYPE_LABELS[row.original.type]}</Badge> },
    { id: "family", header: "Family", cell: ({ row }) => FAMILY_LABELS[row.original.family] },
    {
      id: "values",
      header: "Customers with a value",
      cell: ({ row }) => <span className="tabular-nums">{row.original.values.toLocaleString("en-US")}</span>,
    },
    {
      id: "usedBy",
      header: "Used in rules",
      cell: ({ row }) => {
        const n = row.original.usedBy.segments.length + row.original.usedBy.personas.length;
        return n === 0 ? (
          <span className="text-slate-300">—</span>
        ) : (
          <span title={[...row.original.usedBy.segments, ...row.original.usedBy.personas].join(", ")}>
            {[
              row.original.usedBy.segments.length && `${row.original.usedBy.segments.length} segment${row.original.usedBy.segments.length === 1 ? "" : "s"}`,
              row.original.usedBy.personas.length && `${row.original.usedBy.personas.length} persona${row.original.usedBy.personas.length === 1 ? "" : "s"}`,
            ]
              .filter(Boolean)
              .join(", ")}
          </span>
        );
      },
    },
    { id: "actions", header: () => <span className="sr-only">Actions</span>, cell: ({ row }) => renderActions(row.original) },
  ];
}
