"use client";

import { useState } from "react";
import { toast } from "sonner";
import { MessageSquare, Pencil, Trash2 } from "lucide-react";
import { COMMENT_MAX_LENGTH } from "@/lib/validations/persona-collab";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { decodeMentions, encodeMentions, MentionTextarea, type Member } from "@/components/personas/mention-textarea";

type Result<T> = { ok: true; data: T } | { ok: false; code: string; error: string; fieldErrors?: Record<string, string[]> };

export type CommentItem = {
  id: string;
  body: string;
  author: string;
  authorId: string | null;
  mentions: Record<string, string>;
  createdAt: string;
  editedAt: string | null;
  canEdit: boolean;
  canDelete: boolean;
};
type Page = { comments: CommentItem[]; hasMore: boolean };

export type CommentsPanelProps = {
  personaId: string;
  initial: Page;
  members: Member[];
  create: (input: unknown) => Promise<Result<{ id: string }>>;
  edit: (input: unknown) => Promise<Result<{ id: string }>>;
  remove: (input: unknown) => Promise<Result<{ id: string }>>;
  list: (input: unknown) => Promise<Result<Page>>;
};

const when = (iso: string) =>
  new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit" }).format(new Date(iso));

/** A comment's text with each mention shown as the member's highlighted name. */
function CommentBody({ body, names }: { body: string; names: Record<string, string> }) {
  const parts = body.split(/<@([A-Za-z0-9_-]{1,64})>/);
  return (
    <p className="text-sm whitespace-pre-wrap text-slate-800">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} data-testid="mention" className="rounded bg-brand-50 px-1 font-medium text-brand-700 ring-1 ring-brand-100">
            @{names[part] ?? "a former member"}
          </span>
        ) : (
          part
        ),
      )}
    </p>
  );
}

