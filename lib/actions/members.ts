"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { userAction, workspaceAction } from "@/lib/actions/safe-action";
import * as members from "@/lib/workspaces/member-service";
import { acceptInviteSchema, changeRoleSchema, invitationIdSchema, inviteSchema, memberSchema } from "@/lib/validations/workspace";

/** Members and invitations: thin adapters over lib/workspaces/member-service.ts. */
const refresh = (slug: string) => revalidatePath(`/w/${slug}/settings`);

export const inviteMember = workspaceAction("members.manage", inviteSchema, async (input, ctx) => {
  const result = await members.inviteMember(ctx.service, ctx.workspace.name, input);
  refresh(ctx.workspace.slug);
  return result;
});

export const revokeInvitation = workspaceAction("members.manage", invitationIdSchema, async ({ invitationId }, ctx) => {
  const result = await members.revokeInvitation(ctx.service, invitationId);
  refresh(ctx.workspace.slug);
  return result;
});

export const changeMemberRole = workspaceAction("members.manage", changeRoleSchema, async (input, ctx) => {
  const result = await members.changeMemberRole(ctx.service, input);
  refresh(ctx.workspace.slug);
  return result;
});

export const removeMember = workspaceAction("members.manage", memberSchema, async ({ userId }, ctx) => {
  const result = await members.removeMember(ctx.service, userId);
  refresh(ctx.workspace.slug);
  return result;
});

export const acceptInvitation = userAction(acceptInviteSchema, async ({ token }, { user }) => {
  const slug = await members.acceptInvitation(user, token);
  redirect(`/w/${slug}`);
});
