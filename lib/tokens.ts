import { createHash, randomBytes } from "node:crypto";

/**
 * Secret tokens handed out in links (invitations, password resets, persona share links): 256-bit
 * random secrets in base64url, of which only the SHA-256 is stored. A lookup hashes what it is
 * given and compares hashes, so a database dump holds no working link.
 *
 * A workspace-scoped token also carries its workspace id in the clear, so the lookup stays on the
 * workspace's key: `<workspace id, base64url>.<secret, base64url>`.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** A bare secret (43 base64url characters) and its hash. */
export function createSecret(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashSecret(token) };
}

export function createWorkspaceToken(workspaceId: string): { token: string; tokenHash: string } {
  const { token: secret, tokenHash } = createSecret();
  const ws = Buffer.from(workspaceId.replace(/-/g, ""), "hex").toString("base64url");
  return { token: `${ws}.${secret}`, tokenHash };
}

/** The workspace id and the hash of the secret of a well-formed token; null for anything else. */
export function parseWorkspaceToken(token: string): { workspaceId: string; tokenHash: string } | null {
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match?.[1] || !match[2]) return null;
  const hex = Buffer.from(match[1], "base64url").toString("hex");
  if (hex.length !== 32) return null;
  const workspaceId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { workspaceId, tokenHash: hashSecret(match[2]) };
}
