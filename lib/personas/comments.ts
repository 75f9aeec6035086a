import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/dal/audit";
import { authorize, parseInput, type ServiceContext } from "@/lib/domain/context";
import { DomainError, forbidden, notFound } from "@/lib/errors";
import { env } from "@/lib/env";
import { sendMail } from "@/lib/mail";
import { userNames } from "@/lib/personas/history";
import {
  commentIdSchema,
  COMMENTS_PAGE_SIZE,
  createCommentSchema,
  editCommentSchema,
  listCommentsSchema,
  mentionedIds,
  MENTION_PATTERN,
} from "@/lib/validations/persona-collab";

/**
 * Comments on a persona. Every member may comment (viewers too) and read them; the author edits and
 * deletes their own; owners and admins (`members.manage`) delete anyone's. A body names people as
 * `<@userId>`: each must be a member of the workspace when the comment is saved, and is e-mailed
 * (when SMTP is configured; otherwise nothing is sent). A deleted comment keeps its row, without
 * its text, and is no longer listed. Creating comments is rate limited per user.
 */

/** At most COMMENT_LIMIT.points new comments per user per COMMENT_LIMIT.seconds (in this process). */
export const COMMENT_LIMIT = { points: 10, seconds: 60 };
const GLOBAL_KEY = Symbol.for("segmently.commentLimiter");
const holder = globalThis as typeof globalThis & { [GLOBAL_KEY]?: RateLimiterMemory };
const limiter = (holder[GLOBAL_KEY] ??= new RateLimiterMemory({ keyPrefix: "persona-comment", points: COMMENT_LIMIT.points, duration: COMMENT_LIMIT.seconds }));

async function takeCommentPoint(userId: string) {
  try {
    await limiter.consume(userId);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new DomainError("RATE_LIMITED", `You are commenting very quickly. Try again in ${seconds} seconds.`);
  }
}

/** Refuses a mention of anyone who is not a member of the workspace; returns the mentioned ids. */
async function checkMentions(workspaceId: string, body: string): Promise<string[]> {
  const ids = mentionedIds(body);
  if (!ids.length) return [];
  const members = await db.membership.findMany({ where: { workspaceId, userId: { in: ids } }, select: { userId: true } });
  if (members.length !== ids.length)
    throw new DomainError("VALIDATION", "You can only mention members of this workspace.", { body: ["Mention members of this workspace only."] });
  return ids;
}

async function assertPersona(workspaceId: string, personaId: string) {
  const persona = await db.persona.findFirst({ where: { workspaceId, id: personaId }, select: { id: true, name: true } });
  if (!persona) throw notFound("That persona");
  return persona;
}

const parse = parseInput;

/** The comment's text with mentions written as @Name (for e-mails and the audit log). */
function plainText(body: string, names: Map<string, string>): string {
  return body.replace(MENTION_PATTERN, (_, id: string) => `@${names.get(id) ?? "someone"}`);
}

export async function createComment(ctx: ServiceContext, input: unknown) {
  authorize(ctx, "workspace.read");
  const { personaId, body } = parse(createCommentSchema, input);
  await takeCommentPoint(ctx.actor.id);
  const persona = await assertPersona(ctx.workspaceId, personaId);
  const mentions = await checkMentions(ctx.workspaceId, body);
  const comment = await db.$transaction(async (tx) => {
    const row = await tx.personaComment.create({
      data: { workspaceId: ctx.workspaceId, personaId, authorId: ctx.actor.id, body, mentions },
      select: { id: true },
    });
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      { action: "persona.commented", targetType: "persona", targetId: personaId, metadata: { name: persona.name, comment: row.id, mentions: mentions.length } },
      tx,
    );
    return row;
  });
  const emailed = await notifyMentions(ctx, { personaId, personaName: persona.name, body, mentions });
  return { id: comment.id, mentions, emailed };
}

/** E-mails each mentioned member (not the author) when SMTP is configured; returns how many were sent. */
async function notifyMentions(ctx: ServiceContext, c: { personaId: string; personaName: string; body: string; mentions: string[] }) {
  const recipients = c.mentions.filter((id) => id !== ctx.actor.id);
  if (!recipients.length || !env().SMTP_URL) return 0;
  const [users, workspace] = await Promise.all([
    db.user.findMany({ where: { id: { in: recipients } }, select: { id: true, email: true } }),
    db.workspace.findUnique({ where: { id: ctx.workspaceId }, select: { slug: true, name: true } }),
  ]);
  if (!workspace) return 0;
  const names = await userNames(c.mentions);
  const author = ctx.actor.name ?? ctx.actor.email;
  const url = `${env().APP_URL}/w/${workspace.slug}/personas/${c.personaId}#comments`;
  const sent = await Promise.all(
    users.map((u) =>
      sendMail({
        to: u.email,
        subject: `${author} mentioned you on the persona “${c.personaName}”`,
        text: `${author} mentioned you in a comment on “${c.personaName}” in ${workspace.name}:\n\n${plainText(c.body, names)}\n\nOpen it: ${url}`,
      }),
    ),
  );
  return sent.filter(Boolean).length;
}

