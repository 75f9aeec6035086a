import type { ImportKind, ImportStatus } from "@/lib/generated/prisma/enums";

/** Display helpers shared by the import pages. */
const number = new Intl.NumberFormat("en-US");
const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

export const formatCount = (n: number) => number.format(n);

/** 207283 → "202.4 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${number.format(bytes)} B`;
  const units = ["KB", "MB", "GB"] as const;
  let value = bytes / 1024;
  let unit: (typeof units)[number] = units[0];
  for (const next of units.slice(1)) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  return `${oneDecimal.format(value)} ${unit}`;
}

export const STATUS_LABELS: Record<ImportStatus, string> = {
  UPLOADED: "Needs mapping",
  RUNNING: "Running",
  COMPLETED: "Completed",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

export const KIND_NOUNS: Record<ImportKind, string> = { CUSTOMERS: "customers", ORDERS: "orders", EVENTS: "events" };

export const isTerminal = (status: ImportStatus) => status === "COMPLETED" || status === "FAILED" || status === "CANCELLED";
