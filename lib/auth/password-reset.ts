import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { canAssignRole } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password";
import { endAllSessions } from "@/lib/auth/session-version";
import { recordAudit, type Actor } from "@/lib/dal/audit";
import { ActionError } from "@/lib/errors";
import { createSecret, hashSecret } from "@/lib/tokens";
import { email as emailSchema, newPassword, strongPassword } from "@/lib/validations/auth";

/**
 * Password reset links. Two ways to get one:
 * - by e-mail, when SMTP is configured: anyone may ask for an address; the answer never says whether
 *   the address has an account (`requestResetByEmail`);
 * - from a workspace admin, for a member: shown once to the admin, who passes it on
 *   (`issueResetLinkForMember`). An admin may do this only for someone every one of whose workspaces
 *   they manage with a role that could assign that person's role there — otherwise an admin of one
 *   workspace could take over an owner of another.
 * A link works once, expires, and using it ends every session of the user.
 *
 * Tokens are 256-bit secrets; only their SHA-256 is stored (lib/tokens.ts).
 */
export const RESET_BY_EMAIL_TTL_MINUTES = 60;
export const RESET_BY_ADMIN_TTL_HOURS = 24;

export const resetTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, "This reset link is not valid. Check that you copied the whole link.");

export function resetUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, "")}/reset-password/${token}`;
}

// ---------------------------------------------------------------------------------------------
// By e-mail

const perAddress = new RateLimiterMemory({ keyPrefix: "reset-ip", points: 10, duration: 60 * 60 });
const perEmail = new RateLimiterMemory({ keyPrefix: "reset-email", points: 3, duration: 60 * 60 });

async function consume(limiter: RateLimiterMemory, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (error) {
    if (error instanceof RateLimiterRes) return false;
    throw error;
  }
}

export type ResetRequestOutcome = "sent" | "rate_limited" | "no_mail";

/**
 * Asks for a reset link by e-mail. Returns "sent" whether or not the address has an account (the
 * page shows the same words either way), "no_mail" when the server cannot send e-mail.
 */
export async function requestResetByEmail(
  rawEmail: string,
  options: { ip: string | null; baseUrl: string; send: (to: string, url: string) => Promise<boolean>; mailConfigured: boolean },
): Promise<ResetRequestOutcome> {
  if (!options.mailConfigured) return "no_mail";
  const address = emailSchema.parse(rawEmail);
  if (!(await consume(perAddress, options.ip ?? "shared")) || !(await consume(perEmail, address))) return "rate_limited";
  const user = await db.user.findUnique({ where: { email: address }, select: { id: true } });
  if (!user) return "sent";
  const { token, tokenHash } = createSecret();
  await db.passwordResetToken.create({
    data: { userId: user.id, tokenHash, expiresAt: new Date(Date.now() + RESET_BY_EMAIL_TTL_MINUTES * 60_000) },
  });
  await options.send(address, resetUrl(options.baseUrl, token));
  return "sent";
}

// ---------------------------------------------------------------------------------------------
// From an admin

/**
 * Whether `actorId` may make a reset link for `targetUserId`: every workspace the target belongs to
 * must also be the actor's, with a role that could assign the target's role there.
 */
export async function canIssueResetLink(actorId: string, targetUserId: string): Promise<boolean> {
  if (actorId === targetUserId) return false;
  const [targetships, actorships] = await Promise.all([
    db.membership.findMany({ where: { userId: targetUserId }, select: { workspaceId: true, role: true } }),
    db.membership.findMany({ where: { userId: actorId }, select: { workspaceId: true, role: true } }),
  ]);
  if (targetships.length === 0) return false;
  const actorRole = new Map<string, Role>(actorships.map((m) => [m.workspaceId, m.role]));
  return targetships.every((t) => {
    const role = actorRole.get(t.workspaceId);
    return role !== undefined && canAssignRole(role, t.role);
  });
}

export async function issueResetLinkForMember(
  ctx: { workspaceId: string; actor: Actor },
  targetUserId: string,
  baseUrl: string,
): Promise<{ url: string; email: string; expiresAt: Date }> {
  const target = await db.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: ctx.workspaceId, userId: targetUserId } },
    select: { user: { select: { id: true, email: true } } },
  });
  if (!target) throw new ActionError("NOT_FOUND", "That member could not be found.");
  if (targetUserId === ctx.actor.id) {
    throw new ActionError("FORBIDDEN", "Change your own password from your account page.");
  }
  if (!(await canIssueResetLink(ctx.actor.id, targetUserId))) {
    throw new ActionError(
      "FORBIDDEN",
      "You cannot make a reset link for this person: their role, here or in another workspace they belong to, is above what you manage. They can reset it by e-mail, or an owner can.",
    );
  }
  const { token, tokenHash } = createSecret();
  const expiresAt = new Date(Date.now() + RESET_BY_ADMIN_TTL_HOURS * 60 * 60_000);
  await db.$transaction(async (tx) => {
    // A new link replaces any unused one.
    await tx.passwordResetToken.updateMany({ where: { userId: targetUserId, usedAt: null }, data: { usedAt: new Date() } });
    await tx.passwordResetToken.create({
      data: { userId: targetUserId, tokenHash, expiresAt, createdById: ctx.actor.id, issuedInWorkspaceId: ctx.workspaceId },
    });
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      { action: "member.reset_link_created", targetType: "user", targetId: targetUserId, metadata: { email: target.user.email } },
      tx,
    );
  });
  return { url: resetUrl(baseUrl, token), email: target.user.email, expiresAt };
}

// ---------------------------------------------------------------------------------------------
// Using a link

export type ResetLinkState = { ok: true; email: string } | { ok: false; message: string };

const INVALID = "This reset link is not valid. Check that you copied the whole link, or ask for a new one.";
const EXPIRED = "This reset link has expired. Ask for a new one.";
const USED = "This reset link has already been used. Ask for a new one if you still need it.";

async function findLink(token: string) {
  const parsed = resetTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  return db.passwordResetToken.findUnique({
    where: { tokenHash: hashSecret(parsed.data) },
    select: { id: true, userId: true, expiresAt: true, usedAt: true, user: { select: { email: true, name: true } } },
  });
}

/** What the reset page shows for a link, without using it. */
export async function resetLinkState(token: string, now = new Date()): Promise<ResetLinkState> {
  const link = await findLink(token);
  if (!link) return { ok: false, message: INVALID };
  if (link.usedAt) return { ok: false, message: USED };
  if (link.expiresAt <= now) return { ok: false, message: EXPIRED };
  return { ok: true, email: link.user.email };
}

/**
 * Sets a new password with a link: checked like any new password, then — in one transaction — the
 * password is stored, the link (and every other unused one) is spent and every session ends.
 */
export async function resetPasswordWithToken(token: string, password: string): Promise<{ email: string }> {
  const link = await findLink(token);
  if (!link) throw new ActionError("BAD_REQUEST", INVALID);
  const strong = strongPassword(z.object({ password: newPassword, email: z.string(), name: z.string() })).safeParse({
    password,
    email: link.user.email,
    name: link.user.name ?? "",
  });
  if (!strong.success) {
    const messages = strong.error.issues.map((i) => i.message);
    throw new ActionError("VALIDATION", "Please choose another password.", { password: messages });
  }
  const passwordHash = await hashPassword(password);
  const now = new Date();
  await db.$transaction(async (tx) => {
    // Spend the link only if it is still unused and unexpired: two tabs racing cannot both use it.
    const spent = await tx.passwordResetToken.updateMany({
      where: { id: link.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (spent.count !== 1) throw new ActionError("CONFLICT", link.usedAt ? USED : link.expiresAt <= now ? EXPIRED : USED);
    await tx.passwordResetToken.updateMany({ where: { userId: link.userId, usedAt: null }, data: { usedAt: now } });
    await tx.user.update({ where: { id: link.userId }, data: { passwordHash } });
    await endAllSessions(link.userId, tx);
  });
  return { email: link.user.email };
}
