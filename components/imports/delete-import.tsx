"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Trash2 } from "lucide-react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Button, type ButtonSize, type ButtonVariant } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

export type DeleteImportAction = (input: unknown) => Promise<ActionResult<{ id: string }>>;

/**
 * "Delete import" behind a confirmation: removes the job, its stored file and its problem report.
 * Customers, orders and events it imported stay. Then goes to `after` (or refreshes the page).
 */
export function DeleteImportButton({
  id,
  fileName,
  remove,
  after,
  label = "Delete import",
  variant = "secondary",
  size = "md",
}: {
  id: string;
  fileName: string;
  remove: DeleteImportAction;
  after?: string;
  label?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const action = useAction(remove, {
    success: `Import of “${fileName}” deleted`,
    onSuccess: () => {
      setOpen(false);
      if (after) router.push(after);
      else router.refresh();
    },
  });

  return (
    <>
      <Button
        variant={variant}
        size={size}
        className={variant === "danger" ? undefined : "text-red-600 hover:bg-red-50"}
        aria-label={label === "Delete" ? `Delete the import of ${fileName}` : undefined}
        onClick={() => setOpen(true)}
      >
        <Trash2 className="size-4" aria-hidden /> {label}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Delete this import?"
        description={
          <>
            The uploaded file <span className="font-medium text-slate-700">{fileName}</span>, its mapping and its problem report are
            deleted. Customers, orders and events it already imported stay in the workspace.
          </>
        }
      >
        <FormError message={action.error} />
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button variant="danger" pending={action.pending} onClick={() => void action.execute({ id })}>
            Delete import
          </Button>
        </div>
      </Dialog>
    </>
  );
}
