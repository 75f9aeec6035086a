"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction, workspaceAction } from "@/lib/actions/safe-action";
import { createMemberResetLink, requestPasswordReset } from "@/lib/auth/account-service";
import { clientIp } from "@/lib/auth/client-ip";
import { resetPasswordWithToken, resetTokenSchema } from "@/lib/auth/password-reset";
import { email, PASSWORD_MAX } from "@/lib/validations/auth";
import { memberSchema } from "@/lib/validations/workspace";

/** Password resets: thin adapters over lib/auth/account-service.ts and lib/auth/password-reset.ts. */
export const requestPasswordResetAction = publicAction(z.object({ email }), async (input) =>
  requestPasswordReset(input.email, clientIp(await headers())),
);

const resetSchema = z.object({
  token: resetTokenSchema,
  password: z.string({ error: "Choose a password." }).max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`),
});

/** Sets the new password with a link, ends every session, and sends the user to sign in. */
export const resetPasswordAction = publicAction(resetSchema, async ({ token, password }) => {
  const { email: address } = await resetPasswordWithToken(token, password);
  redirect(`/sign-in?${new URLSearchParams({ email: address, notice: "password-reset" }).toString()}`);
});

/** An admin makes a one-time reset link for a member, shown once. */
export const createMemberResetLinkAction = workspaceAction("members.manage", memberSchema, async ({ userId }, ctx) =>
  createMemberResetLink(ctx.service, userId),
);
