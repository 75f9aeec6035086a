import "server-only";
import { getDb } from "@/lib/db";
import { JOB_HANDLERS } from "@/lib/jobs/handlers";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";

/**
 * The worker of this server process, started once by instrumentation.ts. Settings:
 * JOB_CONCURRENCY_PER_WORKSPACE (default 1), JOB_WORKER_CONCURRENCY (jobs at once in this
 * process, default 2), JOB_LEASE_MS (default 60000), JOB_POLL_MS (default 1000).
 */
type Holder = { worker?: RunningWorker };
const holder: Holder = ((globalThis as unknown as { __segmentlyJobs?: Holder }).__segmentlyJobs ??= {});

function setting(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
}

export function jobSettings() {
  return {
    perWorkspace: setting("JOB_CONCURRENCY_PER_WORKSPACE", 1),
    concurrency: setting("JOB_WORKER_CONCURRENCY", 2),
    leaseMs: setting("JOB_LEASE_MS", 60_000),
    pollMs: setting("JOB_POLL_MS", 1_000),
  };
}

export function startJobWorker(): RunningWorker {
  holder.worker ??= startWorker(getDb, { handlers: JOB_HANDLERS, ...jobSettings() });
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
