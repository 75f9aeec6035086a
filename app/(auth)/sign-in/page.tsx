import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { enabledOAuthProviders } from "@/lib/auth/auth";
import { getCurrentUser } from "@/lib/auth/session";
import { safeCallbackUrl } from "@/lib/validations/auth";
import { SignInForm } from "./sign-in-form";
import { OAuthButtons } from "@/components/auth/oauth-buttons";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES = new Map<string, string>([
  // The same words whether or not the address already had an account (sign-up does not tell).
  ["signed-up", "Almost there: sign in with your e-mail and password. If this address already had an account, use that account’s password."],
  ["password-changed", "Your password was changed and you were signed out everywhere. Sign in with the new password."],
  ["password-reset", "Your new password is set and you were signed out everywhere. Sign in with it."],
]);

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  if (await getCurrentUser()) redirect(callbackUrl);
  const email = typeof params.email === "string" ? params.email : "";
  const providers = enabledOAuthProviders();
  const notice = typeof params.notice === "string" ? NOTICES.get(params.notice) : undefined;
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to your workspace</h1>
      <p className="mt-1 text-sm text-slate-500">
        New to Segmently?{" "}
        <Link href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium text-brand-600 hover:underline">
          Create an account
        </Link>
      </p>
      {notice && (
        <p role="status" className="mt-6 rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-900 ring-1 ring-inset ring-brand-200">
          {notice}
        </p>
      )}
      <div className="mt-8 space-y-6">
        <OAuthButtons providers={providers} callbackUrl={callbackUrl} />
        <SignInForm callbackUrl={callbackUrl} defaultEmail={email} />
      </div>
    </div>
  );
}