/** Writes or edits a comment: "@" suggests members; the text is sent with mentions as ids. */
function Composer({
  members,
  initial = "",
  initialPicked,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  members: Member[];
  initial?: string;
  initialPicked?: Map<string, string>;
  submitLabel: string;
  onSubmit: (body: string) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const [text, setText] = useState(initial);
  const [picked, setPicked] = useState(() => new Map(initialPicked));
  const [pending, setPending] = useState(false);
  const submit = async () => {
    if (!text.trim() || pending) return;
    setPending(true);
    const ok = await onSubmit(encodeMentions(text, picked));
    setPending(false);
    if (ok && !onCancel) {
      setText("");
      setPicked(new Map());
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      className="space-y-2"
    >
      <MentionTextarea
        label={onCancel ? "Edit comment" : "Comment"}
        value={text}
        onChange={setText}
        members={members}
        onPick={(m) => setPicked((p) => new Map(p).set(m.name, m.id))}
        placeholder="Add a comment — type @ to mention a teammate"
        maxLength={COMMENT_MAX_LENGTH}
        autoFocus={!!onCancel}
        onSubmit={() => void submit()}
      />
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs text-slate-400">
          {text.length > COMMENT_MAX_LENGTH - 200 ? `${COMMENT_MAX_LENGTH - text.length} characters left · ` : ""}Ctrl+Enter to send
        </span>
        <span className="flex gap-2">
          {onCancel && (
            <Button size="sm" variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          )}
          <Button size="sm" type="submit" pending={pending} disabled={!text.trim()}>
            {submitLabel}
          </Button>
        </span>
      </div>
    </form>
  );
}

/**
 * Comments on the persona, newest first: any member writes; the author edits or deletes their
 * own, owners and admins delete any (after a confirmation). "Load more" fetches older ones.
 */
export function CommentsPanel({ personaId, initial, members, create, edit, remove, list }: CommentsPanelProps) {
  const [comments, setComments] = useState(initial.comments);
  const [hasMore, setHasMore] = useState(initial.hasMore);
  const [loadingMore, setLoadingMore] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<CommentItem | null>(null);
  const [deletePending, setDeletePending] = useState(false);

  const fail = (result: Result<unknown> | null) => {
    toast.error(result && !result.ok ? (Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.error) : "We could not reach the server. Try again.");
    return false;
  };

  /** Loads the newest page again (after a new or edited comment). */
  const reload = async () => {
    const result = await list({ personaId }).catch(() => null);
    if (!result?.ok) return;
    setComments(result.data.comments);
    setHasMore(result.data.hasMore);
  };

  const add = async (body: string) => {
    const result = await create({ personaId, body }).catch(() => null);
    if (!result?.ok) return fail(result);
    await reload();
    return true;
  };

  const save = async (id: string, body: string) => {
    const result = await edit({ id, body }).catch(() => null);
    if (!result?.ok) return fail(result);
    setEditing(null);
    await reload();
    return true;
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    setDeletePending(true);
    const result = await remove({ id: deleting.id }).catch(() => null);
    setDeletePending(false);
    if (!result?.ok) return fail(result);
    setComments((c) => c.filter((x) => x.id !== deleting.id));
    setDeleting(null);
    toast.success("Comment deleted");
    return true;
  };

  const more = async () => {
    const last = comments.at(-1);
    if (!last) return;
    setLoadingMore(true);
    const result = await list({ personaId, before: last.id }).catch(() => null);
    setLoadingMore(false);
    if (!result?.ok) return fail(result);
    setComments((c) => [...c, ...result.data.comments.filter((n) => !c.some((o) => o.id === n.id))]);
    setHasMore(result.data.hasMore);
  };

  return (
    <section id="comments" aria-label="Comments" className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h2 className="mb-4 flex items-center gap-2 text-base font-semibold text-slate-900">
        <MessageSquare className="size-4 text-slate-400" /> Comments
      </h2>
      <Composer members={members} submitLabel="Comment" onSubmit={add} />
      {comments.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-200 p-6 text-center text-sm text-slate-500">
          No comments yet. Ask a question or mention a teammate with @.
        </p>
      ) : (
        <ol className="mt-6 space-y-4" aria-label="Comment list">
          {comments.map((c) => {
            const decoded = editing === c.id ? decodeMentions(c.body, c.mentions) : null;
            return (
              <li key={c.id} className="group flex gap-3" data-testid="comment">
                <span aria-hidden className="flex size-8 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold text-slate-600">
                  {c.author.slice(0, 1).toUpperCase()}
                </span>
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <p className="text-sm">
                      <span className="font-medium text-slate-900">{c.author}</span>{" "}
                      <time dateTime={c.createdAt} className="text-xs text-slate-400">
                        {when(c.createdAt)}
                        {c.editedAt ? " · edited" : ""}
                      </time>
                    </p>
                    {editing !== c.id && (c.canEdit || c.canDelete) && (
                      <span className="flex gap-1 opacity-100 sm:opacity-0 sm:group-focus-within:opacity-100 sm:group-hover:opacity-100">
                        {c.canEdit && (
                          <button type="button" onClick={() => setEditing(c.id)} className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700" aria-label="Edit comment">
                            <Pencil className="size-3.5" />
                          </button>
                        )}
                        {c.canDelete && (
                          <button type="button" onClick={() => setDeleting(c)} className="rounded p-1 text-slate-400 hover:bg-red-50 hover:text-red-700" aria-label="Delete comment">
                            <Trash2 className="size-3.5" />
                          </button>
                        )}
                      </span>
                    )}
                  </div>
                  {decoded ? (
                    <div className="mt-1">
                      <Composer
                        members={members}
                        initial={decoded.text}
                        initialPicked={decoded.picked}
                        submitLabel="Save"
                        onSubmit={(body) => save(c.id, body)}
                        onCancel={() => setEditing(null)}
                      />
                    </div>
                  ) : (
                    <div className="mt-1">
                      <CommentBody body={c.body} names={c.mentions} />
                    </div>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {hasMore && (
        <div className="mt-4 text-center">
          <Button size="sm" variant="secondary" pending={loadingMore} onClick={() => void more()}>
            Load older comments
          </Button>
        </div>
      )}
      <Dialog open={!!deleting} onClose={() => setDeleting(null)} title="Delete this comment?" description="It is removed for everyone. This cannot be undone.">
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setDeleting(null)}>
            Cancel
          </Button>
          <Button variant="danger" pending={deletePending} onClick={() => void confirmDelete()}>
            Delete comment
          </Button>
        </div>
      </Dialog>
    </section>
  );
}
