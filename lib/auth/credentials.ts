import "server-only";
import { db } from "@/lib/db";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { clientIp } from "@/lib/auth/client-ip";
import { signInLimiter } from "@/lib/auth/rate-limit";
import { signInSchema } from "@/lib/validations/auth";

export type CredentialsOutcome =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "invalid_credentials" | "rate_limited"; retryAfterSeconds?: number };

/**
 * The one check of an e-mail and password, behind Auth.js' credentials `authorize` — which both the
 * sign-in form's server action (through `signIn("credentials")`) and a direct POST to
 * `/api/auth/callback/credentials` reach. Rate limits come first (`lib/auth/rate-limit.ts`), so a
 * refused attempt costs no password hash; an unknown e-mail is checked against a dummy hash so
 * timing does not reveal which addresses have accounts.
 */
export async function checkCredentials(raw: unknown, headers: Headers): Promise<CredentialsOutcome> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid_credentials" };
  const { email, password } = parsed.data;
  const attempt = { email, ip: clientIp(headers) };
  const limit = await signInLimiter.beginSignInAttempt(attempt);
  if (!limit.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !user.passwordHash || !ok) return { ok: false, reason: "invalid_credentials" };
  await signInLimiter.recordSignInSuccess(attempt);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
