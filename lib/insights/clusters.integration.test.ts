/**
 * Insights → Clusters on a hand-built population of three well-separated groups (PGlite and
 * PostgreSQL): the job recovers the groups, a cluster saved as a static segment has exactly the
 * group's customers, the rule-based segment's agreement equals a count made independently from
 * its members, cancelling works, and bad options are refused with clear messages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ServiceContext } from "@/lib/domain/context";
import { DomainError } from "@/lib/errors";
import type { ClusterResult } from "@/lib/insights/cluster-compute";
import { runClusterJob } from "@/lib/insights/cluster-job";
import { cancelClusterRun, CLUSTER_JOB, clusterRuleDefinition, KEEP_RUNS, saveCluster, startClusterRun } from "@/lib/insights/clusters";
import { JOB_HANDLERS } from "@/lib/jobs/handlers";
import { runNextJob } from "@/lib/jobs/worker";
import { evaluate } from "@/lib/segments/evaluate";
import { blankCustomer, createTestWorkspace, insertPopulation, type PopulationMember } from "@/lib/segments/test-fixtures";

const NOW = new Date("2026-01-01T12:00:00.000Z");

/**
 * Three groups of 20: young, low income, one small order (ids 1–20); middle-aged, high income,
 * ten orders (21–40); older, middle income, four orders (41–60). Within a group the values vary a
 * little (by i), far less than between groups.
 */
function group(first: number, birthYear: number, income: number, orders: number, orderAmount: number, country: string): PopulationMember[] {
  return Array.from({ length: 20 }, (_, i) => {
    const id = first + i;
    const history = Array.from({ length: orders }, (_, o) => ({
      orderedAt: new Date(Date.UTC(2025, 5 + (o % 6), 1 + (i % 20), 12)),
      amount: (orderAmount + (i % 5)).toFixed(2),
      category: null,
      channel: null,
    }));
    return {
      customer: blankCustomer(id, { birthDate: new Date(Date.UTC(birthYear - (i % 4), 0, 15)), annualIncome: income + 1000 * (i % 5), country }),
      history: { orders: history, events: [] },
    };
  });
}

const POPULATION = [...group(1, 2004, 20_000, 1, 10, "US"), ...group(21, 1983, 100_000, 10, 100, "DE"), ...group(41, 1963, 50_000, 4, 50, "FR")];
const GROUPS = [POPULATION.slice(0, 20), POPULATION.slice(20, 40), POPULATION.slice(40, 60)].map((g) => g.map((m) => m.customer.id));
const OPTIONS = { numeric: ["age", "income", "spend", "frequency"], categorical: ["country"], kMin: 2, kMax: 6, seed: 3 };

async function expectDomainError(promise: Promise<unknown>, code: string, text: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  expect(JSON.stringify({ message: (error as DomainError).message, fields: (error as DomainError).fieldErrors })).toMatch(text);
}

