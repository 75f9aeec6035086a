import type { Metadata } from "next";
import Link from "next/link";
import { env } from "@/lib/env";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

export default async function ForgotPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const email = typeof params.email === "string" ? params.email.slice(0, 254) : "";
  const mailConfigured = Boolean(env().SMTP_URL);
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">Forgot your password?</h1>
      {mailConfigured ? (
        <>
          <p className="mt-1 text-sm text-slate-500">Enter your e-mail and we will send you a link to choose a new one.</p>
          <div className="mt-8">
            <ForgotPasswordForm defaultEmail={email} />
          </div>
        </>
      ) : (
        <div className="mt-6 space-y-3 rounded-lg bg-slate-50 p-4 text-sm text-slate-700 ring-1 ring-inset ring-slate-200" role="status">
          <p className="font-medium text-slate-900">This server does not send e-mail.</p>
          <p>
            Ask an owner or admin of your workspace for a reset link: they can make one in{" "}
            <span className="font-medium">Settings → Members</span>. It works once and expires after a day.
          </p>
        </div>
      )}
      <p className="mt-6 text-sm">
        <Link href="/sign-in" className="font-medium text-brand-600 hover:underline">
          Back to sign in
        </Link>
      </p>
    </div>
  );
}
