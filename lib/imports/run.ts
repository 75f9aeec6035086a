import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit, type Actor } from "@/lib/dal/audit";
import { refreshPlannerStatistics, type AnalyzedTable } from "@/lib/db/analyze";
import type { ImportKind, TraitType } from "@/lib/generated/prisma/enums";
import { importFilePath } from "@/lib/imports/files";
import { importSettingsSchema, type ImportSettings } from "@/lib/imports/mapping";
import { readRecords } from "@/lib/imports/parse";
import { rowReader, type ReadRow, type RowProblem } from "@/lib/imports/rows";
import { prepareBatch, writeBatch, type PreparedBatch, type WriteContext } from "@/lib/imports/write";
import { loadTraitDefinitions } from "@/lib/segments/traits";

/**
 * Runs an import job: streams its file, checks every row, writes valid rows in batches (one
 * transaction per batch, committed together with the job's progress and the batch's problems),
 * and stops between batches when the user cancels. Parsing of the next batch overlaps the write
 * of the previous one. Memory stays flat: at most two batches are held at a time.
 */
export const DEFAULT_BATCH_ROWS = 5000;
/** Problems stored per job; beyond this they are counted but not listed in the report. */
export const MAX_STORED_PROBLEMS = 100_000;

export type RunOptions = { batchRows?: number; client: PrismaClient; actor?: Actor | null };

export type RunOutcome = { status: "COMPLETED" | "CANCELLED" | "FAILED"; message: string | null };

type Problem = { line: number; problem: RowProblem };

export async function runImport(workspaceId: string, jobId: string, options: RunOptions): Promise<RunOutcome> {
  const client = options.client;
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  const job = await client.importJob.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId, id: jobId } } });
  const settings: ImportSettings = importSettingsSchema.parse(job.mapping);
  if (job.status !== "RUNNING" || !job.startedAt) throw new Error("the job is not running");
  const traits = await loadTraitDefinitions(client, workspaceId);
  const traitTypes = new Map<string, TraitType>(traits.map((t) => [t.key, t.type]));
  const reader = rowReader(job.kind, settings, job.columns, traitTypes);
  const columnOf = (key: string) => {
    const i = settings.columns.findIndex((c) => c.type === "field" && c.key === key);
    return i === -1 ? key : (job.columns[i] ?? key);
  };
  const ctx: WriteContext = {
    workspaceId,
    jobId,
    kind: job.kind,
    stamp: job.startedAt,
    matchBy: settings.matchBy,
    fieldKeys: reader.fieldKeys,
    extraKeys: job.kind === "CUSTOMERS" ? reader.extraKeys : [],
    columnOf,
  };

  let bytes = 0;
  let stored = job.errorCount;
  let cancelled = false;
  const controller = new AbortController();

  const commit = async (rows: ReadRow[], prepared: PreparedBatch | null, readCount: number, problems: Problem[], bytesNow: number) => {
    await client.$transaction(
      async (tx) => {
        // A batch's commit need not wait for the disk: if the server crashes, the batch and the
        // job's progress are lost together, and running the import again redoes exactly them.
        await tx.$executeRaw`set local synchronous_commit = off`;
        const outcome = await writeBatch(tx, ctx, rows, prepared);
        const all = [...problems, ...outcome.problems].sort((a, b) => a.line - b.line);
        const failedLines = new Set(all.map((p) => p.line)).size;
        const room = Math.max(0, MAX_STORED_PROBLEMS - stored);
        const listed = JSON.stringify(
          all.slice(0, room).map((p) => ({ row: p.line, column: p.problem.column, value: p.problem.value, message: p.problem.message })),
        );
        stored += all.length;
        // The batch's problems and the job's progress in one statement.
        const [state] = await tx.$queryRaw<{ cancelRequested: boolean }[]>`
          with listed as (
            insert into "ImportError" ("workspaceId", "jobId", "row", "column", "value", "message")
            select ${workspaceId}::uuid, ${jobId}, r."row", r."column", r."value", r."message"
            from jsonb_to_recordset(${listed}::jsonb) as r("row" integer, "column" text, "value" text, "message" text)
          )
          update "ImportJob" set
            "rowsRead" = "rowsRead" + ${readCount},
            "rowsInserted" = "rowsInserted" + ${outcome.inserted},
            "rowsUpdated" = "rowsUpdated" + ${outcome.updated},
            "rowsUnchanged" = "rowsUnchanged" + ${outcome.unchanged},
            "rowsFailed" = "rowsFailed" + ${failedLines},
            "errorCount" = "errorCount" + ${all.length},
            "bytesRead" = ${bytesNow},
            "heartbeatAt" = now()
          where "workspaceId" = ${workspaceId}::uuid and "id" = ${jobId}
          returning "cancelRequested"`;
        if (state?.cancelRequested) {
          cancelled = true;
          controller.abort();
        }
      },
      { timeout: 300_000, maxWait: 120_000 },
    );
  };

  let inFlight: Promise<void> = Promise.resolve();
  let batch: ReadRow[] = [];
  let problems: Problem[] = [];
  let readCount = 0;
  const flush = async () => {
    const [rows, found, count] = [batch, problems, readCount];
    batch = [];
    problems = [];
    readCount = 0;
    // Checked and serialised while the previous batch is still being written.
    const prepared = rows.length ? prepareBatch(ctx, rows) : null;
    await inFlight;
    if (cancelled) return;
    inFlight = commit(rows, prepared, count, found, Math.min(bytes, job.fileSize));
    // Surface a failed write at the next flush (or at the end), not as an unhandled rejection.
    inFlight.catch(() => {});
  };

  try {
    let headerSkipped = !job.hasHeader;
    let firstBatch = true;
    for await (const item of readRecords(importFilePath(workspaceId, jobId), {
      encoding: settings.encoding,
      delimiter: settings.delimiter,
      onBytes: (b) => (bytes = b),
      signal: controller.signal,
    })) {
      if (cancelled) break;
      if (item.type === "unreadable") {
        problems.push({ line: item.line, problem: { column: "(row)", value: "", message: item.message } });
        readCount++;
      } else if (!headerSkipped) {
        headerSkipped = true;
        continue;
      } else {
        readCount++;
        const row = reader.read(item.cells, item.line);
        if (row.problems.length) for (const p of row.problems) problems.push({ line: row.line, problem: p });
        else batch.push(row);
      }
      // A small first batch: the progress bar moves within a second, even on the embedded database.
      if (batch.length + problems.length >= (firstBatch ? Math.min(500, batchRows) : batchRows)) {
        firstBatch = false;
        await flush();
      }
    }
    if (!cancelled && (batch.length || problems.length || readCount)) await flush();
    await inFlight;
  } catch (error) {
    await inFlight.catch(() => {});
    const message = failureMessage(error);
    await finish(client, workspaceId, jobId, "FAILED", message, undefined, options.actor);
    return { status: "FAILED", message };
  }
  if (cancelled) {
    const message = "Cancelled. Rows imported before you cancelled stay in; run the import again to finish it.";
    await finish(client, workspaceId, jobId, "CANCELLED", message, undefined, options.actor);
    await refreshStatistics(client, job.kind);
    return { status: "CANCELLED", message };
  }
  await finish(client, workspaceId, jobId, "COMPLETED", null, job.fileSize, options.actor);
  await refreshStatistics(client, job.kind);
  return { status: "COMPLETED", message: null };
}

