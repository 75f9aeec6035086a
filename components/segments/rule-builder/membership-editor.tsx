"use client";

import { type Condition, type MembershipCondition } from "@/lib/segments/definition";
import { cn } from "@/components/ui/cn";
import { type Ctx, input } from "./context";

export function MembershipEditor({ condition, ctx, onChange }: { condition: MembershipCondition; ctx: Ctx; onChange: (c: Condition) => void }) {
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
