"use client";

import type { ColumnDef } from "@tanstack/react-table";
import type { Role } from "@/lib/generated/prisma/enums";
import { Badge } from "@/components/ui/card";
import { formatDate } from "@/lib/format";

export type MemberRow = {
  userId: string;
  name: string | null;
  email: string;
  role: Role;
  joinedAt: string;
  isSelf: boolean;
  editable: boolean;
};

const roleTone = { OWNER: "brand", ADMIN: "green", EDITOR: "amber", VIEWER: "gray" } as const;

export function memberColumns(renderActions: (row: MemberRow) => React.ReactNode, renderRole: (row: MemberRow) => React.ReactNode): ColumnDef<MemberRow, unknown>[] {
  return [
    {
      id: "member",
      header: "Member",
      cell: ({ row }) => (
        <div>
          <p className="font-medium text-slate-900">
            {row.original.name ?? row.original.email}
            {row.original.isSelf && <span className="ml-2 text-xs font-normal text-slate-400">(you)</span>}
          </p>
          <p className="text-xs text-slate-500">{row.original.email}</p>
        </div>
      ),
    },
    {
      id: "role",
      header: "Role",
      cell: ({ row }) =>
        row.original.editable ? renderRole(row.original) : <Badge tone={roleTone[row.original.role]}>{row.original.role.toLowerCase()}</Badge>,
    },
    { id: "joined", header: "Joined", cell: ({ row }) => formatDate(new Date(row.original.joinedAt)) },
    { id: "actions", header: () => <span className="sr-only">Actions</span>, cell: ({ row }) => renderActions(row.original) },
  ];
}
