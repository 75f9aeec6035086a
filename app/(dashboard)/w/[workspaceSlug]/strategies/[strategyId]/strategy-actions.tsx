"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Trash2 } from "lucide-react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

export function DeleteStrategyButton({ base, id, name, remove }: { base: string; id: string; name: string; remove: (input: unknown) => Promise<ActionResult<unknown>> }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const del = useAction(remove, { success: "Strategy deleted", onSuccess: () => router.push(base) });
  return (
    <>
      <Button variant="ghost" className="text-red-600 hover:bg-red-50" onClick={() => setConfirming(true)}>
        <Trash2 className="size-4" /> Delete
      </Button>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Delete “${name}”?`}
        description="The strategy, its ratings and its stored holdout group are deleted. Segments, personas and customers are not affected."
      >
        <FormError message={del.error} />
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button variant="danger" pending={del.pending} onClick={() => void del.execute({ id })}>
            Delete strategy
          </Button>
        </div>
      </Dialog>
    </>
  );
}
