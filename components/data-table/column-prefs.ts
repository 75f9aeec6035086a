"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";
import type { VisibilityState } from "@tanstack/react-table";

/**
 * A table's per-browser column preferences (which columns are hidden, their order), kept in
 * localStorage under the table's `persistKey` and shared between tabs.
 */

type StoredPrefs = { hidden: string[]; order: string[] };
const PREFS_EVENT = "segmently:table-prefs";
const storageKey = (key: string) => `segmently.table.${key}`;

function readStored(key: string | undefined): string | null {
  if (!key) return null;
  try {
    return window.localStorage.getItem(storageKey(key));
  } catch {
    return null;
  }
}

export function parsePrefs(raw: string | null): StoredPrefs | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== "object") return null;
    const { hidden, order } = value as { hidden?: unknown; order?: unknown };
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
    return { hidden: strings(hidden), order: strings(order) };
  } catch {
    return null;
  }
}

function subscribe(callback: () => void) {
  window.addEventListener("storage", callback);
  window.addEventListener(PREFS_EVENT, callback);
  return () => {
    window.removeEventListener("storage", callback);
    window.removeEventListener(PREFS_EVENT, callback);
  };
}

export function useColumnPrefs(persistKey: string | undefined, defaultHidden: readonly string[] | undefined) {
  // The server renders the defaults; the browser's saved choice applies right after hydration.
  const raw = useSyncExternalStore(
    subscribe,
    () => readStored(persistKey),
    () => null,
  );
  const stored = useMemo(() => parsePrefs(raw), [raw]);
  const hidden = useMemo(() => stored?.hidden ?? [...(defaultHidden ?? [])], [stored, defaultHidden]);
  const order = stored?.order ?? EMPTY;

  const write = useCallback(
    (next: StoredPrefs | null) => {
      if (!persistKey) return;
      try {
        if (next) window.localStorage.setItem(storageKey(persistKey), JSON.stringify(next));
        else window.localStorage.removeItem(storageKey(persistKey));
      } catch {
        // Storage may be unavailable (private mode); the choice then lasts for this page only.
      }
      window.dispatchEvent(new Event(PREFS_EVENT));
    },
    [persistKey],
  );

  const visibility = useMemo<VisibilityState>(() => Object.fromEntries(hidden.map((id) => [id, false])), [hidden]);

  return {
    visibility,
    order,
    setHidden: (id: string, hide: boolean) =>
      write({ hidden: hide ? [...new Set([...hidden, id])] : hidden.filter((h) => h !== id), order }),
    /** Moves a column one place; `current` is the displayed order. */
    move: (current: string[], id: string, delta: -1 | 1) => {
      const next = movedColumn(current, id, delta);
      if (next) write({ hidden, order: next });
    },
    reset: () => write(null),
  };
}

const EMPTY: string[] = [];

/** `current` with `id` moved one place up or down; null when it cannot move. */
export function movedColumn(current: readonly string[], id: string, delta: -1 | 1): string[] | null {
  const from = current.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= current.length) return null;
  const next = [...current];
  next.splice(from, 1);
  next.splice(to, 0, id);
  return next;
}
