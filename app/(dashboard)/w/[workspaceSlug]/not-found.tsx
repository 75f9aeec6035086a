import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function WorkspaceNotFound() {
  return (
    <div className="mx-auto max-w-md py-24 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-slate-500">This page does not exist, or you do not have access to it.</p>
      <Link href="/workspaces" className={buttonClasses("primary", "md", "mt-6")}>
        Go to your workspaces
      </Link>
    </div>
  );
}
