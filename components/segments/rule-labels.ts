import type { FieldOperator, LifecycleStage, RfmSegmentName, ScoreMetric } from "@/lib/segments/definition";

export const OPERATOR_LABELS: Record<FieldOperator, string> = {
  eq: "is",
  neq: "is not",
  in: "is any of",
  not_in: "is none of",
  contains: "contains",
  starts_with: "starts with",
  ends_with: "ends with",
  is_set: "is set",
  is_empty: "is empty",
  lt: "is less than",
  lte: "is at most",
  gt: "is more than",
  gte: "is at least",
  between: "is between",
  before: "is before",
  after: "is after",
  in_last: "is in the last",
  more_than_ago: "is more than … ago",
  anniversary_within: "has an anniversary within the next",
  is_true: "is true",
  is_false: "is false",
  has_any: "has any of",
  has_all: "has all of",
  has_none: "has none of",
};

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
