import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FIELD_LABELS, showValue, type Draft } from "./card-fields";
import type { Conflict } from "./use-autosave";

/** Another editor saved first: their version and ours, field by field, and a choice. */
export function ConflictDialog({
  conflict,
  open,
  mine,
  onClose,
  keepTheirs,
  overwriteWithMine,
}: {
  conflict: Conflict | null;
  open: boolean;
  mine: Draft;
  onClose: () => void;
  keepTheirs: () => void;
  overwriteWithMine: () => void;
}) {
  return (
    <Dialog open={conflict !== null && open} onClose={onClose} title="Someone else changed this persona" description="Your last edits were not saved because another editor saved first. Choose which version to keep.">
      {conflict && (
        <div className="space-y-4">
          <div className="max-h-72 overflow-y-auto rounded-lg ring-1 ring-slate-200">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-xs text-slate-500">
                <tr>
                  <th className="px-3 py-2 font-medium">Field</th>
                  <th className="px-3 py-2 font-medium">Their version</th>
                  <th className="px-3 py-2 font-medium">Yours</th>
                </tr>
              </thead>
              <tbody>
                {conflict.keys.map((k) => (
                  <tr key={k} className="border-t border-slate-100 align-top">
                    <td className="px-3 py-2 font-medium text-slate-700">{FIELD_LABELS[k]}</td>
                    <td className="px-3 py-2 text-slate-600" data-testid="conflict-theirs">
                      {showValue(conflict.theirs[k])}
                    </td>
                    <td className="px-3 py-2 text-slate-900" data-testid="conflict-mine">
                      {showValue(mine[k])}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={keepTheirs}>
              Keep theirs
            </Button>
            <Button onClick={overwriteWithMine}>Overwrite with mine</Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
