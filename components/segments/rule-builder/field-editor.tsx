"use client";

import { OPERATOR_LABELS, type Condition, type FieldCondition, type FieldOperator } from "@/lib/segments/definition";
import { cn } from "@/components/ui/cn";
import { GROUP_LABELS } from "@/lib/segments/rule-labels";
import { NumberInput, TextInput } from "@/components/segments/rule-inputs";
import { numberProblem, splitList } from "@/lib/segments/builder-input";
import { type Ctx, input } from "./context";
import { fieldConditionFor } from "./defaults";
import { AmountUnit } from "./shared-editors";

export function FieldEditor({ condition, ctx, onChange }: { condition: FieldCondition; ctx: Ctx; onChange: (c: Condition) => void }) {
  const field = ctx.catalog.find((f) => f.key === condition.field);
  const groups = Object.keys(GROUP_LABELS).filter((g) => ctx.catalog.some((f) => f.group === g));
  const listId = `samples-${condition.field.replace(/\W/g, "_")}`;
  return (
    <>
      <select
        aria-label="Field"
        className={cn(input, "max-w-56")}
        value={condition.field}
        onChange={(e) => {
          const next = ctx.catalog.find((f) => f.key === e.target.value);
          if (next) onChange(fieldConditionFor(next, next.operators.includes(condition.operator) ? condition.operator : (next.operators[0] ?? "is_set")));
        }}
      >
        {!field && <option value={condition.field}>{condition.field} (unknown)</option>}
        {groups.map((g) => (
          <optgroup key={g} label={GROUP_LABELS[g]}>
            {ctx.catalog
              .filter((f) => f.group === g)
              .map((f) => (
                <option key={f.key} value={f.key}>
                  {f.label}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      <select
        aria-label="Operator"
        className={input}
        value={condition.operator}
        onChange={(e) => field && onChange(fieldConditionFor(field, e.target.value as FieldOperator))}
      >
        {(field?.operators ?? [condition.operator]).map((op) => (
          <option key={op} value={op}>
            {OPERATOR_LABELS[op]}
          </option>
        ))}
      </select>
      <datalist id={listId}>
        {field?.samples.map((s) => (
          <option key={String(s)} value={String(s)} />
        ))}
      </datalist>
      <FieldValue condition={condition} type={field?.type ?? "text"} listId={listId} onChange={onChange} />
    </>
  );
}

export function FieldValue({
  condition,
  type,
  listId,
  onChange,
}: {
  condition: FieldCondition;
  type: string;
  listId: string;
  onChange: (c: Condition) => void;
}) {
  const c = condition;
  switch (c.operator) {
    case "eq":
    case "neq":
      return type === "number" ? (
        <NumberInput aria-label="Value" className="w-32" value={Number(c.value)} onValueChange={(value) => onChange({ ...c, value })} />
      ) : (
        <TextInput aria-label="Value" list={listId} className="w-48" value={String(c.value)} onValueChange={(value) => onChange({ ...c, value })} />
      );
    case "contains":
    case "starts_with":
    case "ends_with":
      return <TextInput aria-label="Value" className="w-48" value={c.value} onValueChange={(value) => onChange({ ...c, value })} />;
    case "in":
    case "not_in":
    case "has_any":
    case "has_all":
    case "has_none":
      return (
        <input
          aria-label="Values, separated by commas"
          placeholder="a, b, c"
          list={listId}
          className={cn(input, "w-64")}
          defaultValue={c.value.join(", ")}
          onBlur={(e) => {
            const value = splitList(e.target.value);
            e.target.value = value.join(", ");
            onChange({ ...c, value });
          }}
        />
      );
    case "lt":
    case "lte":
    case "gt":
    case "gte":
      return <NumberInput aria-label="Value" className="w-32" value={c.value} onValueChange={(value) => onChange({ ...c, value })} />;
    case "between":
      return "min" in c.value ? (
        <RangeInputs min={c.value.min} max={c.value.max} onChange={(min, max) => onChange({ ...c, value: { min, max } })} />
      ) : (
        <DateRangeInputs from={c.value.from} to={c.value.to} onChange={(from, to) => onChange({ ...c, value: { from, to } })} />
      );
    case "before":
    case "after":
      return <input aria-label="Date" type="date" className={input} value={c.value} onChange={(e) => onChange({ ...c, value: e.target.value })} />;
    case "in_last":
    case "more_than_ago":
      return <AmountUnit amount={c.value.amount} unit={c.value.unit} onChange={(amount, unit) => onChange({ ...c, value: { amount, unit } })} suffix={c.operator === "more_than_ago" ? "ago" : undefined} />;
    case "anniversary_within":
      return (
        <span className="inline-flex items-center gap-2 text-sm text-slate-600">
          <NumberInput aria-label="Days" nonNegative className="w-20" value={c.value} onValueChange={(value) => onChange({ ...c, value })} /> days
        </span>
      );
    default:
      return null;
  }
}

export function RangeInputs({ min, max, onChange }: { min: number; max: number; onChange: (min: number, max: number) => void }) {
  return (
    <span className="inline-flex items-center gap-2 text-sm text-slate-600">
      <NumberInput aria-label="Minimum" showProblem={false} className="w-24" value={min} onValueChange={(v) => onChange(v, max)} /> and
      <NumberInput aria-label="Maximum" showProblem={false} className="w-24" value={max} onValueChange={(v) => onChange(min, v)} />
      <span className="text-xs text-slate-500">(inclusive)</span>
      {(
        [
          ["Minimum", min],
          ["Maximum", max],
        ] as const
      ).map(([label, v]) => {
        const problem = numberProblem(v);
        return problem ? (
          <span key={label} role="alert" className="text-xs font-medium text-red-600">
            {label}: {problem[0]?.toLowerCase()}
            {problem.slice(1)}
          </span>
        ) : null;
      })}
    </span>
  );
}

export function DateRangeInputs({ from, to, onChange }: { from: string; to: string; onChange: (from: string, to: string) => void }) {
  return (
    <span className="inline-flex items-center gap-2 text-sm text-slate-600">
      <input aria-label="From" type="date" className={input} value={from} onChange={(e) => onChange(e.target.value, to)} /> and
      <input aria-label="To" type="date" className={input} value={to} onChange={(e) => onChange(from, e.target.value)} />
      <span className="text-xs text-slate-500">(inclusive)</span>
    </span>
  );
}
