import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { createInviteToken } from "@/lib/invitations";

// The session is the only thing faked: every action below runs its real chain against the database.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () =>
    session.userId ? db.user.findUnique({ where: { id: session.userId }, select: { id: true, email: true, name: true } }) : null,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { updateWorkspace, createWorkspace, leaveWorkspace, deleteWorkspace } = await import("@/lib/actions/workspaces");
const { inviteMember, changeMemberRole, removeMember, acceptInvitation, revokeInvitation } = await import("@/lib/actions/members");

const ROLES: Role[] = ["OWNER", "ADMIN", "EDITOR", "VIEWER"];
let workspaceId = "";
let slug = "";
const users: Record<Role | "outsider", string> = { OWNER: "", ADMIN: "", EDITOR: "", VIEWER: "", outsider: "" };
let n = 0;

async function makeUser(label: string) {
  n += 1;
  const user = await db.user.create({ data: { email: `${label.toLowerCase()}-${n}@example.test`, name: label } });
  return user.id;
}

beforeAll(async () => {
  slug = `perm-${Date.now()}`;
  const ws = await db.workspace.create({ data: { name: "Permissions", slug } });
  workspaceId = ws.id;
  for (const role of ROLES) {
    users[role] = await makeUser(role);
    await db.membership.create({ data: { workspaceId, userId: users[role], role } });
  }
  users.outsider = await makeUser("Outsider");
});

beforeEach(() => {
  session.userId = null;
});

describe("workspace actions check membership and role on the server", () => {
  it("refuses a caller who is not signed in", async () => {
    const result = await updateWorkspace(workspaceId, { name: "Nope", slug });
    expect(result).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });

  it("answers a non-member exactly as for an unknown workspace", async () => {
    session.userId = users.outsider;
    const foreign = await updateWorkspace(workspaceId, { name: "Taken over", slug });
    const unknown = await updateWorkspace("00000000-0000-4000-8000-000000000000", { name: "Taken over", slug });
    expect(foreign).toEqual(unknown);
    expect(foreign).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).name).toBe("Permissions");
  });

  it("refuses a malformed workspace id without touching the database", async () => {
    session.userId = users.OWNER;
    expect(await updateWorkspace("'; drop table \"Workspace\"; --", { name: "x", slug })).toMatchObject({ code: "NOT_FOUND" });
  });

  it.each(ROLES)("renaming as %s follows the permission map", async (role) => {
    session.userId = users[role];
    const result = await updateWorkspace(workspaceId, { name: `Renamed by ${role}`, slug });
    const allowed = (PERMISSIONS["workspace.update"] as readonly Role[]).includes(role);
    expect(result.ok).toBe(allowed);
    if (!allowed) expect(result).toMatchObject({ code: "FORBIDDEN", error: "Your role does not allow this." });
    const audit = await db.auditLog.count({ where: { workspaceId, action: "workspace.updated", actorId: users[role] } });
    expect(audit).toBe(allowed ? 1 : 0);
  });

  it.each(ROLES)("inviting as %s follows the permission map", async (role) => {
    session.userId = users[role];
    const result = await inviteMember(workspaceId, { email: `invitee-${role.toLowerCase()}@example.test`, role: "VIEWER" });
    expect(result.ok).toBe((PERMISSIONS["members.manage"] as readonly Role[]).includes(role));
  });

  it.each(ROLES)("deleting the workspace as %s is refused unless OWNER (and needs the typed slug)", async (role) => {
    session.userId = users[role];
    const result = await deleteWorkspace(workspaceId, { confirmation: "wrong" });
    if (role === "OWNER") {
      expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { confirmation: [`Type ${slug} to confirm.`] } });
    } else {
      expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect(await db.workspace.count({ where: { id: workspaceId } })).toBe(1);
  });

  it("returns field errors for bad input", async () => {
    session.userId = users.OWNER;
    const result = await updateWorkspace(workspaceId, { name: "x".repeat(61), slug: "Not A Slug!" });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    if (!result.ok) {
      expect(result.fieldErrors?.name).toEqual(["Use at most 60 characters."]);
      expect(result.fieldErrors?.slug?.[0]).toMatch(/lowercase letters/);
    }
  });
});

