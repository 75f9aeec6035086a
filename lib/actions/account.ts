"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { userAction } from "@/lib/actions/safe-action";
import { changePassword as change } from "@/lib/auth/account-service";
import { changePasswordSchema } from "@/lib/validations/auth";

/**
 * Changes the signed-in user's password (lib/auth/account-service.ts); every session ends, this one
 * included, and they sign in again with the new password.
 */
export const changePassword = userAction(changePasswordSchema, async (input, { user }) => {
  await change(user, input, await headers());
  redirect(`/sign-in?${new URLSearchParams({ email: user.email, notice: "password-changed" }).toString()}`);
});
