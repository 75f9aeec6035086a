"use client";

import type { ReactNode } from "react";
import { X } from "lucide-react";
import { ColumnSettings } from "./column-menu";

type ColumnChoice = { id: string; label: string; visible: boolean; canHide: boolean };

/** The row above a table: the caller's filters and, with saved preferences, the "Columns" menu. */
export function Toolbar({
  toolbar,
  columns,
  onToggle,
  onMove,
  onReset,
}: {
  toolbar?: ReactNode;
  /** The configurable columns in display order; null without saved preferences. */
  columns: ColumnChoice[] | null;
  onToggle: (id: string, visible: boolean) => void;
  onMove: (id: string, delta: -1 | 1) => void;
  onReset: () => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-4 py-3">
      <div className="flex min-w-0 flex-1 flex-wrap items-center gap-3">{toolbar}</div>
      {columns && (
        <ColumnSettings
          columns={columns}
          onToggle={onToggle}
          onMove={onMove}
          onReset={onReset}
        />
      )}
    </div>
  );
}

/** The bar with the caller's bulk actions while rows are selected. */
export function SelectionBar({ count, actions, onClear }: { count: number; actions: ReactNode; onClear: () => void }) {
  return (
    <div
      className="flex flex-wrap items-center gap-3 border-b border-brand-100 bg-brand-50 px-4 py-2 text-sm"
      role="region"
      aria-label="Bulk actions"
    >
      <p className="font-medium text-brand-900" aria-live="polite">
        {count.toLocaleString("en-US")} selected
      </p>
      <div className="flex flex-wrap items-center gap-2">{actions}</div>
      <button
        type="button"
        onClick={onClear}
        className="ml-auto inline-flex items-center gap-1 rounded-md px-2 py-1 text-brand-700 hover:bg-brand-100"
      >
        <X className="size-3.5" aria-hidden /> Clear selection
      </button>
    </div>
  );
}
