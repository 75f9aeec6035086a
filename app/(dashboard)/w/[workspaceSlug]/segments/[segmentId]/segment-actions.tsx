"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Archive, ArchiveRestore, Copy, Pencil, Trash2 } from "lucide-react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Button, buttonClasses } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

export function SegmentActions({
  base,
  id,
  name,
  archived,
  duplicate,
  archive,
  remove,
}: {
  base: string;
  id: string;
  name: string;
  archived: boolean;
  duplicate: (input: unknown) => Promise<ActionResult<{ id: string }>>;
  archive: (input: unknown) => Promise<ActionResult<unknown>>;
  remove: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const dup = useAction(duplicate, { success: "Segment duplicated", onSuccess: (d) => router.push(`${base}/${d.id}`) });
  const arch = useAction(archive, { success: archived ? "Segment restored" : "Segment archived", onSuccess: () => router.refresh() });
  const del = useAction(remove, { success: "Segment deleted", onSuccess: () => router.push(base) });
  return (
    <>
      <Link href={`${base}/${id}/edit`} className={buttonClasses("primary")}>
        <Pencil className="size-4" /> Edit
      </Link>
      <Button variant="secondary" pending={dup.pending} onClick={() => void dup.execute({ id })}>
        <Copy className="size-4" /> Duplicate
      </Button>
      <Button variant="secondary" pending={arch.pending} onClick={() => void arch.execute({ id, archived: !archived })}>
        {archived ? <ArchiveRestore className="size-4" /> : <Archive className="size-4" />} {archived ? "Restore" : "Archive"}
      </Button>
      <Button variant="ghost" className="text-red-600 hover:bg-red-50" onClick={() => setConfirming(true)}>
        <Trash2 className="size-4" /> Delete
      </Button>
      <Dialog open={confirming} onClose={() => setConfirming(false)} title={`Delete “${name}”?`} description="The segment and its size history are deleted. Customers are not affected.">
        <FormError message={del.error} />
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button variant="danger" pending={del.pending} onClick={() => void del.execute({ id })}>
            Delete segment
          </Button>
        </div>
      </Dialog>
    </>
  );
}
