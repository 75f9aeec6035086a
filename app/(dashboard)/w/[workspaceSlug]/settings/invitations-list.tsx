"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { useAction } from "@/components/ui/use-action";
import { formatDate } from "@/lib/format";

type Invitation = { id: string; email: string; role: string; expiresAt: string };

export function InvitationsList({
  invitations,
  revoke,
}: {
  invitations: Invitation[];
  revoke: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [target, setTarget] = useState<Invitation | null>(null);
  const { execute, pending } = useAction(revoke, {
    success: "Invitation revoked",
    onSuccess: () => {
      setTarget(null);
      router.refresh();
    },
  });

  if (invitations.length === 0) return <p className="text-sm text-slate-500">No pending invitations.</p>;
  return (
    <div>
      <h3 className="mb-2 text-sm font-semibold text-slate-900">Pending</h3>
      <ul className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200" aria-label="Pending invitations">
        {invitations.map((inv) => (
          <li key={inv.id} className="flex items-center justify-between gap-4 px-4 py-3 text-sm">
            <div>
              <p className="font-medium text-slate-900">{inv.email}</p>
              <p className="text-xs text-slate-500">Expires {formatDate(new Date(inv.expiresAt))}</p>
            </div>
            <div className="flex items-center gap-3">
              <Badge>{inv.role.toLowerCase()}</Badge>
              <Button variant="ghost" size="sm" onClick={() => setTarget(inv)} aria-label={`Revoke invitation for ${inv.email}`}>
                Revoke
              </Button>
            </div>
          </li>
        ))}
      </ul>
      <Dialog open={target !== null} onClose={() => setTarget(null)} title="Revoke invitation?" description={target ? `The link sent to ${target.email} will stop working.` : undefined}>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setTarget(null)}>
            Cancel
          </Button>
          <Button variant="danger" pending={pending} onClick={() => target && void execute({ invitationId: target.id })}>
            Revoke
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
