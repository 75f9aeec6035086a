import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedDemoClustering } from "@/lib/demo/clusters";
import { seedDemoWorkspace } from "@/lib/demo/seed";
import type { ClusterResult } from "@/lib/insights/cluster-compute";
import { DEFAULT_NUMERIC } from "@/lib/validations/clusters";

describe("seedDemoClustering", () => {
  it("ships the demo with one completed run on the default features, every customer assigned, once", async () => {
    const seeded = await seedDemoWorkspace({ customers: 600 });
    expect(await seedDemoClustering(db, seeded.workspaceId, { actorId: seeded.userId })).toEqual({ created: 1, status: "COMPLETED" });
    expect(await seedDemoClustering(db, seeded.workspaceId)).toEqual({ created: 0, status: "present" });

    const run = await db.clusterRun.findFirstOrThrow({ where: { workspaceId: seeded.workspaceId } });
    expect(run.status).toBe("COMPLETED");
    expect(run.customers).toBe(600);
    const result = run.result as unknown as ClusterResult;
    expect(result.numeric.map((f) => f.key)).toEqual([...DEFAULT_NUMERIC]);
    expect(result.results.map((r) => r.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const r of result.results) expect(r.sizes.reduce((a, b) => a + b, 0)).toBe(600);
    expect(await db.clusterAssignment.count({ where: { workspaceId: seeded.workspaceId, runId: run.id } })).toBe(600);
  });
});
