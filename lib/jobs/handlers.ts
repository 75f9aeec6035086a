import "server-only";
import { z } from "zod";
import { resolveTarget } from "@/lib/db/adapter";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { runImport } from "@/lib/imports/run";
import { clusterJobHandler } from "@/lib/insights/cluster-job";
import { CLUSTER_JOB } from "@/lib/insights/clusters";
import { JobFailure, type JobHandler } from "@/lib/jobs/worker";
import { envVar } from "@/lib/env";
import { CLV_FIT_JOB, clvFitHandler } from "@/lib/jobs/clv-fit";

/** Kinds of background job and what runs them. */
export const IMPORT_JOB = "import";

const importPayload = z.object({
  importId: z.string().min(1).max(64),
  actor: z.object({ id: z.string(), email: z.string() }).nullable(),
});
export type ImportJobPayload = z.infer<typeof importPayload>;

/** Queues the run of an import (in the caller's transaction, with the job marked RUNNING). */
export async function enqueueImport(tx: Prisma.TransactionClient, workspaceId: string, payload: ImportJobPayload): Promise<void> {
  await tx.job.create({ data: { workspaceId, kind: IMPORT_JOB, payload } });
}

/**
 * A run picked up again after its worker died starts the file over: rows already imported are
 * recognised and left unchanged, so only the counters and the report start again.
 */
async function restartImport(db: PrismaClient, workspaceId: string, id: string): Promise<void> {
  await db.$transaction([
    db.importError.deleteMany({ where: { workspaceId, jobId: id } }),
    db.importJob.update({
      where: { workspaceId_id: { workspaceId, id } },
      data: { heartbeatAt: new Date(), bytesRead: 0, rowsRead: 0, rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: 0, rowsFailed: 0, errorCount: 0 },
    }),
  ]);
  await db.importKey.deleteMany({ where: { workspaceId, jobId: id } });
}

const importHandler: JobHandler = {
  async run(job, { db }) {
    const payload = importPayload.parse(job.payload);
    const current = await db.importJob.findUnique({
      where: { workspaceId_id: { workspaceId: job.workspaceId, id: payload.importId } },
      select: { status: true },
    });
    // Deleted, or finished by an earlier attempt: nothing left to do.
    if (!current || current.status !== "RUNNING") return;
    if (job.attempts > 1) await restartImport(db, job.workspaceId, payload.importId);
    // The embedded database serves one transaction at a time: smaller batches keep pages responsive.
    const batchRows = resolveTarget(envVar("DATABASE_URL")).kind === "pglite" ? 2000 : 5000;
    const outcome = await runImport(job.workspaceId, payload.importId, { client: db, actor: payload.actor, batchRows });
    if (outcome.status === "FAILED") throw new JobFailure(outcome.message ?? "The import failed.");
  },
  async exhausted(job, { db }) {
    const row = await db.job.findUnique({ where: { workspaceId_id: { workspaceId: job.workspaceId, id: job.id } }, select: { payload: true } });
    const payload = importPayload.safeParse(row?.payload);
    if (!payload.success) return;
    const where = { workspaceId: job.workspaceId, id: payload.data.importId, status: "RUNNING" as const };
    const current = await db.importJob.findFirst({ where, select: { rowsRead: true } });
    if (!current) return;
    await db.importJob.updateMany({
      where,
      data: {
        status: "FAILED",
        finishedAt: new Date(),
        message: `The import stopped unexpectedly (the server restarted) after ${current.rowsRead.toLocaleString("en-US")} rows. Those rows are in; run the import again to finish: rows already imported are recognised and left unchanged.`,
      },
    });
  },
};

export const JOB_HANDLERS: Record<string, JobHandler> = {
  [IMPORT_JOB]: importHandler,
  [CLV_FIT_JOB]: clvFitHandler,
  [CLUSTER_JOB]: clusterJobHandler,
};
