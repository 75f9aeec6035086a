"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import type { PersonaCardData } from "@/lib/dal/personas";
import { draftOf, type Draft, type DraftKey } from "./card-fields";
import type { SaveState } from "./save-status";

export type Result<T> = { ok: true; data: T } | { ok: false; code: string; error: string; fieldErrors?: Record<string, string[]> };
export type SaveFn = (input: unknown) => Promise<Result<{ id: string; version: number }>>;
export type LoadFn = (input: unknown) => Promise<Result<PersonaCardData>>;
export type Conflict = { theirs: PersonaCardData; keys: DraftKey[] };

const AUTOSAVE_MS = 700;

/**
 * The card's autosave: edits are batched for a moment, then saved one after another, each naming
 * the version it was based on. A save refused because someone else saved first loads their version
 * and opens a choice (keep theirs / overwrite with mine); nothing typed is dropped meanwhile.
 */
export function useAutosave({ card, save, load, readOnly, onReplaced }: { card: PersonaCardData; save: SaveFn; load: LoadFn; readOnly: boolean; onReplaced?: (draft: Draft) => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(card));
  const [status, setStatus] = useState<SaveState>("saved");
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [conflictOpen, setConflictOpen] = useState(false);

  const version = useRef(card.version);
  const draftRef = useRef(draft);
  const conflictRef = useRef<Conflict | null>(null);
  const dirty = useRef(new Set<DraftKey>());
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    draftRef.current = draft;
  }, [draft]);
  useEffect(() => {
    conflictRef.current = conflict;
  }, [conflict]);

  /** Runs saves one after another, each against the version the previous one produced. */
  const enqueue = useCallback(<T>(fn: () => Promise<T>) => {
    const next = queue.current.then(fn, fn);
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    return enqueue(async () => {
      if (dirty.current.size === 0) return;
      const keys = [...dirty.current];
      dirty.current.clear();
      const patch: Record<string, unknown> = { id: card.id, expectedVersion: version.current };
      for (const k of keys) patch[k] = draftRef.current[k];
      setStatus("saving");
      let result: Result<{ id: string; version: number }>;
      try {
        result = await save(patch);
      } catch {
        keys.forEach((k) => dirty.current.add(k));
        setStatus("error");
        return;
      }
      if (result.ok) {
        version.current = result.data.version;
        setStatus(dirty.current.size ? "pending" : "saved");
        return;
      }
      keys.forEach((k) => dirty.current.add(k));
      if (result.code === "CONFLICT") {
        const theirs = await load({ id: card.id });
        if (theirs.ok) {
          setConflict({ theirs: theirs.data, keys: [...dirty.current] });
          setConflictOpen(true);
          setStatus("conflict");
          return;
        }
      }
      setStatus("error");
      // A field's own message ("Give the persona a name.") says more than the form's.
      toast.error(Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.error);
    });
  }, [card.id, enqueue, load, save]);

  const change = <K extends DraftKey>(key: K, value: Draft[K]) => {
    if (readOnly) return;
    setDraft((d) => ({ ...d, [key]: value }));
    dirty.current.add(key);
    if (status !== "conflict") setStatus("pending");
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!conflictRef.current) void flush();
    }, AUTOSAVE_MS);
  };

  // Warn before the page goes away with unsaved edits.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirty.current.size > 0) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  const keepTheirs = () => {
    if (!conflict) return;
    version.current = conflict.theirs.version;
    const theirs = draftOf(conflict.theirs);
    setDraft(theirs);
    draftRef.current = theirs;
    onReplaced?.(theirs);
    dirty.current.clear();
    setConflict(null);
    setStatus("saved");
  };
  const overwriteWithMine = () => {
    if (!conflict) return;
    version.current = conflict.theirs.version;
    setConflict(null);
    void flush();
  };

  return {
    draft,
    change,
    status,
    flush,
    enqueue,
    version,
    conflict,
    conflictOpen,
    openConflict: () => setConflictOpen(true),
    closeConflict: () => setConflictOpen(false),
    keepTheirs,
    overwriteWithMine,
  };
}
