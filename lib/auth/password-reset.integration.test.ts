import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import {
  canIssueResetLink,
  issueResetLinkForMember,
  requestResetByEmail,
  resetLinkState,
  resetPasswordWithToken,
} from "@/lib/auth/password-reset";
import { ActionError } from "@/lib/errors";
import { createTestWorkspace } from "@/lib/segments/test-fixtures";

let n = 0;
async function user(label: string) {
  n += 1;
  return db.user.create({
    data: { email: `${label}-${n}-${Date.now()}@example.test`, name: label, passwordHash: await hashPassword("old-password-kept-1") },
  });
}
const join = (workspaceId: string, userId: string, role: Role) => db.membership.create({ data: { workspaceId, userId, role } });
const tokenOf = (url: string) => url.split("/reset-password/")[1] ?? "";
const NEW_PASSWORD = "quiet-lantern-orchard-47";

describe("who may make a reset link", () => {
  it("needs a role that could assign the member's role in every workspace the member belongs to", async () => {
    const [w1, w2] = [await createTestWorkspace(db), await createTestWorkspace(db)];
    const [owner, admin, editor, wanderer, otherOwner] = await Promise.all(["owner", "admin", "editor", "wanderer", "other"].map(user));
    await Promise.all([
      join(w1, owner!.id, "OWNER"),
      join(w1, admin!.id, "ADMIN"),
      join(w1, editor!.id, "EDITOR"),
      join(w1, wanderer!.id, "VIEWER"),
      join(w2, wanderer!.id, "OWNER"),
      join(w2, otherOwner!.id, "OWNER"),
    ]);
    expect(await canIssueResetLink(admin!.id, editor!.id)).toBe(true);
    expect(await canIssueResetLink(owner!.id, admin!.id)).toBe(true);
    expect(await canIssueResetLink(admin!.id, owner!.id)).toBe(false); // above the admin
    expect(await canIssueResetLink(admin!.id, wanderer!.id)).toBe(false); // owns a workspace the admin is not in
    expect(await canIssueResetLink(owner!.id, wanderer!.id)).toBe(false);
    expect(await canIssueResetLink(editor!.id, editor!.id)).toBe(false); // oneself: the account page
    await expect(
      issueResetLinkForMember({ workspaceId: w1, actor: { id: admin!.id, email: admin!.email } }, wanderer!.id, "http://app.test"),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.passwordResetToken.count({ where: { userId: wanderer!.id } })).toBe(0);
    await expect(
      issueResetLinkForMember({ workspaceId: w1, actor: { id: admin!.id, email: admin!.email } }, otherOwner!.id, "http://app.test"),
    ).rejects.toMatchObject({ code: "NOT_FOUND" }); // not a member of this workspace
  });
});

describe("an admin's reset link", () => {
  it("works once, replaces an earlier link, ends every session and is audited", async () => {
    const ws = await createTestWorkspace(db);
    const [admin, member] = [await user("admin"), await user("member")];
    await join(ws, admin.id, "ADMIN");
    await join(ws, member.id, "EDITOR");
    const ctx = { workspaceId: ws, actor: { id: admin.id, email: admin.email } };

    const first = await issueResetLinkForMember(ctx, member.id, "http://app.test/");
    expect(first.url).toMatch(/^http:\/\/app\.test\/reset-password\/[A-Za-z0-9_-]{43}$/);
    const second = await issueResetLinkForMember(ctx, member.id, "http://app.test");
    expect(await resetLinkState(tokenOf(first.url))).toEqual({ ok: false, message: expect.stringMatching(/already been used/) });
    expect(await resetLinkState(tokenOf(second.url))).toEqual({ ok: true, email: member.email });
    const audit = await db.auditLog.findMany({ where: { workspaceId: ws, action: "member.reset_link_created" } });
    expect(audit).toHaveLength(2);
    expect(audit[0]?.targetId).toBe(member.id);

    // A weak password is refused and spends nothing.
    await expect(resetPasswordWithToken(tokenOf(second.url), "password1234")).rejects.toMatchObject({ code: "VALIDATION" });
    expect((await resetLinkState(tokenOf(second.url))).ok).toBe(true);

    const before = await db.user.findUniqueOrThrow({ where: { id: member.id } });
    await expect(resetPasswordWithToken(tokenOf(second.url), NEW_PASSWORD)).resolves.toEqual({ email: member.email });
    const after = await db.user.findUniqueOrThrow({ where: { id: member.id } });
    expect(await verifyPassword(after.passwordHash!, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(after.passwordHash!, "old-password-kept-1")).toBe(false);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);

    // Used once: a replay changes nothing.
    await expect(resetPasswordWithToken(tokenOf(second.url), "another-fine-passphrase-9")).rejects.toBeInstanceOf(ActionError);
    const replayed = await db.user.findUniqueOrThrow({ where: { id: member.id } });
    expect(await verifyPassword(replayed.passwordHash!, NEW_PASSWORD)).toBe(true);
  });

  it("refuses expired, unknown and malformed links with a message", async () => {
    const ws = await createTestWorkspace(db);
    const [admin, member] = [await user("admin"), await user("member")];
    await join(ws, admin.id, "OWNER");
    await join(ws, member.id, "VIEWER");
    const link = await issueResetLinkForMember({ workspaceId: ws, actor: { id: admin.id, email: admin.email } }, member.id, "http://app.test");
    const later = new Date(Date.now() + 25 * 60 * 60 * 1000);
    expect(await resetLinkState(tokenOf(link.url), later)).toEqual({ ok: false, message: expect.stringMatching(/expired/) });
    await db.passwordResetToken.updateMany({ where: { userId: member.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(resetPasswordWithToken(tokenOf(link.url), NEW_PASSWORD)).rejects.toMatchObject({ code: "CONFLICT" });
    for (const bad of ["", "short", "x".repeat(43), `${"a".repeat(42)}!`]) {
      expect((await resetLinkState(bad)).ok, bad).toBe(false);
      await expect(resetPasswordWithToken(bad, NEW_PASSWORD)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
  });
});

describe("a reset link by e-mail", () => {
  it("says nothing about whether the address has an account, and is limited per address", async () => {
    const member = await user("mailer");
    const send = vi.fn(async () => true);
    const options = { ip: "203.0.113.9", baseUrl: "http://app.test", send, mailConfigured: true };

    expect(await requestResetByEmail(member.email, { ...options, mailConfigured: false })).toBe("no_mail");
    expect(await requestResetByEmail("nobody-here@example.test", options)).toBe("sent");
    expect(send).not.toHaveBeenCalled();

    expect(await requestResetByEmail(` ${member.email.toUpperCase()} `, options)).toBe("sent");
    expect(send).toHaveBeenCalledTimes(1);
    const [to, url] = send.mock.calls[0] as unknown as [string, string];
    expect(to).toBe(member.email);
    expect(await resetLinkState(tokenOf(url))).toEqual({ ok: true, email: member.email });

    expect(await requestResetByEmail(member.email, options)).toBe("sent");
    expect(await requestResetByEmail(member.email, options)).toBe("sent");
    expect(await requestResetByEmail(member.email, options)).toBe("rate_limited");
    expect(send).toHaveBeenCalledTimes(3);
  });
});
