"use client";

import { Plus, Trash2, FolderPlus } from "lucide-react";
import type { catalogForClient } from "@/lib/segments/catalog";
import {
  LIFECYCLE_STAGES,
  OPERATOR_LABELS,
  RFM_SEGMENTS,
  type BehaviorCondition,
  type Condition,
  type FieldCondition,
  type FieldOperator,
  type Group,
  type MembershipCondition,
  type SegmentNode,
  type Subject,
  type TimeUnit,
  type ValueCondition,
  type Window,
} from "@/lib/segments/definition";
import { cn } from "@/components/ui/cn";
import {
  GROUP_LABELS,
  LIFECYCLE_LABELS,
  METRIC_LABELS,
  NUMBER_OPERATOR_LABELS,
  RFM_SEGMENT_LABELS,
} from "@/components/segments/rule-labels";
import { inputClass, NumberInput, TextInput } from "@/components/segments/rule-inputs";
import { conditionNumberIssues, numberProblem, splitList } from "@/lib/segments/builder-input";

export type CatalogEntry = ReturnType<typeof catalogForClient>[number];
export type ReferenceOptions = {
  /** `kind` STATIC: a hand-picked list, labelled as such. */
  segments: { id: string; name: string; kind?: "DYNAMIC" | "STATIC" }[];
  personas: { id: string; name: string; isNegative: boolean }[];
};
type Issues = Record<string, string[]>;

type Ctx = { catalog: CatalogEntry[]; refs: ReferenceOptions; issues: Issues; readOnly: boolean; selfId?: string };

const input = inputClass;

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** Messages for exactly this node, and for its own fields (`path.value`, `path.window`…), not its children. */
function issuesAt(issues: Issues, path: string): string[] {
  return Object.entries(issues)
    .filter(([p]) => p === path || (p.startsWith(`${path}.`) && !p.slice(path.length + 1).startsWith("children[")))
    .flatMap(([, messages]) => messages);
}

export function defaultFieldCondition(catalog: CatalogEntry[]): Condition {
  const field = catalog.find((f) => f.key === "country") ?? catalog[0];
  return field ? fieldConditionFor(field, field.type === "text" ? "eq" : (field.operators[0] ?? "is_set")) : { type: "field", field: "country", operator: "is_set" };
}

function fieldConditionFor(field: CatalogEntry, operator: FieldOperator): FieldCondition {
  const f = field.key;
  const sample = field.samples[0];
  switch (operator) {
    case "eq":
    case "neq":
      return { type: "field", field: f, operator, value: field.type === "number" ? Number(sample ?? 0) : String(sample ?? "") };
    case "in":
    case "not_in":
    case "has_any":
    case "has_all":
    case "has_none":
      return { type: "field", field: f, operator, value: sample === undefined ? [] : [String(sample)] };
    case "contains":
    case "starts_with":
    case "ends_with":
      return { type: "field", field: f, operator, value: "" };
    case "lt":
    case "lte":
    case "gt":
    case "gte":
      return { type: "field", field: f, operator, value: Number(sample ?? 0) };
    case "between":
      return field.type === "date"
        ? { type: "field", field: f, operator, value: { from: daysAgo(30), to: today() } }
        : { type: "field", field: f, operator, value: { min: 0, max: 100 } };
    case "before":
    case "after":
      return { type: "field", field: f, operator, value: today() };
    case "in_last":
    case "more_than_ago":
      return { type: "field", field: f, operator, value: { amount: 30, unit: "days" } };
    case "anniversary_within":
      return { type: "field", field: f, operator, value: 7 };
    default:
      return { type: "field", field: f, operator };
  }
}

function defaultCondition(kind: Condition["type"], ctx: Ctx): Condition {
  switch (kind) {
    case "field":
      return defaultFieldCondition(ctx.catalog);
    case "behavior":
      return { type: "behavior", kind: "aggregate", subject: { source: "orders" }, aggregate: "count", window: { kind: "last", amount: 90, unit: "days" }, operator: "gte", value: 1 };
    case "value":
      return { type: "value", metric: "rfm_segment", operator: "in", value: ["champions"] };
    case "membership": {
      const segment = ctx.refs.segments.find((s) => s.id !== ctx.selfId);
      if (segment) return { type: "membership", target: "segment", operator: "in", id: segment.id };
      const persona = ctx.refs.personas[0];
      return persona
        ? { type: "membership", target: "persona", operator: persona.isNegative ? "not_matches" : "matches", id: persona.id }
        : { type: "membership", target: "segment", operator: "in", id: "" };
    }
  }
}

