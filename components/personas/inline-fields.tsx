"use client";

import { Plus, X } from "lucide-react";
import { useState, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { PERSONALITY_POINTS, type PersonalitySlider, type PersonaSection } from "@/lib/validations/persona";

/** Inputs that read like the card's text until hovered or focused (edited in place). */
const inline =
  "w-full rounded-md border-0 bg-transparent px-1.5 py-0.5 -mx-1.5 ring-inset placeholder:text-slate-400 hover:bg-slate-50 hover:ring-1 hover:ring-slate-200 focus:bg-white focus:ring-2 focus:ring-brand-500 focus:outline-none read-only:hover:bg-transparent read-only:hover:ring-0";

export function InlineText({
  value,
  onChange,
  label,
  placeholder,
  className,
  readOnly,
  maxLength = 200,
}: {
  value: string | null;
  onChange: (v: string) => void;
  label: string;
  placeholder?: string;
  className?: string;
  readOnly?: boolean;
  maxLength?: number;
}) {
  return (
    <input
      aria-label={label}
      value={value ?? ""}
      placeholder={readOnly ? "—" : (placeholder ?? label)}
      readOnly={readOnly}
      maxLength={maxLength}
      onChange={(e) => onChange(e.target.value)}
      className={cn(inline, className)}
    />
  );
}

export function InlineArea({
  value,
  onChange,
  label,
  placeholder,
  className,
  readOnly,
  rows = 3,
  maxLength = 4000,
}: {
  value: string | null;
  onChange: (v: string) => void;
  label: string;
  placeholder?: string;
  className?: string;
  readOnly?: boolean;
  rows?: number;
  maxLength?: number;
}) {
  return (
    <textarea
      aria-label={label}
      value={value ?? ""}
      placeholder={readOnly ? "—" : (placeholder ?? label)}
      readOnly={readOnly}
      rows={rows}
      maxLength={maxLength}
      onChange={(e) => onChange(e.target.value)}
      className={cn(inline, "resize-none leading-relaxed", className)}
    />
  );
}

/** A bulleted list edited in place: Enter adds an item after this one, an empty item's Backspace removes it. */
export function ListEditor({
  items,
  onChange,
  label,
  placeholder,
  readOnly,
  accent = "brand",
}: {
  items: string[];
  onChange: (items: string[]) => void;
  label: string;
  placeholder: string;
  readOnly?: boolean;
  accent?: "brand" | "red" | "amber" | "emerald" | "sky" | "violet";
}) {
  const [focus, setFocus] = useState<number | null>(null);
  const dot = {
    brand: "bg-brand-500",
    red: "bg-red-500",
    amber: "bg-amber-500",
    emerald: "bg-emerald-500",
    sky: "bg-sky-500",
    violet: "bg-violet-500",
  }[accent];
  const set = (i: number, v: string) => onChange(items.map((x, j) => (j === i ? v : x)));
  const insertAfter = (i: number) => {
    onChange([...items.slice(0, i + 1), "", ...items.slice(i + 1)]);
    setFocus(i + 1);
  };
  const remove = (i: number) => {
    onChange(items.filter((_, j) => j !== i));
    setFocus(i > 0 ? i - 1 : null);
  };
  return (
    <div role="group" aria-label={label}>
      {items.length === 0 && readOnly && <p className="text-sm text-slate-400">—</p>}
      <ul className="space-y-1">
        {items.map((item, i) => (
          <li key={i} className="group flex items-start gap-2">
            <span className={cn("mt-2.5 size-1.5 shrink-0 rounded-full", dot)} aria-hidden />
            <input
              aria-label={`${label} ${i + 1}`}
              value={item}
              readOnly={readOnly}
              maxLength={300}
              placeholder={placeholder}
              ref={(el) => {
                if (el && focus === i) {
                  el.focus();
                  setFocus(null);
                }
              }}
              onChange={(e) => set(i, e.target.value)}
              onKeyDown={(e) => {
                if (readOnly) return;
                if (e.key === "Enter") {
                  e.preventDefault();
                  insertAfter(i);
                } else if (e.key === "Backspace" && item === "") {
                  e.preventDefault();
                  remove(i);
                }
              }}
              className={cn(inline, "text-sm text-slate-700")}
            />
            {!readOnly && (
              <button
                type="button"
                onClick={() => remove(i)}
                className="mt-1 rounded p-0.5 text-slate-300 opacity-0 group-hover:opacity-100 hover:text-red-600 focus:opacity-100"
                aria-label={`Remove ${label.toLowerCase()} ${i + 1}`}
              >
                <X className="size-3.5" />
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <button
          type="button"
          onClick={() => insertAfter(items.length - 1)}
          className="mt-1 inline-flex items-center gap-1 rounded px-1 text-xs font-medium text-slate-500 hover:text-brand-700"
        >
          <Plus className="size-3.5" /> Add
        </button>
      )}
    </div>
  );
}

export function SectionBox({ title, children, className, icon }: { title: string; children: ReactNode; className?: string; icon?: ReactNode }) {
  return (
    <section className={cn("rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200", className)}>
      <h3 className="mb-2 flex items-center gap-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {icon}
        {title}
      </h3>
      {children}
    </section>
  );
}

export function PersonalitySliders({
  sliders,
  onChange,
  readOnly,
}: {
  sliders: PersonalitySlider[];
  onChange: (s: PersonalitySlider[]) => void;
  readOnly?: boolean;
}) {
  return (
    <div className="space-y-3">
      {sliders.map((s, i) => (
        <fieldset key={s.key} className="grid grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)] items-center gap-2 text-xs leading-tight">
          <legend className="sr-only">
            {s.left} to {s.right}
          </legend>
          <span className={cn("text-right", s.value <= 2 ? "font-medium text-slate-900" : "text-slate-500")}>{s.left}</span>
          <span className="flex items-center gap-1">
            {Array.from({ length: PERSONALITY_POINTS }, (_, k) => k + 1).map((point) => (
              <label key={point} className="cursor-pointer">
                <input
                  type="radio"
                  name={`slider-${s.key}`}
                  className="peer sr-only"
                  checked={s.value === point}
                  disabled={readOnly}
                  onChange={() => onChange(sliders.map((x, j) => (j === i ? { ...x, value: point } : x)))}
                  aria-label={`${s.left} ↔ ${s.right}: ${point} of ${PERSONALITY_POINTS}`}
                />
                <span
                  className={cn(
                    "block size-4 rounded-full ring-2 transition peer-focus-visible:ring-brand-600",
                    s.value === point ? "bg-brand-600 ring-brand-600" : "bg-white ring-slate-200 hover:ring-brand-300",
                  )}
                />
              </label>
            ))}
          </span>
          <span className={cn(s.value >= 4 ? "font-medium text-slate-900" : "text-slate-500")}>{s.right}</span>
        </fieldset>
      ))}
    </div>
  );
}

export function FreeSections({
  sections,
  onChange,
  readOnly,
}: {
  sections: PersonaSection[];
  onChange: (s: PersonaSection[]) => void;
  readOnly?: boolean;
}) {
  const set = (i: number, patch: Partial<PersonaSection>) => onChange(sections.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {sections.map((s, i) => (
        <section key={i} className="group relative rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <InlineText
            label={`Section ${i + 1} title`}
            value={s.title}
            placeholder="Section title"
            readOnly={readOnly}
            maxLength={120}
            onChange={(title) => set(i, { title })}
            className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase"
          />
          <InlineArea label={`Section ${i + 1} text`} value={s.body} readOnly={readOnly} placeholder="Write anything the team should know" onChange={(body) => set(i, { body })} className="text-sm text-slate-700" />
          {!readOnly && (
            <button
              type="button"
              onClick={() => onChange(sections.filter((_, j) => j !== i))}
              className="absolute top-2 right-2 rounded p-1 text-slate-300 opacity-0 group-hover:opacity-100 hover:text-red-600 focus:opacity-100"
              aria-label={`Remove section ${i + 1}`}
            >
              <X className="size-4" />
            </button>
          )}
        </section>
      ))}
      {!readOnly && (
        <button
          type="button"
          onClick={() => onChange([...sections, { title: "", body: "" }])}
          className="flex min-h-24 items-center justify-center gap-1.5 rounded-xl border-2 border-dashed border-slate-200 text-sm font-medium text-slate-500 hover:border-brand-300 hover:text-brand-700"
        >
          <Plus className="size-4" /> Add a section
        </button>
      )}
    </div>
  );
}
