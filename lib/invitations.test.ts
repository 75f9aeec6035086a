import { describe, expect, it } from "vitest";
import { createInviteToken, invitationState, parseInviteToken } from "@/lib/invitations";

describe("invite tokens", () => {
  const workspaceId = "3f1c2b9a-8d7e-4c6b-9a5f-1e2d3c4b5a69";

  it("round-trips the workspace id and hashes only the secret", () => {
    const { token, tokenHash } = createInviteToken(workspaceId);
    expect(token).not.toContain(tokenHash);
    expect(parseInviteToken(token)).toEqual({ workspaceId, tokenHash });
  });

  it("gives different secrets each time", () => {
    expect(createInviteToken(workspaceId).token).not.toBe(createInviteToken(workspaceId).token);
  });

  it.each(["", "abc", "a.b", `${"A".repeat(22)}.${"B".repeat(42)}`, `${"A".repeat(22)}.${"B".repeat(43)}x`, "../../etc/passwd"])(
    "rejects the malformed token %j",
    (token) => {
      expect(parseInviteToken(token)).toBeNull();
    },
  );

  it("tells expired, revoked and accepted apart, in that order of precedence", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    const future = new Date("2026-06-02T00:00:00Z");
    const past = new Date("2026-05-01T00:00:00Z");
    expect(invitationState({ expiresAt: future, acceptedAt: null, revokedAt: null }, now)).toBe("valid");
    expect(invitationState({ expiresAt: now, acceptedAt: null, revokedAt: null }, now)).toBe("expired");
    expect(invitationState({ expiresAt: future, acceptedAt: past, revokedAt: null }, now)).toBe("accepted");
    expect(invitationState({ expiresAt: past, acceptedAt: null, revokedAt: past }, now)).toBe("revoked");
  });
});
