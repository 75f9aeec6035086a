"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useAction } from "@/components/ui/use-action";

type Action = (input: unknown) => Promise<{ ok: true; data: unknown } | { ok: false; code: string; error: string }>;

/** Deletes the persona after a confirmation; refused while a segment, persona or strategy uses it. */
export function DeletePersonaButton({ id, name, gallery, remove }: { id: string; name: string; gallery: string; remove: Action }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { execute, pending } = useAction(remove, { success: `Deleted “${name}”`, onSuccess: () => router.push(gallery) });
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs text-slate-500 hover:bg-red-50 hover:text-red-700">
        <Trash2 className="size-3.5" /> Delete
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Delete “${name}”?`} description="The card, its photo and its review are deleted. Customers are not affected.">
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button variant="danger" pending={pending} onClick={() => void execute({ id }).then(() => setOpen(false))}>
            Delete persona
          </Button>
        </div>
      </Dialog>
    </>
  );
}
