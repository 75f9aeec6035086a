"use client";

import { useId, useState, type InputHTMLAttributes } from "react";
import { numberProblem, numberText, parseNumberText } from "@/lib/segments/builder-input";
import { cn } from "@/components/ui/cn";

export const inputClass =
  "h-9 rounded-md border-0 bg-white px-2.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600 disabled:bg-slate-50";
const invalidClass = "ring-2 ring-red-400 focus:ring-red-500";

type BaseProps = Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "type">;

/**
 * A number box that shows exactly what was typed. The rule gets the number it reads, or NaN
 * (empty, `1e`) / Infinity (`1e400`) when there is none to use — never a silent 0 — and the
 * problem is said right next to the box.
 */
export function NumberInput({
  value,
  onValueChange,
  nonNegative = false,
  showProblem = true,
  className,
  ...props
}: BaseProps & {
  value: number;
  onValueChange: (value: number) => void;
  nonNegative?: boolean;
  /** false when the caller says the problem itself (a range, after both of its boxes). */
  showProblem?: boolean;
}) {
  const [draft, setDraft] = useState(() => numberText(value));
  const [shown, setShown] = useState(value);
  // The rule changed from elsewhere (another operator, a rule removed above): show its value,
  // unless the box already reads as that value.
  if (!Object.is(shown, value)) {
    setShown(value);
    if (!Object.is(parseNumberText(draft), value)) setDraft(numberText(value));
  }
  const problem = numberProblem(value);
  const messageId = useId();
  return (
    <span className="inline-flex items-center gap-1.5">
      <input
        {...props}
        type="text"
        inputMode={nonNegative ? "decimal" : "text"}
        autoComplete="off"
        spellCheck={false}
        className={cn(inputClass, className, problem && invalidClass)}
        value={draft}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem && showProblem ? messageId : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          const next = parseNumberText(e.target.value);
          setShown(next);
          onValueChange(next);
        }}
        onBlur={() => setDraft((d) => d.trim())}
      />
      {problem && showProblem && (
        <span id={messageId} role="alert" className="text-xs font-medium text-red-600">
          {problem}
        </span>
      )}
    </span>
  );
}

/** A text box whose value is trimmed when it loses focus ("Female " becomes "Female"). */
export function TextInput({
  value,
  onValueChange,
  className,
  ...props
}: BaseProps & { value: string; onValueChange: (value: string) => void }) {
  return (
    <input
      {...props}
      type="text"
      className={cn(inputClass, className)}
      value={value}
      onChange={(e) => onValueChange(e.target.value)}
      onBlur={(e) => {
        const trimmed = e.target.value.trim();
        if (trimmed !== e.target.value) onValueChange(trimmed);
      }}
    />
  );
}
