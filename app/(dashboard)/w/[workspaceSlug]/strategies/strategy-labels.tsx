import { Badge } from "@/components/ui/card";
import { formatDate } from "@/lib/format";

export const STATUS_LABELS = { DRAFT: "Draft", ACTIVE: "Active", ARCHIVED: "Archived" } as const;
export type StrategyStatus = keyof typeof STATUS_LABELS;

export function StatusBadge({ status }: { status: StrategyStatus }) {
  return <Badge tone={status === "ACTIVE" ? "green" : status === "DRAFT" ? "amber" : "gray"}>{STATUS_LABELS[status]}</Badge>;
}

/** "Jan 1, 2027 – Mar 31, 2027", "from …", "until …", or null without dates (ISO dates). */
export function periodText(start: string | null, end: string | null): string | null {
  const f = (d: string) => formatDate(new Date(`${d.slice(0, 10)}T00:00:00.000Z`));
  if (start && end) return `${f(start)} – ${f(end)}`;
  if (start) return `from ${f(start)}`;
  if (end) return `until ${f(end)}`;
  return null;
}
