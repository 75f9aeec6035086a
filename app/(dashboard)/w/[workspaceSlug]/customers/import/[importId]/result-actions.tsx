"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { RotateCcw } from "lucide-react";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { ImportSettings } from "@/lib/imports/mapping";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { DeleteImportButton, type DeleteImportAction } from "@/components/imports/delete-import";

/** "Run again" with the saved mapping, and "Delete import". */
export function ResultActions({
  id,
  fileName,
  settings,
  importsHref,
  start,
  remove,
}: {
  id: string;
  fileName: string;
  settings: ImportSettings | null;
  importsHref: string;
  start: (input: unknown) => Promise<ActionResult<{ id: string }>>;
  remove: DeleteImportAction;
}) {
  const router = useRouter();
  const [restarted, setRestarted] = useState(false);
  const action = useAction(start, {
    success: `Import of “${fileName}” started again`,
    onSuccess: () => {
      setRestarted(true);
      router.refresh();
    },
  });

  return (
    <>
      {settings && (
        <Button
          variant="secondary"
          pending={action.pending || restarted}
          aria-describedby="run-again-hint"
          onClick={() => void action.execute({ id, settings })}
        >
          <RotateCcw className="size-4" aria-hidden /> Run again
        </Button>
      )}
      <DeleteImportButton id={id} fileName={fileName} remove={remove} after={importsHref} />
      {settings && (
        <p id="run-again-hint" className="basis-full text-xs text-slate-500">
          Run again reads the same file with the same mapping. Rows already imported are recognised and counted as unchanged, so
          nothing is duplicated; the problem report starts over.
        </p>
      )}
    </>
  );
}
