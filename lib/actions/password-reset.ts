"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientIp } from "@/lib/auth/client-ip";
import {
  issueResetLinkForMember,
  requestResetByEmail,
  resetPasswordWithToken,
  resetTokenSchema,
} from "@/lib/auth/password-reset";
import { env } from "@/lib/env";
import { ActionError } from "@/lib/errors";
import { sendMail } from "@/lib/mail";
import { publicAction, workspaceAction } from "@/lib/actions/safe-action";
import { email, PASSWORD_MAX } from "@/lib/validations/auth";
import { memberSchema } from "@/lib/validations/workspace";

/** "Forgot password": e-mails a link when the server can send mail; the answer never reveals an account. */
export const requestPasswordResetAction = publicAction(z.object({ email }), async (input) => {
  const { APP_URL, SMTP_URL } = env();
  const outcome = await requestResetByEmail(input.email, {
    ip: clientIp(await headers()),
    baseUrl: APP_URL,
    mailConfigured: Boolean(SMTP_URL),
    send: (to, url) =>
      sendMail({
        to,
        subject: "Reset your Segmently password",
        text: `Someone asked to reset the password of your Segmently account.\n\nChoose a new password here (the link works once, for one hour):\n${url}\n\nIf it was not you, ignore this e-mail: your password stays as it is.`,
      }),
  });
  if (outcome === "rate_limited") throw new ActionError("RATE_LIMITED", "Too many requests. Wait an hour, then try again.");
  return { outcome };
});

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
export const createMemberResetLinkAction = workspaceAction("members.manage", memberSchema, async ({ userId }, ctx) => {
  const link = await issueResetLinkForMember(
    { workspaceId: ctx.workspace.id, actor: { id: ctx.user.id, email: ctx.user.email } },
    userId,
    env().APP_URL,
  );
  return { url: link.url, email: link.email, expiresAt: link.expiresAt.toISOString() };
});
