import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";

// Auth.js itself (cookies, JWT encryption) is the only thing replaced: `auth()` returns whatever
// session the test holds, built by the app's real jwt/session callbacks, as Auth.js would.
const current = vi.hoisted(() => ({ session: null as Session | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => current.session }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

const { callbacks, events } = await import("@/lib/auth/callbacks");
const { userForSession } = await import("@/lib/auth/session");
const { checkCredentials } = await import("@/lib/auth/credentials");
const { removeMember } = await import("@/lib/actions/members");
const { changePassword } = await import("@/lib/actions/account");

const isRedirectTo = (target: RegExp) => (error: unknown) =>
  error instanceof Error && "digest" in error && target.test(String((error as { digest: unknown }).digest));

let n = 0;
async function makeUser(label: string) {
  n += 1;
  return db.user.create({ data: { email: `${label}-${n}-${Date.now()}@example.test`, name: label } });
}

/** What Auth.js does at sign-in: the jwt callback with the user, then the session callback. */
async function signInAs(userId: string): Promise<{ token: JWT; session: Session }> {
  const token = await callbacks.jwt({ token: {}, user: { id: userId }, account: null, trigger: "signIn" } as Parameters<
    typeof callbacks.jwt
  >[0]);
  return { token: token as JWT, session: await sessionFrom(token as JWT) };
}

async function sessionFrom(token: JWT): Promise<Session> {
  const base = { user: { id: "", email: "", name: null }, expires: new Date(Date.now() + 3600_000).toISOString() };
  return (await callbacks.session({ session: base, token } as Parameters<typeof callbacks.session>[0])) as Session;
}

beforeEach(() => {
  current.session = null;
});

describe("sessions end on the server", () => {
  it("a session copied before sign-out is refused after it, on every device", async () => {
    const user = await makeUser("copier");
    const first = await signInAs(user.id);
    const otherDevice = await signInAs(user.id);
    expect(await userForSession(first.session)).toMatchObject({ id: user.id });

    // Auth.js calls the signOut event with the token being signed out.
    await events.signOut({ token: first.token });

    // The same token, replayed later (the JWT itself is still valid and unexpired), is refused.
    expect(await userForSession(await sessionFrom(first.token))).toBeNull();
    expect(await userForSession(otherDevice.session)).toBeNull();
    // Signing in again works.
    expect(await userForSession((await signInAs(user.id)).session)).toMatchObject({ id: user.id });
  });

  it("refuses a session without a version (issued before versions existed) and a deleted user's", async () => {
    const user = await makeUser("legacy");
    const legacy = { user: { id: user.id }, expires: new Date(Date.now() + 3600_000).toISOString() } as Session;
    expect(await userForSession(legacy)).toBeNull();
    const { session } = await signInAs(user.id);
    await db.user.delete({ where: { id: user.id } });
    expect(await userForSession(session)).toBeNull();
  });

  it("removing a member from a workspace ends that member's sessions", async () => {
    const admin = await makeUser("admin");
    const member = await makeUser("member");
    const ws = await db.workspace.create({ data: { name: "Sessions", slug: `sessions-${Date.now()}` } });
    await db.membership.createMany({
      data: [
        { workspaceId: ws.id, userId: admin.id, role: "ADMIN" },
        { workspaceId: ws.id, userId: member.id, role: "EDITOR" },
      ],
    });
    const memberSession = (await signInAs(member.id)).session;
    expect(await userForSession(memberSession)).toMatchObject({ id: member.id });

    current.session = (await signInAs(admin.id)).session;
    expect(await removeMember(ws.id, { userId: member.id })).toMatchObject({ ok: true });

    expect(await userForSession(memberSession)).toBeNull();
    // The admin's own session is untouched.
    expect(await userForSession(current.session)).toMatchObject({ id: admin.id });
  });
});

describe("changing the password", () => {
  it("checks the current password, refuses a weak new one, then ends every session", async () => {
    const email = `changer-${Date.now()}@example.test`;
    const user = await db.user.create({ data: { email, name: "Chris Changer", passwordHash: await hashPassword("violet-kettle-harbour") } });
    const otherDevice = (await signInAs(user.id)).session;
    current.session = (await signInAs(user.id)).session;

    expect(await changePassword({ currentPassword: "wrong-password", password: "amber-lantern-meadow" })).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: ["The current password is incorrect."] },
    });
    const weak = await changePassword({ currentPassword: "violet-kettle-harbour", password: "Password123!" });
    expect(weak).toMatchObject({ ok: false, code: "VALIDATION" });
    if (!weak.ok) expect(weak.fieldErrors?.password?.[0]).toMatch(/too easy to guess/);
    const personal = await changePassword({ currentPassword: "violet-kettle-harbour", password: "chrischanger!" });
    expect(personal).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await userForSession(otherDevice)).toMatchObject({ id: user.id });

    await expect(changePassword({ currentPassword: "violet-kettle-harbour", password: "amber-lantern-meadow" })).rejects.toSatisfy(
      isRedirectTo(/\/sign-in\?.*notice=password-changed/),
    );
    expect(await userForSession(current.session)).toBeNull();
    expect(await userForSession(otherDevice)).toBeNull();
    expect(await checkCredentials({ email, password: "violet-kettle-harbour" }, new Headers())).toMatchObject({ ok: false });
    expect(await checkCredentials({ email, password: "amber-lantern-meadow" }, new Headers())).toMatchObject({ ok: true });
  });
});

describe("password sign-in", () => {
  const PASSWORD = "violet-kettle-harbour";
  let email = "";

  beforeAll(async () => {
    email = `locked-${Date.now()}@example.test`;
    await db.user.create({ data: { email, name: "Locked", passwordHash: await hashPassword(PASSWORD) } });
  });

  it("accepts the right password and refuses a wrong one the same way as an unknown e-mail", async () => {
    const headers = new Headers();
    expect(await checkCredentials({ email, password: PASSWORD }, headers)).toMatchObject({ ok: true, user: { email } });
    const wrong = await checkCredentials({ email, password: "not-the-password" }, headers);
    const unknown = await checkCredentials({ email: `nobody-${Date.now()}@example.test`, password: "x" }, headers);
    expect(wrong).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(unknown).toEqual(wrong);
  });

  it("after repeated failures from rotating forwarded addresses, even the right password waits", async () => {
    const email = `rotating-${Date.now()}@example.test`;
    await db.user.create({ data: { email, name: "Rotating", passwordHash: await hashPassword(PASSWORD) } });
    let limited = false;
    for (let i = 0; i < 11 && !limited; i++) {
      const headers = new Headers({ "x-forwarded-for": `198.51.100.${i}` });
      const outcome = await checkCredentials({ email, password: `guess-${i}` }, headers);
      limited = !outcome.ok && outcome.reason === "rate_limited";
    }
    expect(limited).toBe(false); // ten free attempts, then the eleventh opens the first backoff window
    const outcome = await checkCredentials({ email, password: PASSWORD }, new Headers({ "x-forwarded-for": "192.0.2.1" }));
    expect(outcome).toMatchObject({ ok: false, reason: "rate_limited" });
    if (!outcome.ok) expect(outcome.retryAfterSeconds).toBeGreaterThan(0);
  });
});
