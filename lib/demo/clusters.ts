import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { runClusterJob } from "@/lib/insights/cluster-job";
import { clusterOptionsSchema, DEFAULT_NUMERIC } from "@/lib/validations/clusters";

/**
 * The demo workspace's clustering run: the default features (age, income, spend, orders, days
 * since last order), k = 2…10, run once at seeding through the same code as the job, so Insights →
 * Clusters opens on a real result.
 */
export async function seedDemoClustering(client: PrismaClient, workspaceId: string, options: { actorId?: string | null; now?: Date } = {}): Promise<{ created: number; status: string }> {
  if ((await client.clusterRun.count({ where: { workspaceId } })) > 0) return { created: 0, status: "present" };
  const runOptions = clusterOptionsSchema.parse({ numeric: [...DEFAULT_NUMERIC] });
  const run = await client.clusterRun.create({ data: { workspaceId, options: runOptions, createdById: options.actorId ?? null }, select: { id: true } });
  // A failure is recorded on the run (FAILED, with its message); seeding goes on without it.
  await runClusterJob(client, workspaceId, run.id, { now: options.now }).catch((error: unknown) => console.error("[demo] the clustering run failed", error));
  const done = await client.clusterRun.findFirstOrThrow({ where: { workspaceId, id: run.id }, select: { status: true } });
  return { created: 1, status: done.status };
}
