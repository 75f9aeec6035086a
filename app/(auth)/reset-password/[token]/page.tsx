import type { Metadata } from "next";
import Link from "next/link";
import { resetLinkState } from "@/lib/auth/password-reset";
import { PASSWORD_MIN } from "@/lib/validations/auth";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = await resetLinkState(token);
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">Choose a new password</h1>
      {state.ok ? (
        <>
          <p className="mt-1 text-sm text-slate-500">
            For <span className="font-medium text-slate-700">{state.email}</span>. You will be signed out everywhere and
            sign in again with the new password.
          </p>
          <div className="mt-8">
            <ResetPasswordForm token={token} passwordMin={PASSWORD_MIN} />
          </div>
        </>
      ) : (
        <p role="alert" className="mt-6 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200">
          {state.message}
        </p>
      )}
      <p className="mt-6 text-sm">
        <Link href="/forgot-password" className="font-medium text-brand-600 hover:underline">
          Ask for a new link
        </Link>
        <span className="mx-2 text-slate-300">·</span>
        <Link href="/sign-in" className="font-medium text-brand-600 hover:underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
