import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "@/components/brand/logo";
import { signOutAction } from "@/lib/actions/auth";

/** The frame of pages outside a workspace (workspace list, create, invitations). */
export function SimpleShell({ email, children }: { email?: string; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between px-6 py-3">
          <Link href="/workspaces" aria-label="Segmently home">
            <Logo />
          </Link>
          {email && (
            <div className="flex items-center gap-4 text-sm text-slate-600">
              <Link href="/account" data-testid="user-email" className="hover:text-slate-900">
                {email}
              </Link>
              <form action={signOutAction}>
                <button type="submit" className="font-medium text-slate-700 hover:text-slate-900">
                  Sign out
                </button>
              </form>
            </div>
          )}
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-6 py-10">{children}</main>
    </div>
  );
}
