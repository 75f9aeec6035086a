"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { checkCredentials } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { endAllSessions } from "@/lib/auth/session-version";
import { db } from "@/lib/db";
import { ActionError } from "@/lib/errors";
import { fieldErrorsOf, userAction } from "@/lib/actions/safe-action";
import { changePasswordSchema, email, newPassword, strongPassword } from "@/lib/validations/auth";

const newPasswordFor = strongPassword(z.object({ password: newPassword, email, name: z.string() }));

/**
 * Changes the signed-in user's password. The current password is checked like a sign-in (same
 * limiter), the new one like at sign-up; then every session of the user ends, this one included,
 * and they sign in again with the new password.
 */
export const changePassword = userAction(changePasswordSchema, async ({ currentPassword, password }, { user }) => {
  const current = await checkCredentials({ email: user.email, password: currentPassword }, await headers());
  if (!current.ok) {
    if (current.reason === "rate_limited") {
      throw new ActionError("RATE_LIMITED", "Too many attempts. Wait a few minutes, then try again.");
    }
    throw new ActionError("VALIDATION", "The current password is incorrect.", {
      currentPassword: ["The current password is incorrect."],
    });
  }
  const strong = newPasswordFor.safeParse({ password, email: user.email, name: user.name ?? "" });
  if (!strong.success) {
    throw new ActionError("VALIDATION", "Please choose another password.", fieldErrorsOf(strong.error));
  }
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await endAllSessions(user.id, tx);
  });
  redirect(`/sign-in?${new URLSearchParams({ email: user.email, notice: "password-changed" }).toString()}`);
});

