import Link from "next/link";
import { Logo } from "@/components/brand/logo";
import { buttonClasses } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-6 text-center">
      <Logo />
      <p className="mt-10 text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Not found</h1>
      <p className="mt-2 max-w-sm text-sm text-slate-500">This page does not exist, or you do not have access to it.</p>
      <Link href="/workspaces" className={buttonClasses("primary", "md", "mt-6")}>
        Go to your workspaces
      </Link>
    </div>
  );
}
