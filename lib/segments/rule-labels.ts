import type { LifecycleStage, RfmSegmentName, ScoreMetric } from "@/lib/segments/definition";


export const NUMBER_OPERATOR_LABELS = {
  eq: "=",
  neq: "≠",
  lt: "<",
  lte: "≤",
  gt: ">",
  gte: "≥",
  between: "between",
} as const;

export const METRIC_LABELS: Record<ScoreMetric | "rfm_segment" | "lifecycle_stage", string> = {
  rfm_recency: "RFM recency score (1–5)",
  rfm_frequency: "RFM frequency score (1–5)",
  rfm_monetary: "RFM monetary score (1–5)",
  clv: "Customer lifetime value",
  predicted_clv: "Predicted value, next 12 months",
  p_alive: "Probability still active (0–1)",
  rfm_segment: "RFM segment",
  lifecycle_stage: "Lifecycle stage",
};

export const RFM_SEGMENT_LABELS: Record<RfmSegmentName, string> = {
  champions: "Champions",
  loyal: "Loyal",
  potential_loyalists: "Potential loyalists",
  new: "New",
  promising: "Promising",
  need_attention: "Need attention",
  about_to_sleep: "About to sleep",
  at_risk: "At risk",
  cant_lose_them: "Can't lose them",
  hibernating: "Hibernating",
  lost: "Lost",
};

export const LIFECYCLE_LABELS: Record<LifecycleStage, string> = {
  new: "New",
  reactivated: "Reactivated",
  active: "Active",
  at_risk: "At risk",
  churned: "Churned",
};

export const GROUP_LABELS: Record<string, string> = {
  demographic: "Demographic",
  geographic: "Geographic",
  psychographic: "Psychographic",
  behavioral: "Behavioral",
  needs: "Needs",
  value: "Value",
  firmographic: "Firmographic",
  technographic: "Technographic",
};