describe("clustering runs", () => {
  let workspaceId: string;
  let small: string;
  let editor: ServiceContext;
  let viewer: ServiceContext;
  let runId: string;
  let result: ClusterResult;

  beforeAll(async () => {
    workspaceId = await createTestWorkspace(db);
    small = await createTestWorkspace(db);
    await insertPopulation(db, workspaceId, POPULATION);
    await insertPopulation(db, small, POPULATION.slice(0, 5));
    const user = await db.user.create({ data: { email: `clusters-${Date.now()}-${Math.random()}@example.test`, name: "Cleo" } });
    await db.membership.create({ data: { workspaceId, userId: user.id, role: "EDITOR" } });
    editor = { workspaceId, actor: { id: user.id, email: user.email, name: user.name }, role: "EDITOR" };
    viewer = { ...editor, role: "VIEWER" };
  });

  afterAll(async () => {
    await db.workspace.delete({ where: { id: workspaceId } });
    await db.workspace.delete({ where: { id: small } });
    await db.user.delete({ where: { id: editor.actor.id } });
  });

  it("refuses bad options, viewers and too small a workspace with clear messages", async () => {
    await expectDomainError(startClusterRun(editor, { ...OPTIONS, numeric: ["age"] }), "VALIDATION", /at least two numeric features/);
    await expectDomainError(startClusterRun(editor, { ...OPTIONS, numeric: ["age", "shoe size"] }), "VALIDATION", /Unknown feature/);
    await expectDomainError(startClusterRun(editor, { ...OPTIONS, numeric: ["age", "trait:plan"] }), "VALIDATION", /not a numeric trait/);
    await expectDomainError(startClusterRun(editor, { ...OPTIONS, kMin: 5, kMax: 3 }), "VALIDATION", /largest k must be at least the smallest/);
    await expectDomainError(startClusterRun(editor, { ...OPTIONS, kMax: 11 }), "VALIDATION", /from 2 to 10/);
    await expectDomainError(startClusterRun(viewer, OPTIONS), "FORBIDDEN", /not run a new clustering/);
    await expectDomainError(startClusterRun({ ...editor, workspaceId: small }, OPTIONS), "BAD_REQUEST", /at least 20 customers; this workspace has 5/);
    expect(await db.clusterRun.count({ where: { workspaceId } })).toBe(0);
  });

  it("runs as a job and recovers the three groups", async () => {
    ({ id: runId } = await startClusterRun(editor, OPTIONS));
    // One run at a time.
    await expectDomainError(startClusterRun(editor, OPTIONS), "CONFLICT", /already in progress/);
    const job = await db.job.findFirst({ where: { workspaceId, kind: CLUSTER_JOB } });
    expect(job?.payload).toEqual({ runId });
    expect(await runNextJob(db, { handlers: JOB_HANDLERS, leaseMs: 60_000, perWorkspace: 1 })).toBe(true);
    const run = await db.clusterRun.findFirstOrThrow({ where: { workspaceId, id: runId } });
    expect(run.message).toBeNull();
    expect(run.status).toBe("COMPLETED");
    expect(run.progress).toBe(100);
    expect(run.customers).toBe(60);
    result = run.result as unknown as ClusterResult;
    expect(result.results.map((r) => r.k)).toEqual([2, 3, 4, 5, 6]);
    expect(result.bestK).toBe(3);
    const k3 = result.results.find((r) => r.k === 3)!;
    expect(k3.sizes).toEqual([20, 20, 20]);
    // WCSS falls as k grows.
    for (let i = 1; i < result.results.length; i++) expect(result.results[i]!.wcss).toBeLessThan(result.results[i - 1]!.wcss);

    // Every group is one cluster at k = 3, three different clusters.
    const rows = await db.clusterAssignment.findMany({ where: { workspaceId, runId } });
    expect(rows).toHaveLength(60);
    const at3 = new Map(rows.map((r) => [r.customerId, r.clusters[1]!]));
    const labelOf = GROUPS.map((g) => new Set(g.map((id) => at3.get(id))));
    labelOf.forEach((s) => expect(s.size).toBe(1));
    expect(new Set(labelOf.map((s) => [...s][0])).size).toBe(3);
    // One entry per k = 2 … 6 (in SQL, 1-based: "clusters"[k − 1]).
    expect(rows.every((r) => r.clusters.length === 5 && r.clusters.every((c) => Number.isInteger(c) && c >= 0 && c < 6))).toBe(true);

    // The centroid of the high-income group, in original units, is its mean income.
    const richLabel = at3.get(21)!;
    const incomeCol = result.columns.findIndex((c) => c.key === "income");
    const richIncomes = POPULATION.slice(20, 40).map((m) => Number(m.customer.annualIncome));
    expect(k3.centroids[richLabel]![incomeCol]).toBeCloseTo(richIncomes.reduce((s, v) => s + v, 0) / 20, 4);
    // Its profile: all of them in DE, and a name from its most distinctive features.
    const rich = k3.clusters[richLabel]!;
    expect(rich.categorical[0]!.top[0]).toMatchObject({ level: "DE", share: 1 });
    expect(rich.name).toMatch(/Big spenders|Frequent buyers|High income/);
    // Its 10th–90th percentile income range, by hand: incomes 100k…104k, four of each.
    const sorted = [...richIncomes].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.floor(19 * p)]! + (sorted[Math.ceil(19 * p)]! - sorted[Math.floor(19 * p)]!) * (19 * p - Math.floor(19 * p));
    expect(rich.ranges.find((r) => r.key === "income")).toEqual({ key: "income", low: q(0.1), high: q(0.9), known: 20 });
  });

  it("saves a cluster as a static segment with exactly its members", async () => {
    const cluster = (await db.clusterAssignment.findFirstOrThrow({ where: { workspaceId, runId, customerId: 41 } })).clusters[1]!;
    const saved = await saveCluster(editor, { runId, k: 3, cluster, as: "static" });
    if (saved.as !== "static") throw new Error("expected a static segment");
    const members = await db.segmentMember.findMany({ where: { workspaceId, segmentId: saved.id }, select: { customerId: true } });
    expect(members.map((m) => m.customerId).sort((a, b) => a - b)).toEqual(GROUPS[2]);
    expect(saved.size).toBe(20);
    // Saved again: a unique name.
    const again = await saveCluster(editor, { runId, k: 3, cluster, as: "static" });
    expect(again.name).toBe(`${saved.name} (2)`);
    // Viewers cannot save.
    await expectDomainError(saveCluster(viewer, { runId, k: 3, cluster, as: "static" }), "FORBIDDEN", /role/);
    await expectDomainError(saveCluster(editor, { runId, k: 3, cluster: 7, as: "static" }), "BAD_REQUEST", /no cluster 8 at k = 3/);
  });

  it("saves a rule-based segment whose agreement equals an independent count", async () => {
    // At k = 2 the groups cannot all be separated: the rule disagrees with the cluster somewhere.
    for (const k of [3, 2]) {
      const rows = await db.clusterAssignment.findMany({ where: { workspaceId, runId } });
      const cluster = rows.find((r) => r.customerId === 1)!.clusters[k - 2]!;
      const inCluster = new Set(rows.filter((r) => r.clusters[k - 2] === cluster).map((r) => r.customerId));
      const saved = await saveCluster(editor, { runId, k, cluster, as: "rules" });
      if (saved.as !== "rules") throw new Error("expected a rule-based segment");
      const summary = result.results.find((r) => r.k === k)!.clusters[cluster]!;
      expect((await db.segment.findFirstOrThrow({ where: { workspaceId, id: saved.id } })).definition).toEqual(clusterRuleDefinition(summary).definition);
      const { members } = await evaluate(db, workspaceId, clusterRuleDefinition(summary).definition, { as: "members", limit: 1000 });
      const matched = members.map((m) => m.id);
      const both = matched.filter((id) => inCluster.has(id)).length;
      expect(saved.agreement).toEqual({
        clusterSize: inCluster.size,
        matched: matched.length,
        both,
        recall: both / inCluster.size,
        precision: matched.length ? both / matched.length : null,
      });
      expect(saved.size).toBe(matched.length);
      expect(matched.length).toBeGreaterThan(0);
    }
  });

  it("drafts a persona from a cluster, named after it", async () => {
    const cluster = (await db.clusterAssignment.findFirstOrThrow({ where: { workspaceId, runId, customerId: 21 } })).clusters[1]!;
    const saved = await saveCluster(editor, { runId, k: 3, cluster, as: "persona" });
    if (saved.as !== "persona") throw new Error("expected a persona");
    const persona = await db.persona.findFirstOrThrow({ where: { workspaceId, id: saved.id } });
    expect(persona.name).toBe(result.results[1]!.clusters[cluster]!.name);
    expect(persona.segmentId).toBe(saved.segmentId);
    expect(await db.segmentMember.count({ where: { workspaceId, segmentId: saved.segmentId } })).toBe(20);
  });

  it("cancels a queued run at once and a running one at its next step; keeps the last runs", async () => {
    const queued = await startClusterRun(editor, OPTIONS);
    const cancelled = await cancelClusterRun(editor, { runId: queued.id });
    expect(cancelled.status).toBe("CANCELLED");
    await runClusterJob(db, workspaceId, queued.id, { now: NOW });
    expect((await db.clusterRun.findFirstOrThrow({ where: { workspaceId, id: queued.id } })).status).toBe("CANCELLED");

    const running = await startClusterRun(editor, OPTIONS);
    await db.clusterRun.update({ where: { workspaceId_id: { workspaceId, id: running.id } }, data: { status: "RUNNING" } });
    expect((await cancelClusterRun(editor, { runId: running.id })).cancelRequested).toBe(true);
    await runClusterJob(db, workspaceId, running.id, { now: NOW });
    const after = await db.clusterRun.findFirstOrThrow({ where: { workspaceId, id: running.id } });
    expect(after.status).toBe("CANCELLED");
    expect(after.message).toMatch(/Cancelled/);
    expect(await db.clusterAssignment.count({ where: { workspaceId, runId: running.id } })).toBe(0);
    await expectDomainError(cancelClusterRun(viewer, { runId: running.id }), "FORBIDDEN", /not cancel/);

    // Old runs are pruned: at most KEEP_RUNS remain, the newest ones.
    for (let i = 0; i < KEEP_RUNS; i++) {
      const r = await startClusterRun(editor, OPTIONS);
      await cancelClusterRun(editor, { runId: r.id });
    }
    const left = await db.clusterRun.findMany({ where: { workspaceId }, orderBy: { createdAt: "desc" } });
    expect(left).toHaveLength(KEEP_RUNS);
    expect(left.some((r) => r.id === runId)).toBe(false);
  });
});
