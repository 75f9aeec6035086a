import { z } from "zod";
import { weakPasswordReason } from "@/lib/auth/password-strength";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export const email = z
  .string({ error: "Enter your e-mail address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your e-mail address.")
  .max(254, "That e-mail address is too long.")
  .pipe(z.email({ error: "Enter a valid e-mail address, like name@company.com." }));

/** Length rules for every password a user sets; `strongPassword` adds the common-password check. */
export const newPassword = z
  .string({ error: "Choose a password." })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);

/**
 * Adds the common-password check to a schema that sets a password, with the user's own name and
 * e-mail as words a password must not lean on. Every place that sets a password parses with this.
 */
export function strongPassword<S extends z.ZodType<{ password: string; email?: string; name?: string }>>(schema: S) {
  return schema.superRefine((value, ctx) => {
    if (value.password.length < PASSWORD_MIN || value.password.length > PASSWORD_MAX) return;
    const reason = weakPasswordReason(value.password, [value.email ?? "", value.name ?? ""]);
    if (reason) ctx.addIssue({ code: "custom", path: ["password"], message: reason });
  });
}

export const signUpSchema = strongPassword(
  z.object({
    name: z.string().trim().min(1, "Tell us your name.").max(100, "Use at most 100 characters."),
    email,
    password: newPassword,
    callbackUrl: z.string().optional(),
  }),
);
export type SignUpInput = z.infer<typeof signUpSchema>;

export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(PASSWORD_MAX, "That password is too long."),
  password: newPassword,
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const signInSchema = z.object({
  email,
  password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX, "That password is too long."),
  callbackUrl: z.string().optional(),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** A placeholder origin for resolving paths when the app's own origin is not at hand. */
const PLACEHOLDER_ORIGIN = "http://segmently.invalid";

/**
 * The one gate for redirect targets after sign-in (`callbackUrl`): the sign-in and sign-up pages,
 * the sign-in actions and Auth.js' `redirect` callback all call it. A target is kept only when it
 * resolves to the app's own origin (`origin`, or any same-origin path when no origin is given) and is
 * returned as a path (`/w/acme?x=1#y`). Anything else — another host, a scheme, a protocol-relative
 * `//host` or `/\host`, any backslash, control character or whitespace (browsers strip tabs and
 * newlines, so `/\t/evil.example` would become `//evil.example`) — gives `fallback`.
 */
export function safeCallbackUrl(
  value: string | undefined | null,
  options: { origin?: string; fallback?: string } = {},
): string {
  const fallback = options.fallback ?? "/";
  if (!value || value.length > 2048) return fallback;
  // Control characters, whitespace (ASCII and Unicode) and backslashes are never part of a target we
  // produce; the URL parser would silently drop or reinterpret them.
  if (/[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff\\]/.test(value)) return fallback;
  let base: URL;
  try {
    base = new URL(options.origin ?? PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  const isPath = value.startsWith("/") && !value.startsWith("//");
  const isSameOriginUrl = !!options.origin && value.startsWith(`${base.origin}/`);
  if (!isPath && !isSameOriginUrl) return fallback;
  let target: URL;
  try {
    target = new URL(value, base);
  } catch {
    return fallback;
  }
  if (target.origin !== base.origin || target.username || target.password) return fallback;
  const path = `${target.pathname}${target.search}${target.hash}`;
  // Percent-encoded slashes or backslashes right after the first one would be decoded by some
  // servers into a protocol-relative target; refuse them too.
  if (!path.startsWith("/") || /^\/(?:\/|%2f|%5c)/i.test(path)) return fallback;
  return path;
}
