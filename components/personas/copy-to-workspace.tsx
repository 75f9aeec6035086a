"use client";

import Link from "next/link";
import { useState } from "react";
import { AlertTriangle, Copy, ExternalLink } from "lucide-react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

type Result<T> = { ok: true; data: T } | { ok: false; code: string; error: string };
type Copied = { id: string; workspace: { id: string; name: string; slug: string }; notes: string[] };

/**
 * "Copy to workspace…": lists the workspaces where the member may write personas, warns before
 * copying that rules referring to this workspace stay behind, and after copying says what was
 * left out and links to the copy.
 */
export function CopyToWorkspace({
  personaId,
  name,
  sourceName,
  targets,
  hasReferences,
  copy,
}: {
  personaId: string;
  name: string;
  sourceName: string;
  targets: { id: string; name: string }[];
  /** The rules refer to segments or personas, or a segment is linked: they cannot come along. */
  hasReferences: boolean;
  copy: (input: unknown) => Promise<Result<Copied>>;
}) {
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState(targets[0]?.id ?? "");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Copied | null>(null);

  const close = () => {
    setOpen(false);
    setDone(null);
    setError(null);
  };
  const submit = async () => {
    setPending(true);
    setError(null);
    const result = await copy({ personaId, targetWorkspaceId: target }).catch(() => null);
    setPending(false);
    if (!result) setError("We could not reach the server. Try again.");
    else if (!result.ok) setError(result.error);
    else setDone(result.data);
  };

  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs text-slate-500 hover:bg-slate-100 hover:text-slate-900">
        <Copy className="size-3.5" /> Copy to workspace…
      </button>
      <Dialog open={open} onClose={close} title={done ? "Persona copied" : `Copy “${name}” to another workspace`}>
        {done ? (
          <div className="space-y-4 text-sm">
            <p className="text-slate-700">
              A copy of “{name}” is now in <strong>{done.workspace.name}</strong>.
            </p>
            {done.notes.length > 0 && (
              <ul className="space-y-1 rounded-lg bg-amber-50 p-3 text-amber-900 ring-1 ring-amber-200" aria-label="Not copied">
                {done.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={close}>
                Close
              </Button>
              <Link href={`/w/${done.workspace.slug}/personas/${done.id}`} className={buttonClasses("primary")}>
                Open in {done.workspace.name} <ExternalLink className="size-3.5" />
              </Link>
            </div>
          </div>
        ) : (
          <form
            className="space-y-4 text-sm"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <label className="block">
              <span className="mb-1 block font-medium text-slate-700">Workspace</span>
              <select
                value={target}
                onChange={(e) => setTarget(e.target.value)}
                className="block w-full rounded-lg border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600"
              >
                {targets.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
              <span className="mt-1 block text-xs text-slate-500">Only workspaces where you can create personas are listed.</span>
            </label>
            <p className="text-slate-600">The card’s fields and photo are copied. Comments and history stay here.</p>
            {hasReferences && (
              <p className="flex gap-2 rounded-lg bg-amber-50 p-3 text-amber-900 ring-1 ring-amber-200">
                <AlertTriangle className="mt-0.5 size-4 shrink-0" />
                <span>Rules that refer to segments or personas of {sourceName}, and the linked segment, cannot come along: they will not be copied.</span>
              </p>
            )}
            {error && (
              <p role="alert" className="text-red-700">
                {error}
              </p>
            )}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" pending={pending} disabled={!target}>
                Copy persona
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
