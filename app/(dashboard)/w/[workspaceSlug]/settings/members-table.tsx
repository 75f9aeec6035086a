"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { DataTable } from "@/components/data-table/data-table";
import { memberColumns, type MemberRow } from "./members-columns";

type RoleOption = { value: string; label: string; description: string };

export function MembersTable({
  members,
  assignable,
  changeRole,
  remove,
}: {
  members: MemberRow[];
  assignable: RoleOption[];
  changeRole: (input: unknown) => Promise<ActionResult<unknown>>;
  remove: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [removing, setRemoving] = useState<MemberRow | null>(null);
  const roleAction = useAction(changeRole, { success: "Role updated", onSuccess: () => router.refresh() });
  const removeAction = useAction(remove, {
    success: "Member removed",
    onSuccess: () => {
      setRemoving(null);
      router.refresh();
    },
  });

  const columns = useMemo(
    () =>
      memberColumns(
        (row) =>
          row.editable ? (
            <Button variant="ghost" size="sm" className="text-red-600 hover:bg-red-50" onClick={() => setRemoving(row)}>
              Remove
            </Button>
          ) : null,
        (row) => (
          <Select
            aria-label={`Role of ${row.email}`}
            className="w-36"
            defaultValue={row.role}
            disabled={roleAction.pending}
            onChange={(e) => void roleAction.execute({ userId: row.userId, role: e.target.value })}
          >
            {assignable.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </Select>
        ),
      ),
    [assignable, roleAction],
  );

  return (
    <>
      <DataTable label="Members" columns={columns} data={members} getRowId={(r) => r.userId} />
      <Dialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title="Remove member?"
        description={removing ? `${removing.email} will lose access to this workspace immediately.` : undefined}
      >
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setRemoving(null)}>
            Cancel
          </Button>
          <Button variant="danger" pending={removeAction.pending} onClick={() => removing && void removeAction.execute({ userId: removing.userId })}>
            Remove member
          </Button>
        </div>
      </Dialog>
    </>
  );
}