const IMPORTED_TABLES: Record<ImportKind, readonly AnalyzedTable[]> = {
  CUSTOMERS: ["Customer"],
  ORDERS: ["Order", "CustomerMetrics"],
  EVENTS: ["Event"],
};

/**
 * After a bulk write the planner needs fresh statistics (the embedded database never collects them
 * by itself); a failure here leaves the import as it is.
 */
async function refreshStatistics(client: PrismaClient, kind: ImportKind): Promise<void> {
  try {
    await refreshPlannerStatistics(client, IMPORTED_TABLES[kind]);
  } catch (error) {
    console.error("[imports] could not refresh planner statistics", error);
  }
}

async function finish(client: PrismaClient, workspaceId: string, id: string, status: RunOutcome["status"], message: string | null, bytesRead?: number, actor?: Actor | null) {
  await client.$transaction(async (tx) => {
    const job = await tx.importJob.update({
      where: { workspaceId_id: { workspaceId, id } },
      data: { status, message, finishedAt: new Date(), heartbeatAt: new Date(), ...(bytesRead !== undefined ? { bytesRead } : {}) },
    });
    await recordAudit(
      workspaceId,
      actor ?? null,
      {
        action: IMPORT_AUDIT_ACTIONS[job.kind],
        targetType: "import",
        targetId: id,
        metadata: {
          status,
          fileName: job.fileName,
          rowsRead: job.rowsRead,
          inserted: job.rowsInserted,
          updated: job.rowsUpdated,
          unchanged: job.rowsUnchanged,
          failed: job.rowsFailed,
        },
      },
      tx,
    );
  });
  // The run's keys are no longer needed. One statement outside the transaction above: a large
  // import has millions of them, and the job already says it has finished.
  await client.importKey.deleteMany({ where: { workspaceId, jobId: id } });
}

function failureMessage(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === "ENOENT") return "The uploaded file is no longer on the server. Upload it again.";
  console.error("[import] failed", error);
  return "The import stopped because of an error on our side. Rows imported before it stay in; run the import again to finish it.";
}

export const IMPORT_AUDIT_ACTIONS: Record<ImportKind, string> = {
  CUSTOMERS: "customers.imported",
  ORDERS: "orders.imported",
  EVENTS: "events.imported",
};
