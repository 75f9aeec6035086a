"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

export function DangerZone({
  slug,
  isOwner,
  leave,
  remove,
}: {
  slug: string;
  isOwner: boolean;
  leave: (input: unknown) => Promise<ActionResult<unknown>>;
  remove: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const [dialog, setDialog] = useState<"leave" | "delete" | null>(null);
  const [confirmation, setConfirmation] = useState("");
  const leaveAction = useAction(leave);
  const deleteAction = useAction(remove);

  return (
    <Card className="ring-red-200">
      <CardHeader title="Danger zone" />
      <CardBody className="divide-y divide-slate-100 p-0">
        <div className="flex flex-wrap items-center justify-between gap-4 px-5 py-4">
          <div>
            <p className="text-sm font-medium text-slate-900">Leave workspace</p>
            <p className="text-sm text-slate-500">You will lose access until someone invites you again.</p>
          </div>
          <Button variant="secondary" onClick={() => setDialog("leave")}>
            Leave workspace
          </Button>
        </div>
        {isOwner && (
          <div className="flex flex-wrap items-center justify-between gap-4 px-5 py-4">
            <div>
              <p className="text-sm font-medium text-slate-900">Delete workspace</p>
              <p className="text-sm text-slate-500">Deletes every customer, segment, persona and strategy in it. This cannot be undone.</p>
            </div>
            <Button variant="danger" onClick={() => setDialog("delete")}>
              Delete workspace
            </Button>
          </div>
        )}
      </CardBody>

      <Dialog open={dialog === "leave"} onClose={() => setDialog(null)} title="Leave this workspace?">
        <FormError message={leaveAction.error} />
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setDialog(null)}>
            Cancel
          </Button>
          <Button variant="danger" pending={leaveAction.pending} onClick={() => void leaveAction.execute({})}>
            Leave
          </Button>
        </div>
      </Dialog>

      <Dialog
        open={dialog === "delete"}
        onClose={() => setDialog(null)}
        title="Delete this workspace?"
        description={
          <>
            Everything in it is deleted for every member. Type <strong className="font-mono text-slate-900">{slug}</strong> to confirm.
          </>
        }
      >
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            void deleteAction.execute({ confirmation });
          }}
        >
          <Field id="delete-confirmation" label="Workspace address" errors={deleteAction.fieldErrors.confirmation}>
            <Input id="delete-confirmation" autoComplete="off" value={confirmation} onChange={(e) => setConfirmation(e.target.value)} />
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setDialog(null)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" pending={deleteAction.pending} disabled={confirmation.trim() !== slug}>
              Delete forever
            </Button>
          </div>
        </form>
      </Dialog>
    </Card>
  );
}
