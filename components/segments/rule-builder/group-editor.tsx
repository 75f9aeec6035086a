"use client";

import { Plus, Trash2, FolderPlus } from "lucide-react";
import { type Condition, type Group, type SegmentNode } from "@/lib/segments/definition";
import { cn } from "@/components/ui/cn";
import { conditionNumberIssues } from "@/lib/segments/builder-input";
import { BehaviorEditor } from "./behavior-editor";
import { type Ctx, issuesAt, input } from "./context";
import { defaultFieldCondition, defaultCondition } from "./defaults";
import { FieldEditor } from "./field-editor";
import { MembershipEditor } from "./membership-editor";
import { ValueEditor } from "./value-editor";

export function GroupEditor({
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

export function ConditionEditor({
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
