"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Trash2 } from "lucide-react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

export function DeleteCustomer({
  id,
  name,
  orders,
  events,
  listHref,
  remove,
}: {
  id: number;
  name: string;
  orders: number;
  events: number;
  listHref: string;
  remove: (input: unknown) => Promise<ActionResult<{ deleted: number; name: string }>>;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const action = useAction(remove, {
    success: (d) => `${d.name} deleted`,
    onSuccess: () => {
      setOpen(false);
      router.push(listHref);
    },
  });
  const history = [orders && `${orders.toLocaleString("en-US")} ${orders === 1 ? "order" : "orders"}`, events && `${events.toLocaleString("en-US")} ${events === 1 ? "event" : "events"}`]
    .filter(Boolean)
    .join(" and ");

  return (
    <>
      <Button variant="secondary" className="text-red-600 hover:bg-red-50" onClick={() => setOpen(true)}>
        <Trash2 className="size-4" aria-hidden /> Delete
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Delete ${name}?`}
        description={`The customer${history ? `, their ${history},` : ""} and their custom trait values are deleted for everyone in the workspace. This cannot be undone.`}
      >
        <FormError message={action.error} />
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button variant="danger" pending={action.pending} onClick={() => void action.execute({ id })}>
            Delete customer
          </Button>
        </div>
      </Dialog>
    </>
  );
}
