import { UserRound } from "lucide-react";
import { cn } from "@/components/ui/cn";

/**
 * A customer's avatar: the initials of their name, or a neutral silhouette when they have no name
 * (never letters taken from an e-mail address or an id).
 */
export function CustomerAvatar({ name, size = "sm" }: { name: string | null; size?: "sm" | "lg" }) {
  const box = size === "lg" ? "size-14 text-lg" : "size-8 text-xs";
  if (!name) {
    return (
      <span className={cn("flex shrink-0 items-center justify-center rounded-full bg-slate-100 text-slate-400", box)} aria-hidden>
        <UserRound className={size === "lg" ? "size-7" : "size-4"} />
      </span>
    );
  }
  return (
    <span
      className={cn(
        "flex shrink-0 items-center justify-center rounded-full font-semibold",
        size === "lg" ? "bg-brand-600 text-white" : "bg-brand-50 text-brand-700",
        box,
      )}
      aria-hidden
    >
      {initialsOf(name)}
    </span>
  );
}

export function initialsOf(name: string): string {
  return (
    name
      .split(/[\s._-]+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0]!.toUpperCase())
      .join("") || "?"
  );
}
