"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

/** The Insights tabs: RFM, lifetime value (with its model check), lifecycle and clusters. */
const TABS = [
  { label: "RFM", path: "" },
  { label: "Lifetime value", path: "/value" },
  { label: "Lifecycle", path: "/lifecycle" },
  { label: "Clusters", path: "/clusters" },
] as const;

export function InsightsNav({ slug }: { slug: string }) {
  const pathname = usePathname();
  const base = `/w/${slug}/insights`;
  const current = TABS.reduce<string>((best, tab) => {
    const href = base + tab.path;
    return (pathname === href || pathname.startsWith(`${href}/`)) && href.length > best.length ? href : best;
  }, base);
  return (
    <nav className="mb-6 flex gap-1 overflow-x-auto border-b border-slate-200 text-sm" aria-label="Insights">
      {TABS.map((tab) => {
        const href = base + tab.path;
        const active = href === current;
        return (
          <Link
            key={tab.label}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px whitespace-nowrap border-b-2 px-3 py-2 font-medium",
              active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
            )}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
