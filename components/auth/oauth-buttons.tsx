import { signInWithProvider } from "@/lib/actions/auth";
import { buttonClasses } from "@/components/ui/button";

/** Shown only for the OAuth providers whose credentials are configured. */
export function OAuthButtons({ providers, callbackUrl }: { providers: { id: "github" | "google"; name: string }[]; callbackUrl: string }) {
  if (providers.length === 0) return null;
  return (
    <div className="space-y-3">
      {providers.map((p) => (
        <form key={p.id} action={signInWithProvider.bind(null, p.id, callbackUrl)}>
          <button type="submit" className={buttonClasses("secondary", "md", "w-full")}>
            Continue with {p.name}
          </button>
        </form>
      ))}
      <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-slate-400">
        <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
      </div>
    </div>
  );
}