// ---------------------------------------------------------------------------------------------

export function RuleBuilder({
  root,
  onChange,
  catalog,
  refs,
  issues,
  readOnly = false,
  selfId,
}: {
  root: Group;
  onChange: (root: Group) => void;
  catalog: CatalogEntry[];
  refs: ReferenceOptions;
  issues: Issues;
  readOnly?: boolean;
  selfId?: string;
}) {
  const ctx: Ctx = { catalog, refs, issues, readOnly, selfId };
  return <GroupEditor group={root} path="root" depth={1} ctx={ctx} onChange={(g) => onChange(g)} />;
}

function GroupEditor({
  group,
  path,
  depth,
  ctx,
  onChange,
  onRemove,
}: {
  group: Group;
  path: string;
  depth: number;
  ctx: Ctx;
  onChange: (g: Group) => void;
  onRemove?: () => void;
}) {
  const setChild = (i: number, node: SegmentNode) => onChange({ ...group, children: group.children.map((c, j) => (j === i ? node : c)) });
  const removeChild = (i: number) => onChange({ ...group, children: group.children.filter((_, j) => j !== i) });
  const own = issuesAt(ctx.issues, path);
  return (
    <div
      className={cn("rounded-xl p-3 ring-1", depth === 1 ? "bg-slate-50 ring-slate-200" : "bg-white ring-slate-200")}
      role="group"
      aria-label={depth === 1 ? "Rules" : "Rule group"}
    >
      <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
        <label className="inline-flex items-center gap-1.5 text-slate-600">
          <input
            type="checkbox"
            checked={!!group.negate}
            disabled={ctx.readOnly}
            onChange={(e) => onChange({ ...group, negate: e.target.checked || undefined })}
            className="size-4 rounded border-slate-300 text-brand-600"
          />
          NOT
        </label>
        <span className="text-slate-600">Customers matching</span>
        <select
          aria-label="Match all or any"
          className={input}
          value={group.op}
          disabled={ctx.readOnly}
          onChange={(e) => onChange({ ...group, op: e.target.value === "or" ? "or" : "and" })}
        >
          <option value="and">all of these (AND)</option>
          <option value="or">any of these (OR)</option>
        </select>
        {onRemove && !ctx.readOnly && (
          <button type="button" onClick={onRemove} className="ml-auto rounded-md p-1.5 text-slate-400 hover:bg-red-50 hover:text-red-600" aria-label="Remove group">
            <Trash2 className="size-4" />
          </button>
        )}
      </div>
      {own.map((m) => (
        <p key={m} className="mb-2 text-xs font-medium text-red-600" role="alert">
          {m}
        </p>
      ))}
      <ol className="space-y-2">
        {group.children.map((child, i) => {
          const childPath = `${path}.children[${i}]`;
          return (
            <li key={i} className="flex gap-2">
              {i > 0 && <span className="mt-2 w-8 shrink-0 text-center text-xs font-semibold uppercase text-brand-600">{group.op}</span>}
              {i === 0 && <span className="mt-2 w-8 shrink-0 text-center text-xs font-semibold uppercase text-slate-400">{group.children.length > 1 ? "" : ""}</span>}
              <div className="min-w-0 flex-1">
                {child.type === "group" ? (
                  <GroupEditor group={child} path={childPath} depth={depth + 1} ctx={ctx} onChange={(g) => setChild(i, g)} onRemove={() => removeChild(i)} />
                ) : (
                  <ConditionEditor condition={child} path={childPath} ctx={ctx} onChange={(c) => setChild(i, c)} onRemove={() => removeChild(i)} />
                )}
              </div>
            </li>
          );
        })}
      </ol>
      {group.children.length === 0 && <p className="px-1 py-2 text-sm text-slate-500">No rules yet: every customer matches an empty group.</p>}
      {!ctx.readOnly && (
        <div className="mt-3 flex gap-2">
          <button
            type="button"
            className="inline-flex h-8 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium text-brand-700 hover:bg-brand-50"
            onClick={() => onChange({ ...group, children: [...group.children, defaultFieldCondition(ctx.catalog)] })}
          >
            <Plus className="size-4" /> Add rule
          </button>
          {depth < 10 && (
            <button
              type="button"
              className="inline-flex h-8 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium text-slate-600 hover:bg-slate-100"
              onClick={() =>
                onChange({ ...group, children: [...group.children, { type: "group", op: group.op === "and" ? "or" : "and", children: [defaultFieldCondition(ctx.catalog)] }] })
              }
            >
              <FolderPlus className="size-4" /> Add group
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function ConditionEditor({
  condition,
  path,
  ctx,
  onChange,
  onRemove,
}: {
  condition: Condition;
  path: string;
  ctx: Ctx;
  onChange: (c: Condition) => void;
  onRemove: () => void;
}) {
  const messages = issuesAt(ctx.issues, path);
  // A number box that holds no usable number says so next to itself; the rule is outlined too.
  const invalid = messages.length > 0 || conditionNumberIssues(condition, path).length > 0;
  return (
    <div className={cn("rounded-lg bg-white p-2.5 shadow-sm ring-1", invalid ? "ring-red-300" : "ring-slate-200")} data-testid="rule">
      <fieldset disabled={ctx.readOnly} className="flex flex-wrap items-center gap-2">
        <select
          aria-label="Rule type"
          className={input}
          value={condition.type}
          onChange={(e) => onChange(defaultCondition(e.target.value as Condition["type"], ctx))}
        >
          <option value="field">Customer field</option>
          <option value="behavior">Orders &amp; events</option>
          <option value="value">Value, RFM &amp; lifecycle</option>
          <option value="membership">Segment or persona</option>
        </select>
        {condition.type === "field" && <FieldEditor condition={condition} ctx={ctx} onChange={onChange} />}
        {condition.type === "behavior" && <BehaviorEditor condition={condition} onChange={onChange} />}
        {condition.type === "value" && <ValueEditor condition={condition} onChange={onChange} />}
        {condition.type === "membership" && <MembershipEditor condition={condition} ctx={ctx} onChange={onChange} />}
        {!ctx.readOnly && (
          <button type="button" onClick={onRemove} className="ml-auto rounded-md p-1.5 text-slate-400 hover:bg-red-50 hover:text-red-600" aria-label="Remove rule">
            <Trash2 className="size-4" />
          </button>
        )}
      </fieldset>
      {messages.map((m) => (
        <p key={m} className="mt-1.5 text-xs font-medium text-red-600" role="alert">
          {m}
        </p>
      ))}
    </div>
  );
}

function FieldEditor({ condition, ctx, onChange }: { condition: FieldCondition; ctx: Ctx; onChange: (c: Condition) => void }) {
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

function FieldValue({
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

function RangeInputs({ min, max, onChange }: { min: number; max: number; onChange: (min: number, max: number) => void }) {
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

function DateRangeInputs({ from, to, onChange }: { from: string; to: string; onChange: (from: string, to: string) => void }) {
  return (
    <span className="inline-flex items-center gap-2 text-sm text-slate-600">
      <input aria-label="From" type="date" className={input} value={from} onChange={(e) => onChange(e.target.value, to)} /> and
      <input aria-label="To" type="date" className={input} value={to} onChange={(e) => onChange(from, e.target.value)} />
      <span className="text-xs text-slate-500">(inclusive)</span>
    </span>
  );
}

function AmountUnit({ amount, unit, onChange, suffix }: { amount: number; unit: TimeUnit; onChange: (a: number, u: TimeUnit) => void; suffix?: string }) {
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

function WindowEditor({ window, onChange }: { window: Window; onChange: (w: Window) => void }) {
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

function SubjectEditor({ subject, onChange }: { subject: Subject; onChange: (s: Subject) => void }) {
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

function NumberComparisonEditor({
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

function withComparison<T extends object>(base: T, op: keyof typeof NUMBER_OPERATOR_LABELS, value: number | { min: number; max: number }) {
  return op === "between" && typeof value !== "number"
    ? { ...base, operator: "between" as const, value }
    : { ...base, operator: op === "between" ? ("gte" as const) : op, value: typeof value === "number" ? value : value.min };
}

function BehaviorEditor({ condition, onChange }: { condition: BehaviorCondition; onChange: (c: Condition) => void }) {
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

function MultiCheck<T extends string>({ options, labels, value, onChange, label }: { options: readonly T[]; labels: Record<T, string>; value: T[]; onChange: (v: T[]) => void; label: string }) {
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

function ValueEditor({ condition, onChange }: { condition: ValueCondition; onChange: (c: Condition) => void }) {
  const c = condition;
  return (
    <>
      <select
        aria-label="Metric"
        className={input}
        value={c.metric}
        onChange={(e) => {
          const m = e.target.value;
          if (m === "rfm_segment") onChange({ type: "value", metric: "rfm_segment", operator: "in", value: ["champions"] });
          else if (m === "lifecycle_stage") onChange({ type: "value", metric: "lifecycle_stage", operator: "in", value: ["active"] });
          else onChange({ type: "value", metric: m as "rfm_recency" | "rfm_frequency" | "rfm_monetary" | "clv", operator: "gte", value: m === "clv" ? 500 : 4 });
        }}
      >
        {Object.entries(METRIC_LABELS).map(([m, label]) => (
          <option key={m} value={m}>
            {label}
          </option>
        ))}
      </select>
      {c.metric === "rfm_segment" || c.metric === "lifecycle_stage" ? (
        <>
          <select aria-label="Is or is not" className={input} value={c.operator} onChange={(e) => onChange({ ...c, operator: e.target.value === "not_in" ? "not_in" : "in" })}>
            <option value="in">is one of</option>
            <option value="not_in">is none of</option>
          </select>
          {c.metric === "rfm_segment" ? (
            <MultiCheck label="RFM segments" options={RFM_SEGMENTS} labels={RFM_SEGMENT_LABELS} value={c.value} onChange={(value) => onChange({ ...c, value })} />
          ) : (
            <MultiCheck label="Lifecycle stages" options={LIFECYCLE_STAGES} labels={LIFECYCLE_LABELS} value={c.value} onChange={(value) => onChange({ ...c, value })} />
          )}
        </>
      ) : (
        <NumberComparisonEditor
          operator={c.operator}
          value={c.value}
          onChange={(op, value) => onChange(withComparison({ type: "value" as const, metric: c.metric }, op, value))}
        />
      )}
    </>
  );
}

function MembershipEditor({ condition, ctx, onChange }: { condition: MembershipCondition; ctx: Ctx; onChange: (c: Condition) => void }) {
  const c = condition;
  const segments = ctx.refs.segments.filter((s) => s.id !== ctx.selfId);
  return (
    <>
      <select
        aria-label="Membership"
        className={input}
        value={`${c.target}:${c.operator}`}
        onChange={(e) => {
          const [target, operator] = e.target.value.split(":");
          if (target === "segment") onChange({ type: "membership", target: "segment", operator: operator === "not_in" ? "not_in" : "in", id: segments[0]?.id ?? "" });
          else onChange({ type: "membership", target: "persona", operator: operator === "not_matches" ? "not_matches" : "matches", id: ctx.refs.personas[0]?.id ?? "" });
        }}
      >
        <option value="segment:in">is in segment</option>
        <option value="segment:not_in">is not in segment</option>
        <option value="persona:matches">matches persona</option>
        <option value="persona:not_matches">does not match persona</option>
      </select>
      <select aria-label={c.target === "segment" ? "Segment" : "Persona"} className={cn(input, "max-w-64")} value={c.id} onChange={(e) => onChange({ ...c, id: e.target.value })}>
        <option value="">Choose…</option>
        {(c.target === "segment" ? segments : ctx.refs.personas).map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
            {"isNegative" in o && o.isNegative ? " (negative)" : ""}
            {"kind" in o && o.kind === "STATIC" ? " (static list)" : ""}
          </option>
        ))}
      </select>
    </>
  );
}
