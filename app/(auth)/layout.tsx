import type { ReactNode } from "react";
import { Logo } from "@/components/brand/logo";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="grid min-h-screen lg:grid-cols-2">
      <main className="flex items-center justify-center px-6 py-12">
        <div className="w-full max-w-sm">
          <div className="mb-8">
            <Logo />
          </div>
          {children}
        </div>
      </main>
      <aside className="relative hidden overflow-hidden bg-gradient-to-br from-brand-900 via-brand-700 to-brand-500 lg:flex lg:flex-col lg:justify-end lg:p-12">
        <div className="absolute -right-24 -top-24 size-96 rounded-full bg-white/10" aria-hidden />
        <div className="absolute right-32 top-40 size-64 rounded-full bg-white/10" aria-hidden />
        <blockquote className="relative max-w-md text-white">
          <p className="text-2xl font-medium leading-snug">
            Know who your customers are, and which of them to reach next.
          </p>
          <p className="mt-4 text-sm text-brand-100">
            Segments over traits, purchases, RFM scores, lifetime value and lifecycle, counted live on your own
            customer data and shared with your team.
          </p>
        </blockquote>
      </aside>
    </div>
  );
}
