"use client";

import { useEffect, useId, useRef, useState } from "react";
import { ChevronDown, ChevronUp, Columns3 } from "lucide-react";

/** The "Columns" menu: show, hide and reorder a table's columns. */
export function ColumnSettings({
  columns,
  onToggle,
  onMove,
  onReset,
}: {
  columns: { id: string; label: string; visible: boolean; canHide: boolean }[];
  onToggle: (id: string, visible: boolean) => void;
  onMove: (id: string, delta: -1 | 1) => void;
  onReset: () => void;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    root.current?.querySelector<HTMLElement>("input, button:not([aria-controls])")?.focus();
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);

  return (
    <div
      ref={root}
      className="relative"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex h-9 items-center gap-1.5 rounded-lg bg-white px-3 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
      >
        <Columns3 className="size-4 text-slate-400" aria-hidden /> Columns
      </button>
      {open && (
        <div
          id={id}
          role="group"
          aria-label="Columns: show, hide and reorder"
          className="absolute right-0 top-full z-30 mt-2 w-72 rounded-lg bg-white p-2 shadow-lg ring-1 ring-slate-200"
        >
          <p className="px-2 pb-2 pt-1 text-xs font-medium uppercase tracking-wide text-slate-400">Show and order columns</p>
          <ul className="max-h-80 space-y-0.5 overflow-y-auto">
            {columns.map((c, i) => (
              <li key={c.id} className="flex items-center gap-2 rounded-md px-2 py-1 hover:bg-slate-50">
                <label className="flex flex-1 items-center gap-2 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    className="size-4 accent-brand-600"
                    checked={c.visible}
                    disabled={!c.canHide}
                    onChange={(e) => onToggle(c.id, e.target.checked)}
                  />
                  {c.label}
                </label>
                <button
                  type="button"
                  className="rounded p-1 text-slate-400 hover:bg-slate-200 hover:text-slate-700 disabled:opacity-30"
                  aria-label={`Move ${c.label} up`}
                  disabled={i === 0}
                  onClick={() => onMove(c.id, -1)}
                >
                  <ChevronUp className="size-4" aria-hidden />
                </button>
                <button
                  type="button"
                  className="rounded p-1 text-slate-400 hover:bg-slate-200 hover:text-slate-700 disabled:opacity-30"
                  aria-label={`Move ${c.label} down`}
                  disabled={i === columns.length - 1}
                  onClick={() => onMove(c.id, 1)}
                >
                  <ChevronDown className="size-4" aria-hidden />
                </button>
              </li>
            ))}
          </ul>
          <div className="mt-1 border-t border-slate-100 px-2 pt-2">
            <button type="button" className="text-sm font-medium text-brand-700 hover:underline" onClick={onReset}>
              Reset to default
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
