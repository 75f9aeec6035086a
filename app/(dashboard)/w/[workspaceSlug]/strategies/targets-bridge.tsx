"use client";

import { createContext, useCallback, useContext, useRef, type ReactNode } from "react";

/**
 * Lets the report's "Use these segments" fill the form's segments: the form registers a handler,
 * the button calls it. Both live under one provider on the strategy page.
 */
type Handler = (segmentIds: string[]) => void;
const Bridge = createContext<{ register: (h: Handler | null) => void; use: (ids: string[]) => boolean } | null>(null);

export function TargetsBridge({ children }: { children: ReactNode }) {
  const handler = useRef<Handler | null>(null);
  const register = useCallback((h: Handler | null) => {
    handler.current = h;
  }, []);
  const use = useCallback((ids: string[]) => {
    if (!handler.current) return false;
    handler.current(ids);
    return true;
  }, []);
  return <Bridge.Provider value={{ register, use }}>{children}</Bridge.Provider>;
}

export function useTargetsBridge() {
  return useContext(Bridge);
}
