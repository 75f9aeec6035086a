"use client";

import { type BehaviorCondition, type Condition } from "@/lib/segments/definition";
import { input, today, daysAgo } from "./context";
import { DateRangeInputs } from "./field-editor";
import { AmountUnit, WindowEditor, SubjectEditor, NumberComparisonEditor, withComparison } from "./shared-editors";

export function BehaviorEditor({ condition, onChange }: { condition: BehaviorCondition; onChange: (c: Condition) => void }) {
  const c = condition;
  const kindSelect = (
    <select
      aria-label="Behavior"
      className={input}
      value={c.kind === "aggregate" ? c.aggregate : c.kind === "occurrence" ? `${c.which}_occurrence` : "never"}
      onChange={(e) => {
        const v = e.target.value;
        const subject = c.subject;
        if (v === "never") onChange({ type: "behavior", kind: "never", subject, window: { kind: "last", amount: 90, unit: "days" } });
        else if (v === "first_occurrence" || v === "last_occurrence")
          onChange({ type: "behavior", kind: "occurrence", subject, which: v === "first_occurrence" ? "first" : "last", operator: "in_last", value: { amount: 30, unit: "days" } });
        else
          onChange({
            type: "behavior",
            kind: "aggregate",
            subject: v === "count" ? subject : { source: "orders" },
            aggregate: v as "count" | "sum" | "avg" | "min" | "max",
            window: c.kind === "aggregate" || c.kind === "never" ? c.window : { kind: "last", amount: 90, unit: "days" },
            operator: "gte",
            value: v === "count" ? 1 : 100,
          });
      }}
    >
      <option value="count">Number of</option>
      <option value="sum">Total amount of</option>
      <option value="avg">Average amount of</option>
      <option value="min">Smallest amount of</option>
      <option value="max">Largest amount of</option>
      <option value="first_occurrence">First of</option>
      <option value="last_occurrence">Last of</option>
      <option value="never">Has never had</option>
    </select>
  );
  return (
    <>
      {kindSelect}
      <SubjectEditor subject={c.subject} onChange={(subject) => onChange({ ...c, subject })} />
      {c.kind === "aggregate" && (
        <>
          <WindowEditor window={c.window} onChange={(window) => onChange({ ...c, window })} />
          <NumberComparisonEditor
            operator={c.operator}
            value={c.value}
            onChange={(op, value) => {
              const { operator: _o, value: _v, ...base } = c;
              onChange(withComparison(base, op, value));
            }}
          />
        </>
      )}
      {c.kind === "never" && <WindowEditor window={c.window} onChange={(window) => onChange({ ...c, window })} />}
      {c.kind === "occurrence" && (
        <>
          <select
            aria-label="When"
            className={input}
            value={c.operator}
            onChange={(e) => {
              const { operator: _o, value: _v, ...base } = c;
              const op = e.target.value;
              if (op === "before" || op === "after") onChange({ ...base, operator: op, value: today() });
              else if (op === "between") onChange({ ...base, operator: "between", value: { from: daysAgo(90), to: today() } });
              else onChange({ ...base, operator: op === "more_than_ago" ? "more_than_ago" : "in_last", value: { amount: 30, unit: "days" } });
            }}
          >
            <option value="in_last">was in the last</option>
            <option value="more_than_ago">was more than … ago</option>
            <option value="before">was before</option>
            <option value="after">was after</option>
            <option value="between">was between</option>
          </select>
          {(c.operator === "before" || c.operator === "after") && (
            <input aria-label="Date" type="date" className={input} value={c.value} onChange={(e) => onChange({ ...c, value: e.target.value })} />
          )}
          {c.operator === "between" && <DateRangeInputs from={c.value.from} to={c.value.to} onChange={(from, to) => onChange({ ...c, value: { from, to } })} />}
          {(c.operator === "in_last" || c.operator === "more_than_ago") && (
            <AmountUnit amount={c.value.amount} unit={c.value.unit} onChange={(amount, unit) => onChange({ ...c, value: { amount, unit } })} />
          )}
        </>
      )}
    </>
  );
}
