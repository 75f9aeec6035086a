"use client";

import { type Subject, type TimeUnit, type Window } from "@/lib/segments/definition";
import { cn } from "@/components/ui/cn";
import { NUMBER_OPERATOR_LABELS } from "@/lib/segments/rule-labels";
import { NumberInput, TextInput } from "@/components/segments/rule-inputs";
import { input, today, daysAgo } from "./context";
import { RangeInputs, DateRangeInputs } from "./field-editor";

export function AmountUnit({ amount, unit, onChange, suffix }: { amount: number; unit: TimeUnit; onChange: (a: number, u: TimeUnit) => void; suffix?: string }) {
  return (
    <span className="inline-flex items-center gap-2 text-sm text-slate-600">
      <NumberInput aria-label="Amount" nonNegative className="w-20" value={amount} onValueChange={(a) => onChange(a, unit)} />
      <select aria-label="Unit" className={input} value={unit} onChange={(e) => onChange(amount, e.target.value as TimeUnit)}>
        <option value="days">days</option>
        <option value="weeks">weeks</option>
        <option value="months">months</option>
      </select>
      {suffix}
    </span>
  );
}

export function WindowEditor({ window, onChange }: { window: Window; onChange: (w: Window) => void }) {
  return (
    <>
      <select
        aria-label="Time window"
        className={input}
        value={window.kind}
        onChange={(e) =>
          onChange(
            e.target.value === "ever"
              ? { kind: "ever" }
              : e.target.value === "between"
                ? { kind: "between", from: daysAgo(90), to: today() }
                : { kind: "last", amount: 90, unit: "days" },
          )
        }
      >
        <option value="last">in the last</option>
        <option value="between">between</option>
        <option value="ever">ever</option>
      </select>
      {window.kind === "last" && <AmountUnit amount={window.amount} unit={window.unit} onChange={(amount, unit) => onChange({ kind: "last", amount, unit })} />}
      {window.kind === "between" && <DateRangeInputs from={window.from} to={window.to} onChange={(from, to) => onChange({ kind: "between", from, to })} />}
    </>
  );
}

export function SubjectEditor({ subject, onChange }: { subject: Subject; onChange: (s: Subject) => void }) {
  return (
    <>
      <select
        aria-label="Orders or events"
        className={input}
        value={subject.source}
        onChange={(e) => onChange(e.target.value === "events" ? { source: "events", name: "page_view" } : { source: "orders" })}
      >
        <option value="orders">orders</option>
        <option value="events">events named</option>
      </select>
      {subject.source === "events" ? (
        <TextInput aria-label="Event name" className="w-36" value={subject.name} onValueChange={(name) => onChange({ ...subject, name })} />
      ) : (
        <TextInput
          aria-label="Order category (optional)"
          placeholder="any category"
          className="w-36"
          value={subject.category ?? ""}
          onValueChange={(category) => onChange({ ...subject, category: category.trim() ? category : undefined })}
        />
      )}
    </>
  );
}

export function NumberComparisonEditor({
  operator,
  value,
  onChange,
}: {
  operator: keyof typeof NUMBER_OPERATOR_LABELS;
  value: number | { min: number; max: number };
  onChange: (op: keyof typeof NUMBER_OPERATOR_LABELS, value: number | { min: number; max: number }) => void;
}) {
  return (
    <>
      <select
        aria-label="Comparison"
        className={input}
        value={operator}
        onChange={(e) => {
          const op = e.target.value as keyof typeof NUMBER_OPERATOR_LABELS;
          onChange(op, op === "between" ? { min: 1, max: 5 } : typeof value === "number" ? value : value.min);
        }}
      >
        {Object.entries(NUMBER_OPERATOR_LABELS).map(([op, label]) => (
          <option key={op} value={op}>
            {label}
          </option>
        ))}
      </select>
      {typeof value === "number" ? (
        <NumberInput aria-label="Number" className="w-28" value={value} onValueChange={(v) => onChange(operator, v)} />
      ) : (
        <RangeInputs min={value.min} max={value.max} onChange={(min, max) => onChange(operator, { min, max })} />
      )}
    </>
  );
}

export function withComparison<T extends object>(base: T, op: keyof typeof NUMBER_OPERATOR_LABELS, value: number | { min: number; max: number }) {
  return op === "between" && typeof value !== "number"
    ? { ...base, operator: "between" as const, value }
    : { ...base, operator: op === "between" ? ("gte" as const) : op, value: typeof value === "number" ? value : value.min };
}


export function MultiCheck<T extends string>({ options, labels, value, onChange, label }: { options: readonly T[]; labels: Record<T, string>; value: T[]; onChange: (v: T[]) => void; label: string }) {
  return (
    <span className="inline-flex flex-wrap gap-1.5" role="group" aria-label={label}>
      {options.map((o) => {
        const on = value.includes(o);
        return (
          <button
            key={o}
            type="button"
            aria-pressed={on}
            onClick={() => onChange(on ? value.filter((v) => v !== o) : [...value, o])}
            className={cn(
              "rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset",
              on ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-600 ring-slate-300 hover:bg-slate-50",
            )}
          >
            {labels[o]}
          </button>
        );
      })}
    </span>
  );
}
