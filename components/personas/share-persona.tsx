"use client";

import { useState } from "react";
import { Link2, Share2 } from "lucide-react";
import type { ShareLinkSummary } from "@/lib/personas/share-service";
import { formatDate, formatRelative } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { CopyLinkField } from "@/components/ui/copy-link-field";
import { Dialog } from "@/components/ui/dialog";
import { Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

type Result<T> = { ok: true; data: T } | { ok: false; code: string; error: string; fieldErrors?: Record<string, string[]> };

const EXPIRY = [
  { value: "", label: "Never (until revoked)" },
  { value: "7", label: "In 7 days" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
];

/**
 * "Share": read-only links to the card for people outside the workspace. Editors create a link
 * (its URL is shown once: only a hash is kept) and revoke links; viewers see who shared it.
 */
export function SharePersonaButton({
  personaId,
  name,
  links,
  canEdit,
  create,
  revoke,
}: {
  personaId: string;
  name: string;
  links: ShareLinkSummary[];
  canEdit: boolean;
  create: (input: unknown) => Promise<Result<{ id: string; url: string; expiresAt: string | null }>>;
  revoke: (input: unknown) => Promise<Result<{ revoked: boolean }>>;
}) {
  const [open, setOpen] = useState(false);
  const [expiry, setExpiry] = useState("");
  const [created, setCreated] = useState<{ id: string; url: string } | null>(null);
  const [confirm, setConfirm] = useState<ShareLinkSummary | null>(null);
  const creating = useAction(create, { success: "Share link created", onSuccess: (d) => setCreated({ id: d.id, url: d.url }) });
  const revoking = useAction(revoke, {
    success: "Link revoked: it no longer opens",
    onSuccess: () => {
      if (created && created.id === confirm?.id) setCreated(null);
      setConfirm(null);
    },
  });
  const close = () => {
    setOpen(false);
    setCreated(null);
  };
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        <Share2 className="size-4" aria-hidden /> Share{links.length > 0 ? ` · ${links.length}` : ""}
      </Button>
      <Dialog
        open={open && !confirm}
        onClose={close}
        title={`Share “${name}”`}
        description="Anyone with the link sees the card and aggregate figures, read only, without signing in. Figures over fewer than 5 customers are withheld; no individual customer is ever shown."
      >
        <div className="space-y-5">
          {canEdit ? (
            created ? (
              <div className="space-y-2 rounded-lg bg-emerald-50 p-3 ring-1 ring-emerald-200">
                <p className="text-sm font-medium text-emerald-900">Copy the link now: for security it is shown only once.</p>
                <CopyLinkField url={created.url} label="Share link" testId="share-url" />
              </div>
            ) : (
              <div className="flex flex-wrap items-end gap-2">
                <label className="flex-1 text-sm">
                  <span className="mb-1 block font-medium text-slate-700">Link expires</span>
                  <Select value={expiry} onChange={(e) => setExpiry(e.target.value)} aria-label="Link expires">
                    {EXPIRY.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </Select>
                </label>
                <Button pending={creating.pending} onClick={() => void creating.execute({ personaId, expiresInDays: expiry ? Number(expiry) : null })}>
                  <Link2 className="size-4" aria-hidden /> Create link
                </Button>
              </div>
            )
          ) : (
            <p className="rounded-lg bg-slate-50 p-3 text-sm text-slate-600">Editors can create and revoke share links. You can see who has shared this persona.</p>
          )}
          <div>
            <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Active links</h3>
            {links.length === 0 ? (
              <p className="rounded-lg border border-dashed border-slate-200 p-4 text-center text-sm text-slate-500">Not shared: no active links.</p>
            ) : (
              <ul className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200" data-testid="share-links">
                {links.map((l) => (
                  <li key={l.id} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
                    <div className="min-w-0">
                      <p className="font-medium text-slate-800">
                        {l.createdBy} · {formatRelative(new Date(l.createdAt))}
                      </p>
                      <p className="text-xs text-slate-500">
                        {l.expiresAt ? `Expires ${formatDate(new Date(l.expiresAt))}` : "Does not expire"} · {l.viewCount} {l.viewCount === 1 ? "view" : "views"}
                        {l.lastViewedAt ? `, last ${formatRelative(new Date(l.lastViewedAt))}` : ""}
                      </p>
                    </div>
                    {canEdit && (
                      <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={() => setConfirm(l)}>
                        Revoke
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="flex justify-end">
            <Button variant="secondary" onClick={close}>
              Done
            </Button>
          </div>
        </div>
      </Dialog>
      <Dialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        title="Revoke this share link?"
        description="Anyone who opens it afterwards sees “This link has expired or was revoked”. Copies of the PDF already downloaded stay as they are."
      >
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirm(null)}>
            Cancel
          </Button>
          <Button variant="danger" pending={revoking.pending} onClick={() => confirm && void revoking.execute({ personaId, linkId: confirm.id })}>
            Revoke link
          </Button>
        </div>
      </Dialog>
    </>
  );
}
