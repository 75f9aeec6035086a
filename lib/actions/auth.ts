"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn, signOut } from "@/lib/auth/auth";
import { clientIp } from "@/lib/auth/client-ip";
import { signUp } from "@/lib/auth/account-service";
import { ActionError } from "@/lib/errors";
import { publicAction } from "@/lib/actions/safe-action";
import { safeCallbackUrl, signInSchema, signUpSchema } from "@/lib/validations/auth";

export const signInAction = publicAction(signInSchema, async ({ email, password, callbackUrl }) => {
  try {
    // Auth.js' credentials `authorize` (lib/auth/credentials.ts) applies the rate limits.
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
});

/**
 * Sign-up answers the same whether or not the address already has an account, so it cannot be used
 * to find out who uses Segmently: the password is hashed either way, the account is created only
 * when the address is new (one `insert … on conflict do nothing`), and the caller is sent to sign in.
 * A new user signs in with the password just chosen; an existing one keeps their own.
 */
export const signUpAction = publicAction(signUpSchema, async ({ name, email, password, callbackUrl }) => {
  await signUp({ name, email, password }, clientIp(await headers()));
  const params = new URLSearchParams({ email, notice: "signed-up", callbackUrl: safeCallbackUrl(callbackUrl) });
  redirect(`/sign-in?${params.toString()}`);
});

/** Ends every session of the user (Auth.js' signOut event bumps the session version). */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}

export async function signInWithProvider(provider: "github" | "google", callbackUrl?: string): Promise<void> {
  await signIn(provider, { redirectTo: safeCallbackUrl(callbackUrl) });
}
