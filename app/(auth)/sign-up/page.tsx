import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { enabledOAuthProviders } from "@/lib/auth/auth";
import { getCurrentUser } from "@/lib/auth/session";
import { PASSWORD_MIN, safeCallbackUrl } from "@/lib/validations/auth";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  if (await getCurrentUser()) redirect(callbackUrl);
  const email = typeof params.email === "string" ? params.email : "";
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">Create your account</h1>
      <p className="mt-1 text-sm text-slate-500">
        Already have one?{" "}
        <Link href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium text-brand-600 hover:underline">
          Sign in
        </Link>
      </p>
      <div className="mt-8 space-y-6">
        <OAuthButtons providers={enabledOAuthProviders()} callbackUrl={callbackUrl} />
        <SignUpForm callbackUrl={callbackUrl} defaultEmail={email} passwordMin={PASSWORD_MIN} />
      </div>
    </div>
  );
}