describe("members", () => {
  it("an admin cannot make anyone an owner, nor demote an owner", async () => {
    session.userId = users.ADMIN;
    expect(await changeMemberRole(workspaceId, { userId: users.EDITOR, role: "OWNER" })).toMatchObject({ code: "FORBIDDEN" });
    expect(await changeMemberRole(workspaceId, { userId: users.OWNER, role: "VIEWER" })).toMatchObject({ code: "FORBIDDEN" });
    expect(await removeMember(workspaceId, { userId: users.OWNER })).toMatchObject({ code: "FORBIDDEN" });
  });

  it("the last owner can neither be demoted nor leave", async () => {
    session.userId = users.OWNER;
    expect(await changeMemberRole(workspaceId, { userId: users.OWNER, role: "ADMIN" })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
    expect(await leaveWorkspace(workspaceId, {})).toMatchObject({ ok: false, code: "CONFLICT" });
    const owner = await db.membership.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId, userId: users.OWNER } } });
    expect(owner.role).toBe("OWNER");
  });

  it("a role change and a removal are written to the audit log", async () => {
    session.userId = users.OWNER;
    const extra = await makeUser("Temp");
    await db.membership.create({ data: { workspaceId, userId: extra, role: "VIEWER" } });
    expect(await changeMemberRole(workspaceId, { userId: extra, role: "EDITOR" })).toMatchObject({ ok: true });
    expect(await removeMember(workspaceId, { userId: extra })).toMatchObject({ ok: true });
    const actions = (await db.auditLog.findMany({ where: { workspaceId, targetId: extra }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["member.role_changed", "member.removed"]);
  });
});

describe("invitations", () => {
  async function invitation(email: string, overrides: { expiresAt?: Date; revokedAt?: Date } = {}) {
    const { token, tokenHash } = createInviteToken(workspaceId);
    const inv = await db.invitation.create({
      data: { workspaceId, email, role: "EDITOR", tokenHash, expiresAt: overrides.expiresAt ?? new Date(Date.now() + 86_400_000), revokedAt: overrides.revokedAt },
    });
    return { token, id: inv.id };
  }

  it("accepts once, for the invited address only; expired and revoked tokens explain themselves", async () => {
    const invitee = await makeUser("Invitee");
    const email = (await db.user.findUniqueOrThrow({ where: { id: invitee } })).email;
    session.userId = invitee;

    const expired = await invitation(email, { expiresAt: new Date(Date.now() - 1000) });
    expect(await acceptInvitation({ token: expired.token })).toMatchObject({ ok: false, error: expect.stringMatching(/expired/) });
    const revoked = await invitation(email, { revokedAt: new Date() });
    expect(await acceptInvitation({ token: revoked.token })).toMatchObject({ ok: false, error: expect.stringMatching(/withdrawn/) });
    const someoneElse = await invitation("someone.else@example.test");
    expect(await acceptInvitation({ token: someoneElse.token })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await acceptInvitation({ token: "garbage-token-value" })).toMatchObject({ ok: false, error: expect.stringMatching(/not valid/) });

    const good = await invitation(email);
    await expect(acceptInvitation({ token: good.token })).rejects.toThrow(/NEXT_REDIRECT/);
    const membership = await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId: invitee } } });
    expect(membership?.role).toBe("EDITOR");
    expect(await acceptInvitation({ token: good.token })).toMatchObject({ ok: false, error: "This invitation has already been used." });
  });

  it("a revoked invitation cannot be revoked twice, nor another workspace's", async () => {
    session.userId = users.OWNER;
    const inv = await invitation("revoke-me@example.test");
    expect(await revokeInvitation(workspaceId, { invitationId: inv.id })).toMatchObject({ ok: true });
    expect(await revokeInvitation(workspaceId, { invitationId: inv.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});

describe("creating workspaces", () => {
  it("derives a unique slug and makes the creator the owner", async () => {
    session.userId = users.outsider;
    const a = await createWorkspace({ name: "Globex Marketing" });
    const b = await createWorkspace({ name: "Globex Marketing" });
    expect(a).toMatchObject({ ok: true, data: { slug: "globex-marketing" } });
    expect(b).toMatchObject({ ok: true, data: { slug: "globex-marketing-2" } });
    const taken = await createWorkspace({ name: "Other", slug: "globex-marketing" });
    expect(taken).toMatchObject({ ok: false, fieldErrors: { slug: ["That address is already taken. Try another one."] } });
    const ws = await db.workspace.findUniqueOrThrow({ where: { slug: "globex-marketing" }, include: { memberships: true } });
    expect(ws.memberships).toEqual([expect.objectContaining({ userId: users.outsider, role: "OWNER" })]);
  });
});