async function ownComment(ctx: ServiceContext, id: string) {
  const row = await db.personaComment.findFirst({
    where: { workspaceId: ctx.workspaceId, id, deletedAt: null },
    select: { id: true, authorId: true, personaId: true, mentions: true },
  });
  if (!row) throw notFound("That comment");
  return row;
}

/** The author edits their own comment; mentions are checked, and only people newly mentioned are e-mailed. */
export async function editComment(ctx: ServiceContext, input: unknown) {
  authorize(ctx, "workspace.read");
  const { id, body } = parse(editCommentSchema, input);
  const row = await ownComment(ctx, id);
  if (row.authorId !== ctx.actor.id) throw forbidden("Only the author can edit a comment.");
  const mentions = await checkMentions(ctx.workspaceId, body);
  const editedAt = new Date();
  await db.personaComment.updateMany({ where: { workspaceId: ctx.workspaceId, id }, data: { body, mentions, editedAt } });
  const added = mentions.filter((m) => !row.mentions.includes(m));
  if (added.length) {
    const persona = await assertPersona(ctx.workspaceId, row.personaId);
    await notifyMentions(ctx, { personaId: persona.id, personaName: persona.name, body, mentions: added });
  }
  return { id, editedAt: editedAt.toISOString() };
}

/** The author deletes their own comment; owners and admins delete anyone's (audited). */
export async function deleteComment(ctx: ServiceContext, input: unknown) {
  authorize(ctx, "workspace.read");
  const { id } = parse(commentIdSchema, input);
  const row = await ownComment(ctx, id);
  const own = row.authorId === ctx.actor.id;
  if (!own && !can(ctx.role, "members.manage")) throw forbidden("Only the author, an owner or an admin can delete a comment.");
  await db.$transaction(async (tx) => {
    await tx.personaComment.updateMany({ where: { workspaceId: ctx.workspaceId, id }, data: { body: "", mentions: [], deletedAt: new Date() } });
    if (!own)
      await recordAudit(ctx.workspaceId, ctx.actor, { action: "persona.comment_deleted", targetType: "persona", targetId: row.personaId, metadata: { comment: id } }, tx);
  });
  return { id, deleted: true };
}

/**
 * A page of comments, newest first (COMMENTS_PAGE_SIZE at a time; `before` is the last comment id
 * of the previous page), with the authors' and mentioned people's names.
 */
export async function listComments(ctx: ServiceContext, input: unknown) {
  authorize(ctx, "workspace.read");
  const { personaId, before } = parse(listCommentsSchema, input);
  let cursor: { createdAt: Date; id: string } | null = null;
  if (before) {
    cursor = await db.personaComment.findFirst({ where: { workspaceId: ctx.workspaceId, personaId, id: before }, select: { createdAt: true, id: true } });
    if (!cursor) throw notFound("That comment");
  }
  const rows = await db.personaComment.findMany({
    where: {
      workspaceId: ctx.workspaceId,
      personaId,
      deletedAt: null,
      ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: COMMENTS_PAGE_SIZE + 1,
    select: { id: true, authorId: true, body: true, mentions: true, createdAt: true, editedAt: true },
  });
  const page = rows.slice(0, COMMENTS_PAGE_SIZE);
  const names = await userNames(page.flatMap((r) => [r.authorId, ...r.mentions]));
  const canModerate = can(ctx.role, "members.manage");
  return {
    comments: page.map((r) => ({
      id: r.id,
      body: r.body,
      author: r.authorId ? (names.get(r.authorId) ?? "A former member") : "A former member",
      authorId: r.authorId,
      mentions: Object.fromEntries(r.mentions.map((id) => [id, names.get(id) ?? "a former member"])),
      createdAt: r.createdAt.toISOString(),
      editedAt: r.editedAt?.toISOString() ?? null,
      canEdit: r.authorId === ctx.actor.id,
      canDelete: r.authorId === ctx.actor.id || canModerate,
    })),
    hasMore: rows.length > COMMENTS_PAGE_SIZE,
  };
}
export type CommentPage = Awaited<ReturnType<typeof listComments>>;
export type PersonaCommentItem = CommentPage["comments"][number];

/** The members who can be mentioned (everyone in the workspace), by name. */
export async function mentionableMembers(ctx: ServiceContext) {
  authorize(ctx, "workspace.read");
  const rows = await db.membership.findMany({
    where: { workspaceId: ctx.workspaceId },
    select: { user: { select: { id: true, name: true, email: true } } },
  });
  return rows
    .map((r) => ({ id: r.user.id, name: r.user.name ?? r.user.email, email: r.user.email }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
