import "server-only";
import { db } from "@/lib/db";
import type { ImportJob } from "@/lib/generated/prisma/client";
import { importSettingsSchema, type ImportSettings } from "@/lib/imports/mapping";

/** Import jobs of one workspace. Every function takes the workspace id first. */
export type ImportJobView = Omit<ImportJob, "mapping"> & { settings: ImportSettings | null; interrupted: boolean };

/**
 * A running job whose heartbeat is older than this may have been stopped by a server restart: the
 * job runner picks it up again when its lease expires (lib/jobs), and gives up, marking it FAILED,
 * after its last attempt. Reading a job never changes it.
 */
export const STALE_AFTER_MS = 3 * 60_000;

export function toView(job: ImportJob, now = Date.now()): ImportJobView {
  const { mapping, ...rest } = job;
  const parsed = mapping ? importSettingsSchema.safeParse(mapping) : null;
  const beat = (job.heartbeatAt ?? job.startedAt)?.getTime() ?? 0;
  return { ...rest, settings: parsed?.success ? parsed.data : null, interrupted: job.status === "RUNNING" && now - beat > STALE_AFTER_MS };
}

export async function findImportJob(workspaceId: string, id: string): Promise<ImportJobView | null> {
  const job = await db.importJob.findUnique({ where: { workspaceId_id: { workspaceId, id } } });
  return job ? toView(job) : null;
}

export async function listImportJobs(workspaceId: string, take = 20): Promise<ImportJobView[]> {
  const jobs = await db.importJob.findMany({ where: { workspaceId }, orderBy: { createdAt: "desc" }, take });
  return jobs.map((j) => toView(j));
}

/** The report: every problem, in file order. */
export async function* streamImportErrors(workspaceId: string, jobId: string, pageSize = 5000) {
  let after = 0;
  for (;;) {
    const page = await db.importError.findMany({
      where: { workspaceId, jobId, id: { gt: after } },
      orderBy: { id: "asc" },
      take: pageSize,
      select: { id: true, row: true, column: true, value: true, message: true },
    });
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1]!.id;
  }
}

export async function firstImportErrors(workspaceId: string, jobId: string, take = 50) {
  return db.importError.findMany({
    where: { workspaceId, jobId },
    orderBy: { id: "asc" },
    take,
    select: { id: true, row: true, column: true, value: true, message: true },
  });
}
