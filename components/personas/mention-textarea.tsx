"use client";

import { useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { cn } from "@/components/ui/cn";

export type Member = { id: string; name: string; email: string };

/**
 * Comment text as the person types it: mentions read "@Name". `encodeMentions` turns the names
 * picked from the suggestions into `<@userId>` tokens (what the server stores and checks);
 * `decodeMentions` turns them back for editing.
 */
export function encodeMentions(text: string, picked: Map<string, string>): string {
  let out = text;
  const names = [...picked.keys()].sort((a, b) => b.length - a.length);
  for (const name of names) out = out.split(`@${name}`).join(`<@${picked.get(name)}>`);
  return out;
}

export function decodeMentions(body: string, names: Record<string, string>): { text: string; picked: Map<string, string> } {
  const picked = new Map<string, string>();
  const text = body.replace(/<@([A-Za-z0-9_-]{1,64})>/g, (_, id: string) => {
    const name = names[id] ?? "someone";
    picked.set(name, id);
    return `@${name}`;
  });
  return { text, picked };
}

const QUERY = /(^|\s)@([^\s@]{0,30})$/;
const MAX_SUGGESTIONS = 6;

/**
 * A textarea that suggests workspace members after "@": ↑/↓ move, Enter or Tab picks, Escape
 * closes the list (and only the list).
 */
export function MentionTextarea({
  value,
  onChange,
  members,
  onPick,
  label,
  placeholder,
  maxLength,
  autoFocus,
  onSubmit,
  invalid,
}: {
  value: string;
  onChange: (value: string) => void;
  members: Member[];
  onPick: (member: Member) => void;
  label: string;
  placeholder?: string;
  maxLength?: number;
  autoFocus?: boolean;
  /** Ctrl/⌘+Enter. */
  onSubmit?: () => void;
  invalid?: boolean;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);

  const suggestions = useMemo(() => {
    if (query === null) return [];
    const q = query.toLowerCase();
    return members.filter((m) => m.name.toLowerCase().includes(q) || m.email.toLowerCase().startsWith(q)).slice(0, MAX_SUGGESTIONS);
  }, [members, query]);
  const open = query !== null && suggestions.length > 0;

  const detect = (text: string, caret: number) => {
    const match = QUERY.exec(text.slice(0, caret));
    setQuery(match ? match[2]! : null);
    setActive(0);
  };

  const pick = (member: Member) => {
    const el = ref.current;
    const caret = el?.selectionStart ?? value.length;
    const before = value.slice(0, caret).replace(/@([^\s@]{0,30})$/, `@${member.name} `);
    const next = before + value.slice(caret);
    onPick(member);
    onChange(next);
    setQuery(null);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(before.length, before.length);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const step = e.key === "ArrowDown" ? 1 : -1;
        setActive((a) => (a + step + suggestions.length) % suggestions.length);
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") {
        e.preventDefault();
        const member = suggestions[active];
        if (member) pick(member);
        return;
      }
      if (e.key === "Escape") {
        // Close the list, not a dialog around the textarea.
        e.preventDefault();
        e.stopPropagation();
        setQuery(null);
        return;
      }
    }
    if (e.key === "Enter" && (e.metaKey || e.ctrlKey) && onSubmit) {
      e.preventDefault();
      onSubmit();
    }
  };

  return (
    <div className="relative">
      <textarea
        ref={ref}
        aria-label={label}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        aria-invalid={invalid || undefined}
        value={value}
        rows={3}
        maxLength={maxLength}
        placeholder={placeholder}
        autoFocus={autoFocus}
        onChange={(e) => {
          onChange(e.target.value);
          detect(e.target.value, e.target.selectionStart);
        }}
        onKeyDown={onKeyDown}
        onClick={(e) => detect(e.currentTarget.value, e.currentTarget.selectionStart)}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
        className={cn(
          "block w-full resize-y rounded-lg border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600",
          invalid ? "ring-red-400" : "ring-slate-300",
        )}
      />
      {open && (
        <ul id={listId} role="listbox" aria-label="Members" className="absolute left-2 z-20 mt-1 w-72 overflow-hidden rounded-lg bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200">
          {suggestions.map((m, i) => (
            <li
              key={m.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(m);
              }}
              onMouseEnter={() => setActive(i)}
              className={cn("cursor-pointer px-3 py-1.5", i === active ? "bg-brand-50 text-brand-900" : "text-slate-700")}
            >
              <span className="font-medium">{m.name}</span> <span className="text-xs text-slate-500">{m.email}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
