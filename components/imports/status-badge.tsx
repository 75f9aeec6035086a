import type { ImportStatus } from "@/lib/generated/prisma/enums";
import { Badge } from "@/components/ui/card";
import { STATUS_LABELS } from "@/components/imports/format";

/** An import's state; a completed import whose file had problems is marked as such. */
export function ImportStatusBadge({ status, errorCount }: { status: ImportStatus; errorCount: number }) {
  if (status === "COMPLETED" && errorCount > 0) return <Badge tone="amber">Completed with problems</Badge>;
  const tone = status === "COMPLETED" ? "green" : status === "FAILED" ? "red" : status === "RUNNING" ? "brand" : "gray";
  return <Badge tone={tone}>{STATUS_LABELS[status]}</Badge>;
}
