import "server-only";
/**
 * The "clustering" job: loads the run's features in one bounded statement, runs the computation
 * (lib/insights/cluster-compute.ts) with progress written to the run between steps, checks for a
 * cancel request between steps (→ CANCELLED), and writes the result and every customer's cluster
 * for each k (one "ClusterAssignment" row per customer).
 */
import { z } from "zod";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { withStatementTimeout } from "@/lib/db/statement-timeout";
import { computeClusters, type ClusterResult } from "@/lib/insights/cluster-compute";
import { featureSpec, loadClusterFeatures, MAX_RUN_CUSTOMERS, MIN_RUN_CUSTOMERS, numericTraitFeatures } from "@/lib/insights/clusters";
import { DomainError } from "@/lib/errors";
import { GENERIC_FAILURE, JobFailure, type JobHandler } from "@/lib/jobs/worker";
import { clusterOptionsSchema } from "@/lib/validations/clusters";

const { sql, join, raw } = Prisma;

const payloadSchema = z.object({ runId: z.string().min(1).max(64) });

/** Assignment rows per INSERT. */
const ASSIGN_BATCH = 10_000;

class Cancelled extends Error {}

export type ClusterJobOptions = { now?: Date; cap?: number; signal?: AbortSignal };

/** Runs one clustering run to its end (COMPLETED, CANCELLED or FAILED, with a message). */
export async function runClusterJob(client: PrismaClient, workspaceId: string, runId: string, options: ClusterJobOptions = {}): Promise<void> {
  const now = options.now ?? new Date();
  const started = await client.clusterRun.updateMany({
    where: { workspaceId, id: runId, status: { in: ["QUEUED", "RUNNING"] } },
    data: { status: "RUNNING", startedAt: now, progress: 1, stage: "Loading customers", message: null },
  });
  // Cancelled before it started, or deleted: nothing to do.
  if (started.count === 0) return;
  const run = await client.clusterRun.findFirstOrThrow({ where: { workspaceId, id: runId }, select: { options: true } });

  const step = async (progress: number, stage: string) => {
    if (options.signal?.aborted) throw new Cancelled("lease lost");
    const row = await client.clusterRun.update({
      where: { workspaceId_id: { workspaceId, id: runId } },
      data: { progress, stage },
      select: { cancelRequested: true },
    });
    if (row.cancelRequested) throw new Cancelled();
  };
  const finish = (data: Prisma.ClusterRunUpdateManyMutationInput) =>
    client.clusterRun.updateMany({ where: { workspaceId, id: runId, status: "RUNNING" }, data: { ...data, finishedAt: new Date() } });

  try {
    const parsed = clusterOptionsSchema.safeParse(run.options);
    if (!parsed.success) throw new JobFailure("The options of this run are not valid any more. Start a new run.");
    const opts = parsed.data;
    let spec;
    try {
      spec = featureSpec(opts, await numericTraitFeatures(client, workspaceId));
    } catch (error) {
      if (error instanceof DomainError) throw new JobFailure("A custom trait chosen for this run no longer exists or is no longer numeric. Start a new run.");
      throw error;
    }
    await step(2, "Loading customers");
    const features = await withStatementTimeout((tx) => loadClusterFeatures(tx, workspaceId, opts, now, options.cap ?? MAX_RUN_CUSTOMERS), { budget: "job", client });
    if (features.ids.length < MIN_RUN_CUSTOMERS)
      throw new JobFailure(`Clustering needs at least ${MIN_RUN_CUSTOMERS} customers; this workspace has ${features.ids.length}.`);
    await step(10, `Loaded ${features.ids.length.toLocaleString("en-US")} customers`);
    const { result, labels } = await computeClusters({ ids: features.ids, rows: features.rows, spec, kMin: opts.kMin, kMax: opts.kMax, seed: opts.seed }, step);
    await step(88, "Saving each customer's cluster");
    await writeAssignments(client, workspaceId, runId, features.ids, labels, result.kMin, result.kMax, step);
    await step(99, "Finishing");
    await finish({
      status: "COMPLETED",
      progress: 100,
      stage: null,
      customers: features.ids.length,
      result: { ...result, total: features.total, sampled: features.total > features.ids.length } satisfies ClusterResult as unknown as Prisma.InputJsonValue,
    });
  } catch (error) {
    if (error instanceof Cancelled) {
      await client.clusterAssignment.deleteMany({ where: { workspaceId, runId } });
      await finish({ status: "CANCELLED", stage: null, message: options.signal?.aborted ? "Stopped: the server handed the run to another worker." : "Cancelled. Nothing was kept; start a new run when you are ready." });
      return;
    }
    await client.clusterAssignment.deleteMany({ where: { workspaceId, runId } }).catch(() => {});
    await finish({ status: "FAILED", stage: null, message: error instanceof JobFailure ? error.message : GENERIC_FAILURE });
    throw error;
  }
}

/** One row per customer: `clusters[k − 1]` is the cluster at k (−1 for k below the run's range). */
async function writeAssignments(
  client: PrismaClient,
  workspaceId: string,
  runId: string,
  ids: number[],
  labels: Map<number, number[]>,
  kMin: number,
  kMax: number,
  step: (progress: number, stage: string) => Promise<void>,
): Promise<void> {
  await client.clusterAssignment.deleteMany({ where: { workspaceId, runId } });
  const ks = Array.from({ length: kMax - 1 }, (_, i) => i + 2);
  for (let start = 0; start < ids.length; start += ASSIGN_BATCH) {
    const end = Math.min(ids.length, start + ASSIGN_BATCH);
    const arrays = ks.filter((k) => k >= kMin).map((k) => sql`${labels.get(k)!.slice(start, end)}::int[]`);
    const columns = ks.filter((k) => k >= kMin).map((k) => raw(`"k${k}"`));
    const elements = ks.map((k) => (k >= kMin ? sql`u.${raw(`"k${k}"`)}` : sql`-1`));
    await client.$executeRaw(sql`
      INSERT INTO "ClusterAssignment" ("workspaceId", "runId", "customerId", "clusters")
      SELECT ${workspaceId}::uuid, ${runId}, u."id", ARRAY[${join(elements)}]::int[]
      FROM unnest(${ids.slice(start, end)}::int[], ${join(arrays)}) AS u("id", ${join(columns)})`);
    if (end < ids.length) await step(88 + Math.floor((10 * end) / ids.length), `Saving each customer's cluster (${end.toLocaleString("en-US")} of ${ids.length.toLocaleString("en-US")})`);
  }
}

export const clusterJobHandler: JobHandler = {
  async run(job, { db, signal }) {
    const { runId } = payloadSchema.parse(job.payload);
    await runClusterJob(db, job.workspaceId, runId, { signal });
  },
  async exhausted(job, { db }) {
    const row = await db.job.findUnique({ where: { workspaceId_id: { workspaceId: job.workspaceId, id: job.id } }, select: { payload: true } });
    const payload = payloadSchema.safeParse(row?.payload);
    if (!payload.success) return;
    await db.clusterRun.updateMany({
      where: { workspaceId: job.workspaceId, id: payload.data.runId, status: { in: ["QUEUED", "RUNNING"] } },
      data: { status: "FAILED", finishedAt: new Date(), stage: null, message: "The run stopped unexpectedly (the server restarted). Start it again." },
    });
  },
};
