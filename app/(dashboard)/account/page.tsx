import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { requireUser } from "@/lib/auth/session";
import { PASSWORD_MIN } from "@/lib/validations/auth";
import { SimpleShell } from "@/components/workspaces/simple-shell";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser("/account");
  return (
    <SimpleShell email={user.email}>
      <div className="mx-auto max-w-lg">
        <Link href="/workspaces" className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900">
          <ArrowLeft className="size-4" aria-hidden /> Your workspaces
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">Your account</h1>
        <p className="mt-1 text-sm text-slate-500">
          Signed in as {user.email}. Signing out, here or from the menu, signs you out on every device.
        </p>
        <Card className="mt-6">
          <CardHeader title="Change password" />
          <CardBody>
            <ChangePasswordForm passwordMin={PASSWORD_MIN} />
          </CardBody>
        </Card>
      </div>
    </SimpleShell>
  );
}
