import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { canAssignRole, ROLE_LABELS } from "@/lib/auth/permissions";
import { endAllSessions } from "@/lib/auth/session-version";
import { recordAudit } from "@/lib/dal/audit";
import { authorize, type Actor, type ServiceContext } from "@/lib/domain/context";
import { DomainError, forbidden, notFound } from "@/lib/errors";
import {
  createInviteToken,
  INVITATION_MESSAGES,
  INVITE_TTL_DAYS,
  invitationState,
  inviteUrl,
  parseInviteToken,
} from "@/lib/invitations";
import { sendMail } from "@/lib/mail";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * Members and invitations: invite, revoke, change a role, remove, accept. Owners and admins manage;
 * only an owner may make or unmake an owner. Each write and its audit entry are one transaction.
 */

async function assertNotLastOwner(tx: Prisma.TransactionClient, workspaceId: string, message: string) {
  const owners = await tx.membership.count({ where: { workspaceId, role: "OWNER" } });
  if (owners <= 1) throw new DomainError("CONFLICT", message);
}

export async function inviteMember(ctx: ServiceContext, workspaceName: string, { email, role }: { email: string; role: Role }) {
  authorize(ctx, "members.manage");
  if (!canAssignRole(ctx.role, role)) throw forbidden("Only an owner can invite another owner.");
  const existingUser = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existingUser) {
    const member = await db.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: ctx.workspaceId, userId: existingUser.id } },
    });
    if (member) {
      throw new DomainError("CONFLICT", `${email} is already a member.`, { email: [`${email} is already a member.`] });
    }
  }
  const { token, tokenHash } = createInviteToken(ctx.workspaceId);
  const now = new Date();
  await db.$transaction(async (tx) => {
    // A new invitation replaces any pending one for the same address.
    await tx.invitation.updateMany({
      where: { workspaceId: ctx.workspaceId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const invitation = await tx.invitation.create({
      data: {
        workspaceId: ctx.workspaceId,
        email,
        role,
        tokenHash,
        invitedById: ctx.actor.id,
        expiresAt: new Date(now.getTime() + INVITE_TTL_DAYS * 24 * 60 * 60 * 1000),
      },
    });
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      { action: "invitation.created", targetType: "invitation", targetId: invitation.id, metadata: { email, role } },
      tx,
    );
  });
  const url = inviteUrl(env().APP_URL, token);
  const emailed = await sendMail({
    to: email,
    subject: `You're invited to ${workspaceName} on Segmently`,
    text: `${ctx.actor.name ?? ctx.actor.email} invited you to join ${workspaceName} as ${ROLE_LABELS[role]}.\n\nAccept: ${url}\n\nThe link expires in ${INVITE_TTL_DAYS} days.`,
  });
  return { url, emailed };
}

export async function revokeInvitation(ctx: ServiceContext, invitationId: string) {
  authorize(ctx, "members.manage");
  await db.$transaction(async (tx) => {
    const updated = await tx.invitation.updateMany({
      where: { workspaceId: ctx.workspaceId, id: invitationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (updated.count === 0) throw notFound("That invitation");
    await recordAudit(ctx.workspaceId, ctx.actor, { action: "invitation.revoked", targetType: "invitation", targetId: invitationId }, tx);
  });
  return { revoked: true };
}

export async function changeMemberRole(ctx: ServiceContext, { userId, role }: { userId: string; role: Role }) {
  authorize(ctx, "members.manage");
  await db.$transaction(async (tx) => {
    const member = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: ctx.workspaceId, userId } },
    });
    if (!member) throw notFound("That member");
    if (member.role === role) return;
    if (!canAssignRole(ctx.role, role) || !canAssignRole(ctx.role, member.role)) {
      throw forbidden("Only an owner can change who is an owner.");
    }
    if (member.role === "OWNER") {
      await assertNotLastOwner(tx, ctx.workspaceId, "The last owner cannot be demoted. Make another member an owner first.");
    }
    await tx.membership.update({
      where: { workspaceId_userId: { workspaceId: ctx.workspaceId, userId } },
      data: { role },
    });
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      { action: "member.role_changed", targetType: "user", targetId: userId, metadata: { from: member.role, to: role } },
      tx,
    );
  });
  return { role: role as Role };
}

export async function removeMember(ctx: ServiceContext, userId: string) {
  authorize(ctx, "members.manage");
  if (userId === ctx.actor.id) throw new DomainError("BAD_REQUEST", "To remove yourself, use “Leave workspace”.");
  await db.$transaction(async (tx) => {
    const member = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: ctx.workspaceId, userId } },
      include: { user: { select: { email: true } } },
    });
    if (!member) throw notFound("That member");
    if (member.role === "OWNER") {
      if (ctx.role !== "OWNER") throw forbidden("Only an owner can remove an owner.");
      await assertNotLastOwner(tx, ctx.workspaceId, "The last owner cannot be removed.");
    }
    await tx.membership.delete({ where: { workspaceId_userId: { workspaceId: ctx.workspaceId, userId } } });
    // The removed member's open sessions end too (on every device), so nothing they had loaded
    // keeps working; they sign in again to their other workspaces.
    await endAllSessions(userId, tx);
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      { action: "member.removed", targetType: "user", targetId: userId, metadata: { email: member.user.email } },
      tx,
    );
  });
  return { removed: true };
}

/** Accepts an invitation for the signed-in user; answers the workspace's address. */
export async function acceptInvitation(user: Actor, token: string): Promise<string> {
  const parsed = parseInviteToken(token);
  if (!parsed) throw new DomainError("BAD_REQUEST", INVITATION_MESSAGES.invalid);
  const slug = await db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({
      where: { workspaceId_tokenHash: { workspaceId: parsed.workspaceId, tokenHash: parsed.tokenHash } },
      include: { workspace: { select: { slug: true } } },
    });
    if (!invitation) throw new DomainError("BAD_REQUEST", INVITATION_MESSAGES.invalid);
    const state = invitationState(invitation);
    if (state !== "valid") throw new DomainError("BAD_REQUEST", INVITATION_MESSAGES[state]);
    if (invitation.email !== user.email.toLowerCase()) {
      throw new DomainError(
        "FORBIDDEN",
        `This invitation was sent to ${invitation.email}. Sign in with that address to accept it.`,
      );
    }
    const existing = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: invitation.workspaceId, userId: user.id } },
    });
    if (!existing) {
      await tx.membership.create({ data: { workspaceId: invitation.workspaceId, userId: user.id, role: invitation.role } });
    }
    // Conditional update: a token used twice at the same moment is accepted once.
    const claimed = await tx.invitation.updateMany({
      where: { workspaceId: invitation.workspaceId, id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: new Date(), acceptedById: user.id },
    });
    if (claimed.count !== 1) throw new DomainError("BAD_REQUEST", INVITATION_MESSAGES.accepted);
    await recordAudit(
      invitation.workspaceId,
      user,
      { action: "invitation.accepted", targetType: "invitation", targetId: invitation.id, metadata: { role: invitation.role } },
      tx,
    );
    return invitation.workspace.slug;
  });
  return slug;
}
