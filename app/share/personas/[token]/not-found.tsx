import { Link2Off } from "lucide-react";
import { Logo } from "@/components/brand/logo";

/** A share link that is malformed, unknown, revoked or expired: one page for all, status 404. */
export default function ShareLinkGone() {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-slate-50 px-6 text-center">
      <Logo />
      <div className="mt-10 flex size-12 items-center justify-center rounded-full bg-slate-100 text-slate-500">
        <Link2Off className="size-6" aria-hidden />
      </div>
      <h1 className="mt-4 text-2xl font-semibold text-slate-900">This link has expired or was revoked</h1>
      <p className="mt-2 max-w-sm text-sm text-slate-500">
        The persona behind it is no longer shared here. Ask the person who sent you the link for a new one.
      </p>
    </div>
  );
}
