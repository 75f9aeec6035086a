import "server-only";
import { db } from "@/lib/db";
import { parseInviteToken } from "@/lib/invitations";

/** The invitation behind a token, with its workspace and inviter, or null when the token matches none. */
export async function findInvitationByToken(token: string) {
  const parsed = parseInviteToken(token);
  if (!parsed) return null;
  const invitation = await db.invitation.findUnique({
    where: { workspaceId_tokenHash: { workspaceId: parsed.workspaceId, tokenHash: parsed.tokenHash } },
    include: { workspace: { select: { name: true, slug: true } } },
  });
  if (!invitation) return null;
  const inviter = invitation.invitedById
    ? await db.user.findUnique({ where: { id: invitation.invitedById }, select: { name: true, email: true } })
    : null;
  return { ...invitation, inviter };
}
