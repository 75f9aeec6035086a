import { createWorkspaceToken, parseWorkspaceToken } from "@/lib/tokens";

/**
 * Invite tokens are workspace tokens (lib/tokens.ts): the workspace id, so the lookup stays on the
 * workspace's key, and a 256-bit secret of which only the SHA-256 is stored.
 */
export const INVITE_TTL_DAYS = 7;

export function createInviteToken(workspaceId: string): { token: string; tokenHash: string } {
  return createWorkspaceToken(workspaceId);
}

export function parseInviteToken(token: string): { workspaceId: string; tokenHash: string } | null {
  return parseWorkspaceToken(token);
}

export type InvitationState = "valid" | "expired" | "revoked" | "accepted";

export function invitationState(
  inv: { expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null },
  now = new Date(),
): InvitationState {
  if (inv.revokedAt) return "revoked";
  if (inv.acceptedAt) return "accepted";
  if (inv.expiresAt.getTime() <= now.getTime()) return "expired";
  return "valid";
}

export const INVITATION_MESSAGES: Record<Exclude<InvitationState, "valid"> | "invalid", string> = {
  invalid: "This invitation link is not valid. Check that you copied the whole link.",
  expired: "This invitation has expired. Ask a workspace admin to send you a new one.",
  revoked: "This invitation was withdrawn by a workspace admin.",
  accepted: "This invitation has already been used.",
};

export function inviteUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, "")}/invite/${token}`;
}
