import "server-only";
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { claimJob, completeJob, failJob, pruneJobs, renewLease, type JobRow } from "@/lib/jobs/queue";

/**
 * The in-process worker: polls the queue, runs at most `concurrency` jobs at a time in this
 * process (and at most `perWorkspace` per workspace across every process), renews each running
 * job's lease, and records how each job ended. Started once per server process
 * (instrumentation.ts); tests call `runNextJob` directly.
 */
export type JobHandler = {
  run(job: JobRow, ctx: { db: PrismaClient; signal: AbortSignal }): Promise<void>;
  /** The job was given up after its worker died `maxAttempts` times. */
  exhausted?(job: { workspaceId: string; id: string }, ctx: { db: PrismaClient }): Promise<void>;
};

/** A failure whose message is written for the user (anything else is logged and summarised). */
export class JobFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JobFailure";
  }
}

export type WorkerSettings = {
  handlers: Record<string, JobHandler>;
  owner?: string;
  leaseMs: number;
  perWorkspace: number;
  now?: () => Date;
};

export const GENERIC_FAILURE = "The job stopped because of an error on our side.";

/** Claims and runs one job; false when there was none to run. */
export async function runNextJob(db: PrismaClient, settings: WorkerSettings): Promise<boolean> {
  const owner = settings.owner ?? workerId();
  const now = settings.now ?? (() => new Date());
  const job = await claimJob(db, {
    owner,
    leaseMs: settings.leaseMs,
    perWorkspace: settings.perWorkspace,
    now: now(),
    onExhausted: async (gone) => {
      const row = await db.job.findUnique({ where: { workspaceId_id: { workspaceId: gone.workspaceId, id: gone.id } }, select: { kind: true } });
      await settings.handlers[row?.kind ?? ""]?.exhausted?.(gone, { db });
    },
  });
  if (!job) return false;
  const handler = settings.handlers[job.kind];
  if (!handler) {
    await failJob(db, job, owner, `Unknown kind of job: ${job.kind}.`, now());
    return true;
  }
  const controller = new AbortController();
  const renew = setInterval(() => {
    renewLease(db, job, owner, settings.leaseMs, now())
      .then((held) => {
        if (!held) controller.abort();
      })
      .catch((error: unknown) => console.error("[jobs] could not renew a lease", error));
  }, Math.max(50, Math.floor(settings.leaseMs / 3)));
  try {
    await handler.run(job, { db, signal: controller.signal });
    await completeJob(db, job, owner, now());
  } catch (error) {
    if (!(error instanceof JobFailure)) console.error(`[jobs] ${job.kind} ${job.id} failed`, error);
    await failJob(db, job, owner, error instanceof JobFailure ? error.message : GENERIC_FAILURE, now());
  } finally {
    clearInterval(renew);
  }
  return true;
}

export type RunningWorker = { stop(): Promise<void>; wake(): void };

export type PruneSettings = {
  /** Finished and failed jobs older than this many days are deleted. */
  retentionDays: number;
  /** Rows per DELETE. */
  batch: number;
  /** Least time between two prunes (default one hour). */
  everyMs?: number;
};

export const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Polls every `pollMs` (and at once when woken), running up to `concurrency` jobs at a time. With
 * `prune`, it also deletes old finished and failed jobs, at most once per `prune.everyMs`.
 */
export function startWorker(
  getDb: () => PrismaClient,
  settings: WorkerSettings & { pollMs: number; concurrency: number; prune?: PruneSettings },
): RunningWorker {
  const owner = settings.owner ?? workerId();
  const now = settings.now ?? (() => new Date());
  let stopped = false;
  let active = 0;
  const running = new Set<Promise<unknown>>();
  let timer: NodeJS.Timeout | undefined;
  let lastPrune: number | undefined;
  let pruning = false;

  const maybePrune = () => {
    const prune = settings.prune;
    if (!prune || pruning) return;
    const at = now().getTime();
    if (lastPrune !== undefined && at - lastPrune < (prune.everyMs ?? PRUNE_EVERY_MS)) return;
    lastPrune = at;
    pruning = true;
    const task = pruneJobs(getDb(), { before: new Date(at - prune.retentionDays * 24 * 60 * 60 * 1000), batch: prune.batch })
      .catch((error: unknown) => console.error("[jobs] could not delete old jobs", error))
      .finally(() => {
        pruning = false;
        running.delete(task);
      });
    running.add(task);
  };

  const tick = () => {
    if (stopped) return;
    clearTimeout(timer);
    maybePrune();
    while (active < settings.concurrency) {
      active++;
      const task = runNextJob(getDb(), { ...settings, owner })
        .catch((error: unknown) => {
          if (isBusy(error)) console.warn("[jobs] the database is busy; looking for work again at the next poll");
          else console.error("[jobs] worker error", error);
          return false;
        })
        .then((ran) => {
          active--;
          running.delete(task);
          if (ran) tick();
        });
      running.add(task);
      // One claim at a time; the next slot is tried when this claim has answered.
      break;
    }
    timer = setTimeout(tick, settings.pollMs);
    timer.unref?.();
  };
  tick();
  return {
    wake: tick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.allSettled([...running]);
    },
  };
}

/**
 * The claim could not get the database's connection in time (the embedded database runs one
 * statement at a time, and starts slowly): not an error, the next poll tries again.
 */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "P2028" || code === "DATABASE_BUSY";
}

export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}
