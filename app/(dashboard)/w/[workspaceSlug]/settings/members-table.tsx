"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { KeyRound } from "lucide-react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { CopyLinkField } from "@/components/ui/copy-link-field";
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
  resetLink,
}: {
  members: MemberRow[];
  assignable: RoleOption[];
  changeRole: (input: unknown) => Promise<ActionResult<unknown>>;
  remove: (input: unknown) => Promise<ActionResult<unknown>>;
  resetLink: (input: unknown) => Promise<ActionResult<{ url: string; email: string; expiresAt: string }>>;
}) {
  const router = useRouter();
  const [removing, setRemoving] = useState<MemberRow | null>(null);
  const [resetting, setResetting] = useState<MemberRow | null>(null);
  const [link, setLink] = useState<{ url: string; email: string } | null>(null);
  const resetAction = useAction(resetLink, {
    onSuccess: (data) => {
      setLink({ url: data.url, email: data.email });
      router.refresh();
    },
  });
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
            <div className="flex justify-end gap-1">
              <Button variant="ghost" size="sm" onClick={() => { setLink(null); setResetting(row); }} aria-label={`Password reset link for ${row.email}`}>
                <KeyRound className="size-4" aria-hidden /> Reset link
              </Button>
              <Button variant="ghost" size="sm" className="text-red-600 hover:bg-red-50" onClick={() => setRemoving(row)}>
                Remove
              </Button>
            </div>
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
        open={resetting !== null}
        onClose={() => {
          setResetting(null);
          setLink(null);
        }}
        title={link ? "Reset link ready" : "Make a password reset link?"}
        description={
          resetting
            ? link
              ? `Send this link to ${link.email} yourself. It is shown only now, works once and expires in 24 hours.`
              : `${resetting.email} will be able to choose a new password with it, and every session they have will end. Any earlier link stops working.`
            : undefined
        }
      >
        {link ? (
          <div className="space-y-4">
            <CopyLinkField url={link.url} label="Reset link" testId="reset-link" />
            <div className="flex justify-end">
              <Button onClick={() => { setResetting(null); setLink(null); }}>Done</Button>
            </div>
          </div>
        ) : (
          <div className="space-y-3">
            {resetAction.error && <p role="alert" className="text-sm text-red-700">{resetAction.error}</p>}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setResetting(null)}>
                Cancel
              </Button>
              <Button pending={resetAction.pending} onClick={() => resetting && void resetAction.execute({ userId: resetting.userId })}>
                Make link
              </Button>
            </div>
          </div>
        )}
      </Dialog>
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
