"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback } from "react";

/** The current URL with some query parameters set (or, with null, removed). */
export type HrefWith = (change: Record<string, string | null>) => string;

export function useHrefWith(): HrefWith {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  return useCallback(
    (change: Record<string, string | null>) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [key, value] of Object.entries(change)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      const search = next.toString();
      return search ? `${pathname}?${search}` : pathname;
    },
    [pathname, searchParams],
  );
}
