"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { canAssignRole, ROLE_LABELS } from "@/lib/auth/permissions";
import { endAllSessions } from "@/lib/auth/session-version";
import { recordAudit } from "@/lib/dal/audit";
import { ActionError, forbidden, notFound } from "@/lib/errors";
import {
  createInviteToken,
  INVITATION_MESSAGES,
  INVITE_TTL_DAYS,
  invitationState,
  inviteUrl,
  parseInviteToken,
} from "@/lib/invitations";
import { sendMail } from "@/lib/mail";
import { userAction, workspaceAction } from "@/lib/actions/safe-action";
import {
  acceptInviteSchema,
  changeRoleSchema,
  invitationIdSchema,
  inviteSchema,
  memberSchema,
} from "@/lib/validations/workspace";

const settingsPath = (slug: string) => `/w/${slug}/settings`;

async function assertNotLastOwner(tx: Prisma.TransactionClient, workspaceId: string, message: string) {
  const owners = await tx.membership.count({ where: { workspaceId, role: "OWNER" } });
  if (owners <= 1) throw new ActionError("CONFLICT", message);
}

export const inviteMember = workspaceAction("members.manage", inviteSchema, async ({ email, role }, ctx) => {
  if (!canAssignRole(ctx.role, role)) throw forbidden("Only an owner can invite another owner.");
  const existingUser = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existingUser) {
    const member = await db.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: ctx.workspace.id, userId: existingUser.id } },
    });
    if (member) {
      throw new ActionError("CONFLICT", `${email} is already a member.`, { email: [`${email} is already a member.`] });
    }
  }
  const { token, tokenHash } = createInviteToken(ctx.workspace.id);
  const now = new Date();
  await db.$transaction(async (tx) => {
    // A new invitation replaces any pending one for the same address.
    await tx.invitation.updateMany({
      where: { workspaceId: ctx.workspace.id, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const invitation = await tx.invitation.create({
      data: {
        workspaceId: ctx.workspace.id,
        email,
        role,
        tokenHash,
        invitedById: ctx.user.id,
        expiresAt: new Date(now.getTime() + INVITE_TTL_DAYS * 24 * 60 * 60 * 1000),
      },
    });
    await recordAudit(
      ctx.workspace.id,
      ctx.user,
      { action: "invitation.created", targetType: "invitation", targetId: invitation.id, metadata: { email, role } },
      tx,
    );
  });
  const url = inviteUrl(env().APP_URL, token);
  const emailed = await sendMail({
    to: email,
    subject: `You're invited to ${ctx.workspace.name} on Segmently`,
    text: `${ctx.user.name ?? ctx.user.email} invited you to join ${ctx.workspace.name} as ${ROLE_LABELS[role]}.\n\nAccept: ${url}\n\nThe link expires in ${INVITE_TTL_DAYS} days.`,
  });
  revalidatePath(settingsPath(ctx.workspace.slug));
  return { url, emailed };
});

export const revokeInvitation = workspaceAction("members.manage", invitationIdSchema, async ({ invitationId }, ctx) => {
  await db.$transaction(async (tx) => {
    const updated = await tx.invitation.updateMany({
      where: { workspaceId: ctx.workspace.id, id: invitationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (updated.count === 0) throw notFound("That invitation");
    await recordAudit(ctx.workspace.id, ctx.user, { action: "invitation.revoked", targetType: "invitation", targetId: invitationId }, tx);
  });
  revalidatePath(settingsPath(ctx.workspace.slug));
  return { revoked: true };
});

export const changeMemberRole = workspaceAction("members.manage", changeRoleSchema, async ({ userId, role }, ctx) => {
  await db.$transaction(async (tx) => {
    const member = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: ctx.workspace.id, userId } },
    });
    if (!member) throw notFound("That member");
    if (member.role === role) return;
    if (!canAssignRole(ctx.role, role) || !canAssignRole(ctx.role, member.role)) {
      throw forbidden("Only an owner can change who is an owner.");
    }
    if (member.role === "OWNER") {
      await assertNotLastOwner(tx, ctx.workspace.id, "The last owner cannot be demoted. Make another member an owner first.");
    }
    await tx.membership.update({
      where: { workspaceId_userId: { workspaceId: ctx.workspace.id, userId } },
      data: { role },
    });
    await recordAudit(
      ctx.workspace.id,
      ctx.user,
      { action: "member.role_changed", targetType: "user", targetId: userId, metadata: { from: member.role, to: role } },
      tx,
    );
  });
  revalidatePath(settingsPath(ctx.workspace.slug));
  return { role: role as Role };
});

export const removeMember = workspaceAction("members.manage", memberSchema, async ({ userId }, ctx) => {
  if (userId === ctx.user.id) throw new ActionError("BAD_REQUEST", "To remove yourself, use “Leave workspace”.");
  await db.$transaction(async (tx) => {
    const member = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: ctx.workspace.id, userId } },
      include: { user: { select: { email: true } } },
    });
    if (!member) throw notFound("That member");
    if (member.role === "OWNER") {
      if (ctx.role !== "OWNER") throw forbidden("Only an owner can remove an owner.");
      await assertNotLastOwner(tx, ctx.workspace.id, "The last owner cannot be removed.");
    }
    await tx.membership.delete({ where: { workspaceId_userId: { workspaceId: ctx.workspace.id, userId } } });
    // The removed member's open sessions end too (on every device), so nothing they had loaded
    // keeps working; they sign in again to their other workspaces.
    await endAllSessions(userId, tx);
    await recordAudit(
      ctx.workspace.id,
      ctx.user,
      { action: "member.removed", targetType: "user", targetId: userId, metadata: { email: member.user.email } },
      tx,
    );
  });
  revalidatePath(settingsPath(ctx.workspace.slug));
  return { removed: true };
});

export const acceptInvitation = userAction(acceptInviteSchema, async ({ token }, { user }) => {
  const parsed = parseInviteToken(token);
  if (!parsed) throw new ActionError("BAD_REQUEST", INVITATION_MESSAGES.invalid);
  const slug = await db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({
      where: { workspaceId_tokenHash: { workspaceId: parsed.workspaceId, tokenHash: parsed.tokenHash } },
      include: { workspace: { select: { slug: true } } },
    });
    if (!invitation) throw new ActionError("BAD_REQUEST", INVITATION_MESSAGES.invalid);
    const state = invitationState(invitation);
    if (state !== "valid") throw new ActionError("BAD_REQUEST", INVITATION_MESSAGES[state]);
    if (invitation.email !== user.email.toLowerCase()) {
      throw new ActionError(
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
    if (claimed.count !== 1) throw new ActionError("BAD_REQUEST", INVITATION_MESSAGES.accepted);
    await recordAudit(
      invitation.workspaceId,
      user,
      { action: "invitation.accepted", targetType: "invitation", targetId: invitation.id, metadata: { role: invitation.role } },
      tx,
    );
    return invitation.workspace.slug;
  });
  redirect(`/w/${slug}`);
});
