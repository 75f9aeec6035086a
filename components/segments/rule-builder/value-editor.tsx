"use client";

import { LIFECYCLE_STAGES, RFM_SEGMENTS, type Condition, type ScoreMetric, type ValueCondition } from "@/lib/segments/definition";
import { LIFECYCLE_LABELS, METRIC_LABELS, RFM_SEGMENT_LABELS } from "@/lib/segments/rule-labels";
import { input } from "./context";
import { NumberComparisonEditor, withComparison, MultiCheck } from "./shared-editors";

export function ValueEditor({ condition, onChange }: { condition: ValueCondition; onChange: (c: Condition) => void }) {
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
          else
            onChange({
              type: "value",
              metric: m as ScoreMetric,
              operator: "gte",
              value: m === "clv" ? 500 : m === "predicted_clv" ? 200 : m === "p_alive" ? 0.5 : 4,
            });
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
