"use server";

import { headers } from "next/headers";
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn, signOut } from "@/lib/auth/auth";
import { hashPassword } from "@/lib/auth/password";
import { clientIp, limitSignUp } from "@/lib/auth/rate-limit";
import { db } from "@/lib/db";
import { ActionError } from "@/lib/errors";
import { publicAction } from "@/lib/actions/safe-action";
import { safeCallbackUrl, signInSchema, signUpSchema } from "@/lib/validations/auth";

async function signInOrExplain(email: string, password: string, callbackUrl: string | undefined): Promise<never> {
  try {
    await signIn("credentials", { email, password, redirectTo: safeCallbackUrl(callbackUrl) });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      if (error.code === "rate_limited") {
        throw new ActionError("RATE_LIMITED", "Too many sign-in attempts. Wait a few minutes, then try again.");
      }
      throw new ActionError("VALIDATION", "The e-mail or password is incorrect.", {
        password: ["The e-mail or password is incorrect."],
      });
    }
    if (error instanceof AuthError) throw new ActionError("BAD_REQUEST", "We could not sign you in. Please try again.");
    throw error; // the redirect after a successful sign-in
  }
  throw new ActionError("BAD_REQUEST", "We could not sign you in. Please try again.");
}

export const signInAction = publicAction(signInSchema, async ({ email, password, callbackUrl }) =>
  signInOrExplain(email, password, callbackUrl),
);

export const signUpAction = publicAction(signUpSchema, async ({ name, email, password, callbackUrl }) => {
  const limit = await limitSignUp(clientIp(await headers()));
  if (!limit.allowed) throw new ActionError("RATE_LIMITED", "Too many sign-ups from your network. Try again later.");
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    throw new ActionError("CONFLICT", "An account with this e-mail already exists.", {
      email: ["An account with this e-mail already exists. Sign in instead."],
    });
  }
  await db.user.create({ data: { name, email, passwordHash: await hashPassword(password) } });
  return signInOrExplain(email, password, callbackUrl);
});

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}

export async function signInWithProvider(provider: "github" | "google", callbackUrl?: string): Promise<void> {
  await signIn(provider, { redirectTo: safeCallbackUrl(callbackUrl) });
}
