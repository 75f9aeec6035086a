import type { ImportJobView } from "@/lib/dal/imports";
import type { ImportKind, ImportStatus } from "@/lib/generated/prisma/enums";

/** What the browser sees of an import job (plain JSON: the progress poll returns it). */
export type ImportStatusView = {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  fileName: string;
  fileSize: number;
  bytesRead: number;
  rowsRead: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsFailed: number;
  errorCount: number;
  message: string | null;
  cancelRequested: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export function statusView(job: ImportJobView): ImportStatusView {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    fileName: job.fileName,
    fileSize: job.fileSize,
    bytesRead: job.bytesRead,
    rowsRead: job.rowsRead,
    rowsInserted: job.rowsInserted,
    rowsUpdated: job.rowsUpdated,
    rowsUnchanged: job.rowsUnchanged,
    rowsFailed: job.rowsFailed,
    errorCount: job.errorCount,
    message: job.message,
    cancelRequested: job.cancelRequested,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/** Rows per second over the run so far. */
export function rowsPerSecond(s: Pick<ImportStatusView, "rowsRead" | "startedAt" | "finishedAt">, now = Date.now()): number {
  if (!s.startedAt) return 0;
  const end = s.finishedAt ? Date.parse(s.finishedAt) : now;
  const seconds = Math.max(0.001, (end - Date.parse(s.startedAt)) / 1000);
  return s.rowsRead / seconds;
}

/** Share of the file read, 0–1 (bytes are the only measure known before the end). */
export function progressOf(s: Pick<ImportStatusView, "bytesRead" | "fileSize" | "status">): number {
  if (s.status === "COMPLETED") return 1;
  return s.fileSize > 0 ? Math.min(1, s.bytesRead / s.fileSize) : 0;
}
