import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/**
 * The job queue: rows of `"Job"`, claimed under a lease. One code path for PGlite and PostgreSQL
 * (no LISTEN/NOTIFY, no extra connection): workers poll.
 *
 * - `claimJob` takes the oldest runnable job — queued, or running with an expired lease (its
 *   worker died) — of a workspace that runs fewer than `perWorkspace` jobs, with
 *   `FOR UPDATE SKIP LOCKED`. Claims are serialised by a transaction-level advisory lock, so two
 *   workers cannot both take a workspace's last free slot.
 * - A claimed job's lease is renewed while it runs (`renewLease`); a job reclaimed after
 *   `maxAttempts` is failed instead of run again.
 * - Times are passed in (`now`), never read from the database clock, so tests can move them.
 */
type Client = PrismaClient | Prisma.TransactionClient;

export type JobRow = {
  workspaceId: string;
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
};

/**
 * A claim may wait a while for the connection: on the embedded database one heavy statement holds
 * it, and the poll would otherwise fail (and log) every second until it ends.
 */
const CLAIM_TX_OPTIONS = { maxWait: 10_000 } as const;

/** Arbitrary key of the claim lock (pg_advisory_xact_lock). */
const CLAIM_LOCK = 734_119_021;

export async function enqueueJob(
  client: Client,
  input: { workspaceId: string; kind: string; payload: Prisma.InputJsonValue; maxAttempts?: number; now?: Date },
): Promise<{ id: string }> {
  const now = input.now ?? new Date();
  const job = await client.job.create({
    data: { workspaceId: input.workspaceId, kind: input.kind, payload: input.payload, maxAttempts: input.maxAttempts ?? 3, runAfter: now, createdAt: now },
    select: { id: true },
  });
  return job;
}

export type ClaimOptions = {
  owner: string;
  leaseMs: number;
  perWorkspace: number;
  now?: Date;
  /** Called for a job given up after its worker died too often (lets its kind record why). */
  onExhausted?: (job: { workspaceId: string; id: string }) => Promise<void>;
};

/**
 * Claims one job, or returns null. A job whose lease ran out on its last allowed attempt is
 * marked FAILED here (and `claimJob` looks again).
 */
export async function claimJob(db: PrismaClient, options: ClaimOptions): Promise<JobRow | null> {
  for (;;) {
    const now = options.now ?? new Date();
    const leaseUntil = new Date(now.getTime() + options.leaseMs);
    const result = await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(${CLAIM_LOCK}::bigint)::text AS locked`;
      const [candidate] = await tx.$queryRaw<{ workspaceId: string; id: string; attempts: number; maxAttempts: number; status: string }[]>`
        SELECT c."workspaceId", c."id", c."attempts", c."maxAttempts", c."status"::text AS "status"
        FROM "Job" c
        WHERE ((c."status" = 'QUEUED' AND c."runAfter" <= ${now})
               OR (c."status" = 'RUNNING' AND c."leaseExpiresAt" < ${now}))
          AND (SELECT count(*) FROM "Job" r
               WHERE r."workspaceId" = c."workspaceId" AND r."status" = 'RUNNING' AND r."leaseExpiresAt" >= ${now}) < ${options.perWorkspace}
        ORDER BY c."createdAt", c."id"
        LIMIT 1
        FOR UPDATE SKIP LOCKED`;
      if (!candidate) return null;
      if (candidate.attempts >= candidate.maxAttempts) {
        await tx.job.update({
          where: { workspaceId_id: { workspaceId: candidate.workspaceId, id: candidate.id } },
          data: {
            status: "FAILED",
            finishedAt: now,
            leaseOwner: null,
            leaseExpiresAt: null,
            message: `Stopped unexpectedly ${candidate.attempts} times (the server restarted while it ran); not tried again.`,
          },
        });
        return { exhausted: candidate };
      }
      const [claimed] = await tx.$queryRaw<JobRow[]>`
        UPDATE "Job" SET "status" = 'RUNNING', "leaseOwner" = ${options.owner}, "leaseExpiresAt" = ${leaseUntil},
               "attempts" = "attempts" + 1, "startedAt" = COALESCE("startedAt", ${now}), "message" = NULL
        WHERE "workspaceId" = ${candidate.workspaceId}::uuid AND "id" = ${candidate.id}
        RETURNING "workspaceId", "id", "kind", "payload", "attempts", "maxAttempts"`;
      return claimed ? { claimed } : null;
    }, CLAIM_TX_OPTIONS);
    if (!result) return null;
    if ("claimed" in result) return result.claimed ?? null;
    await options.onExhausted?.({ workspaceId: result.exhausted.workspaceId, id: result.exhausted.id });
  }
}

/** Extends the lease while the job runs; false when another worker has taken the job over. */
export async function renewLease(db: PrismaClient, job: Pick<JobRow, "workspaceId" | "id">, owner: string, leaseMs: number, now = new Date()): Promise<boolean> {
  const { count } = await db.job.updateMany({
    where: { workspaceId: job.workspaceId, id: job.id, status: "RUNNING", leaseOwner: owner },
    data: { leaseExpiresAt: new Date(now.getTime() + leaseMs) },
  });
  return count === 1;
}

export async function completeJob(db: PrismaClient, job: Pick<JobRow, "workspaceId" | "id">, owner: string, now = new Date()): Promise<void> {
  await db.job.updateMany({
    where: { workspaceId: job.workspaceId, id: job.id, leaseOwner: owner },
    data: { status: "COMPLETED", finishedAt: now, leaseOwner: null, leaseExpiresAt: null },
  });
}

export async function failJob(db: PrismaClient, job: Pick<JobRow, "workspaceId" | "id">, owner: string, message: string, now = new Date()): Promise<void> {
  await db.job.updateMany({
    where: { workspaceId: job.workspaceId, id: job.id, leaseOwner: owner },
    data: { status: "FAILED", finishedAt: now, leaseOwner: null, leaseExpiresAt: null, message },
  });
}

export type PruneOptions = {
  /** Finished (COMPLETED or FAILED) jobs that ended before this are deleted. */
  before: Date;
  /** Rows deleted by one statement. */
  batch: number;
  /** Statements in one run at most (the rest waits for the next run). */
  maxBatches?: number;
};

/**
 * Deletes one batch of finished and failed jobs that ended before `before` (at most `batch`
 * rows); queued and running jobs are never touched. Returns how many rows went.
 */
export async function pruneJobBatch(db: PrismaClient, options: Omit<PruneOptions, "maxBatches">): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "Job"
    WHERE ("workspaceId", "id") IN (
      SELECT "workspaceId", "id" FROM "Job"
      WHERE "status" IN ('COMPLETED', 'FAILED') AND COALESCE("finishedAt", "createdAt") < ${options.before}
      LIMIT ${options.batch}
      FOR UPDATE SKIP LOCKED)`;
}

/**
 * Deletes finished and failed jobs that ended before `before`, batch by batch, so no statement
 * holds the database for long. Returns how many rows went.
 */
export async function pruneJobs(db: PrismaClient, options: PruneOptions): Promise<number> {
  const maxBatches = options.maxBatches ?? 100;
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const deleted = await pruneJobBatch(db, options);
    total += deleted;
    if (deleted < options.batch) break;
  }
  return total;
}
