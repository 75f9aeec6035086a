import "server-only";
import { getDb } from "@/lib/db";
import { env, envVar } from "@/lib/env";
import { JOB_HANDLERS } from "@/lib/jobs/handlers";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";

/**
 * The worker of this server process, started once by instrumentation.ts. Settings:
 * JOB_CONCURRENCY_PER_WORKSPACE (default 1), JOB_WORKER_CONCURRENCY (jobs at once in this
 * process, default 2), JOB_LEASE_MS (default 60000), JOB_POLL_MS (default 1000); finished and
 * failed jobs are deleted after JOB_RETENTION_DAYS (default 14), JOB_PRUNE_BATCH rows at a time
 * (default 1000), checked at most once an hour.
 */
type Holder = { worker?: RunningWorker };
const holder: Holder = ((globalThis as unknown as { __segmentlyJobs?: Holder }).__segmentlyJobs ??= {});

export function jobSettings() {
  return {
    perWorkspace: envVar("JOB_CONCURRENCY_PER_WORKSPACE"),
    concurrency: envVar("JOB_WORKER_CONCURRENCY"),
    leaseMs: envVar("JOB_LEASE_MS"),
    pollMs: envVar("JOB_POLL_MS"),
  };
}

export function startJobWorker(): RunningWorker {
  const { JOB_RETENTION_DAYS, JOB_PRUNE_BATCH } = env();
  holder.worker ??= startWorker(getDb, {
    handlers: JOB_HANDLERS,
    ...jobSettings(),
    prune: { retentionDays: JOB_RETENTION_DAYS, batch: JOB_PRUNE_BATCH },
  });
  return holder.worker;
}

/** Looks for work now instead of at the next poll (after a job was queued in this process). */
export function wakeJobWorker(): void {
  holder.worker?.wake();
}

export async function stopJobWorker(): Promise<void> {
  const worker = holder.worker;
  holder.worker = undefined;
  await worker?.stop();
}
