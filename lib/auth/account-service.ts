import "server-only";
import { z } from "zod";
import { checkCredentials } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { issueResetLinkForMember, requestResetByEmail } from "@/lib/auth/password-reset";
import { signInLimiter } from "@/lib/auth/rate-limit";
import { endAllSessions } from "@/lib/auth/session-version";
import { db } from "@/lib/db";
import { authorize, type Actor, type ServiceContext } from "@/lib/domain/context";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { sendMail } from "@/lib/mail";
import { email, newPassword, strongPassword } from "@/lib/validations/auth";
import { fieldErrorsOf } from "@/lib/validations/field-errors";

/**
 * Accounts: sign-up, password change, password reset requests and member reset links. Sign-in
 * itself is Auth.js' (lib/auth/credentials.ts).
 */
const newPasswordFor = strongPassword(z.object({ password: newPassword, email, name: z.string() }));

/**
 * Sign-up answers the same whether or not the address already has an account, so it cannot be used
 * to find out who uses Segmently: the password is hashed either way, the account is created only
 * when the address is new (one `insert … on conflict do nothing`), and the caller is sent to sign in.
 */
export async function signUp(input: { name: string; email: string; password: string }, ip: string | null): Promise<void> {
  const limit = await signInLimiter.limitSignUp(ip);
  if (!limit.allowed) throw new DomainError("RATE_LIMITED", "Too many sign-ups from your network. Try again later.");
  const passwordHash = await hashPassword(input.password);
  await db.user.createMany({ data: [{ name: input.name, email: input.email, passwordHash }], skipDuplicates: true });
}

/**
 * Changes a user's password. The current password is checked like a sign-in (same limiter), the new
 * one like at sign-up; then every session of the user ends.
 */
export async function changePassword(
  user: Actor,
  input: { currentPassword: string; password: string },
  requestHeaders: Headers,
): Promise<void> {
  const current = await checkCredentials({ email: user.email, password: input.currentPassword }, requestHeaders);
  if (!current.ok) {
    if (current.reason === "rate_limited") throw new DomainError("RATE_LIMITED", "Too many attempts. Wait a few minutes, then try again.");
    throw new DomainError("VALIDATION", "The current password is incorrect.", { currentPassword: ["The current password is incorrect."] });
  }
  const strong = newPasswordFor.safeParse({ password: input.password, email: user.email, name: user.name ?? "" });
  if (!strong.success) throw new DomainError("VALIDATION", "Please choose another password.", fieldErrorsOf(strong.error));
  const passwordHash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await endAllSessions(user.id, tx);
  });
}

/** "Forgot password": e-mails a link when the server can send mail; the answer never reveals an account. */
export async function requestPasswordReset(address: string, ip: string | null) {
  const { APP_URL, SMTP_URL } = env();
  const outcome = await requestResetByEmail(address, {
    ip,
    baseUrl: APP_URL,
    mailConfigured: Boolean(SMTP_URL),
    send: (to, url) =>
      sendMail({
        to,
        subject: "Reset your Segmently password",
        text: `Someone asked to reset the password of your Segmently account.\n\nChoose a new password here (the link works once, for one hour):\n${url}\n\nIf it was not you, ignore this e-mail: your password stays as it is.`,
      }),
  });
  if (outcome === "rate_limited") throw new DomainError("RATE_LIMITED", "Too many requests. Wait an hour, then try again.");
  return { outcome };
}

/** An owner or admin makes a one-time reset link for a member, shown once. */
export async function createMemberResetLink(ctx: ServiceContext, userId: string) {
  authorize(ctx, "members.manage");
  const link = await issueResetLinkForMember({ workspaceId: ctx.workspaceId, actor: ctx.actor }, userId, env().APP_URL);
  return { url: link.url, email: link.email, expiresAt: link.expiresAt.toISOString() };
}
