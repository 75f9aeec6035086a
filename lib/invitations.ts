import { createHash, randomBytes } from "node:crypto";

/**
 * Invite tokens carry the workspace id (so the lookup stays on the workspace's key) and a 256-bit
 * secret of which only the SHA-256 is stored: `<workspace id, base64url>.<secret, base64url>`.
 */
export const INVITE_TTL_DAYS = 7;

export function createInviteToken(workspaceId: string): { token: string; tokenHash: string } {
  const secret = randomBytes(32).toString("base64url");
  const ws = Buffer.from(workspaceId.replace(/-/g, ""), "hex").toString("base64url");
  return { token: `${ws}.${secret}`, tokenHash: hashSecret(secret) };
}

export function parseInviteToken(token: string): { workspaceId: string; tokenHash: string } | null {
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match?.[1] || !match[2]) return null;
  const hex = Buffer.from(match[1], "base64url").toString("hex");
  if (hex.length !== 32) return null;
  const workspaceId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { workspaceId, tokenHash: hashSecret(match[2]) };
}

function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
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
