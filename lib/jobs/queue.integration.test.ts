import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { findImportJob } from "@/lib/dal/imports";
import { claimJob, enqueueJob, pruneJobBatch, pruneJobs } from "@/lib/jobs/queue";
import { GENERIC_FAILURE, JobFailure, runNextJob, startWorker, type JobHandler } from "@/lib/jobs/worker";
import { IMPORT_JOB, JOB_HANDLERS, enqueueImport } from "@/lib/jobs/handlers";
import { startImportJob } from "@/lib/imports/jobs";
import { importSettingsSchema } from "@/lib/imports/mapping";
import { runImport } from "@/lib/imports/run";
import { TEST_ACTOR, uploadText } from "@/lib/imports/test-helpers";

let a = "";
let b = "";
const t0 = new Date("2026-06-01T12:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const lease = { leaseMs: 60_000, perWorkspace: 1 };

beforeAll(async () => {
  a = (await db.workspace.create({ data: { name: "A", slug: `jobs-a-${Date.now()}` } })).id;
  b = (await db.workspace.create({ data: { name: "B", slug: `jobs-b-${Date.now()}` } })).id;
});

beforeEach(async () => {
  await db.job.deleteMany({});
});

describe("job queue", () => {
  it("runs at most the per-workspace limit of one workspace's jobs at once, without holding up other workspaces", async () => {
    const a1 = await enqueueJob(db, { workspaceId: a, kind: "test", payload: { n: 1 }, now: at(0) });
    const a2 = await enqueueJob(db, { workspaceId: a, kind: "test", payload: { n: 2 }, now: at(1) });
    const b1 = await enqueueJob(db, { workspaceId: b, kind: "test", payload: { n: 3 }, now: at(2) });

    expect((await claimJob(db, { owner: "w1", ...lease, now: at(10) }))?.id).toBe(a1.id);
    // a2 waits for a1; b1 is not held up by workspace A.
    expect((await claimJob(db, { owner: "w2", ...lease, now: at(11) }))?.id).toBe(b1.id);
    expect(await claimJob(db, { owner: "w3", ...lease, now: at(12) })).toBeNull();
    // With a limit of two, A's second job may start.
    expect((await claimJob(db, { owner: "w3", ...lease, perWorkspace: 2, now: at(12) }))?.id).toBe(a2.id);
    expect(await db.job.count({ where: { workspaceId: a, status: "RUNNING" } })).toBe(2);
  });

  it("hands out each job once when workers claim at the same moment", async () => {
    for (let i = 0; i < 4; i++) await enqueueJob(db, { workspaceId: i % 2 ? a : b, kind: "test", payload: { i }, now: at(i) });
    const claims = await Promise.all(["w1", "w2", "w3", "w4"].map((owner) => claimJob(db, { owner, ...lease, now: at(10) })));
    const ids = claims.filter((c) => c !== null).map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    // One per workspace at a time.
    expect(ids).toHaveLength(2);
  });

  it("picks a job up again when its worker died (its lease ran out), and gives up after the last attempt", async () => {
    const job = await enqueueJob(db, { workspaceId: a, kind: "test", payload: {}, maxAttempts: 2, now: at(0) });
    expect((await claimJob(db, { owner: "dead", ...lease, now: at(1) }))?.attempts).toBe(1);
    // The lease is still live: nobody else may take it, and the workspace's slot stays taken.
    expect(await claimJob(db, { owner: "w2", ...lease, now: at(30) })).toBeNull();
    const again = await claimJob(db, { owner: "w2", ...lease, now: at(62) });
    expect(again).toMatchObject({ id: job.id, attempts: 2 });
    expect(await db.job.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: a, id: job.id } } })).toMatchObject({ leaseOwner: "w2" });
    // The second worker dies too: that was the last attempt.
    const exhausted: string[] = [];
    expect(await claimJob(db, { owner: "w3", ...lease, now: at(200), onExhausted: async (j) => void exhausted.push(j.id) })).toBeNull();
    expect(exhausted).toEqual([job.id]);
    expect(await db.job.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: a, id: job.id } } })).toMatchObject({
      status: "FAILED",
      message: expect.stringMatching(/Stopped unexpectedly 2 times/),
    });
  });

  it("records a failed job as failed, with the handler's message or a generic one", async () => {
    const handlers: Record<string, JobHandler> = {
      explained: { run: async () => Promise.reject(new JobFailure("The file is no longer on the server.")) },
      crashed: { run: async () => Promise.reject(new Error("secret stack detail")) },
      fine: { run: async () => {} },
    };
    const explained = await enqueueJob(db, { workspaceId: a, kind: "explained", payload: {} });
    const crashed = await enqueueJob(db, { workspaceId: b, kind: "crashed", payload: {} });
    const settings = { handlers, ...lease, perWorkspace: 5 };
    expect(await runNextJob(db, settings)).toBe(true);
    expect(await runNextJob(db, settings)).toBe(true);
    const fine = await enqueueJob(db, { workspaceId: a, kind: "fine", payload: {} });
    expect(await runNextJob(db, settings)).toBe(true);
    expect(await runNextJob(db, settings)).toBe(false);
    const get = (workspaceId: string, id: string) => db.job.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId, id } } });
    expect(await get(a, explained.id)).toMatchObject({ status: "FAILED", message: "The file is no longer on the server.", leaseOwner: null });
    expect(await get(b, crashed.id)).toMatchObject({ status: "FAILED", message: GENERIC_FAILURE });
    expect(await get(a, fine.id)).toMatchObject({ status: "COMPLETED", message: null });
  });

  it("marks an import failed when its run is given up, and reading the import never changes it", async () => {
    const importJob = await db.importJob.create({
      data: {
        workspaceId: a,
        kind: "CUSTOMERS",
        status: "RUNNING",
        fileName: "big.csv",
        fileSize: 100,
        encoding: "utf-8",
        delimiter: ",",
        hasHeader: true,
        columns: ["id"],
        startedAt: at(0),
        heartbeatAt: at(0),
        rowsRead: 1234,
      },
    });
    // Long after its heartbeat stopped, reading the job (as the progress poll does) writes nothing.
    const view = await findImportJob(a, importJob.id);
    expect(view).toMatchObject({ status: "RUNNING", interrupted: true });
    expect(await db.importJob.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: a, id: importJob.id } } })).toMatchObject({ status: "RUNNING", finishedAt: null });

    await enqueueJob(db, { workspaceId: a, kind: IMPORT_JOB, payload: { importId: importJob.id, actor: null }, maxAttempts: 1, now: at(0) });
    expect(await claimJob(db, { owner: "dead", ...lease, now: at(1) })).not.toBeNull();
    expect(await runNextJob(db, { handlers: JOB_HANDLERS, ...lease, now: () => at(120) })).toBe(false);
    expect(await db.importJob.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: a, id: importJob.id } } })).toMatchObject({
      status: "FAILED",
      message: expect.stringMatching(/stopped unexpectedly .* after 1,234 rows/),
    });
  });

  it("finishes an import whose worker died half-way, when another worker picks it up", async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `R${i},r${i}@example.com`).join("\n");
    const { id } = await uploadText(a, "CUSTOMERS", `id,email\n${rows}\n`);
    const upload = await db.importJob.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: a, id } } });
    await startImportJob(a, TEST_ACTOR, id, importSettingsSchema.parse(upload.mapping), (tx) => enqueueImport(tx, a, { importId: id, actor: TEST_ACTOR }));
    // The first worker claims the job and writes part of the file before it dies (cancelled after a batch).
    // (Queued just now, on the real clock.)
    const start = Date.now() + 1_000;
    const later = (seconds: number) => new Date(start + seconds * 1000);
    expect(await claimJob(db, { owner: "dead", ...lease, now: later(0) })).not.toBeNull();
    await db.importJob.update({ where: { workspaceId_id: { workspaceId: a, id } }, data: { cancelRequested: true } });
    await runImport(a, id, { client: db, batchRows: 7, actor: TEST_ACTOR });
    const partial = await db.customer.count({ where: { workspaceId: a, externalId: { startsWith: "R" } } });
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(40);
    // As if the run had stopped mid-way: the job still says RUNNING, and nobody renews the lease.
    await db.importJob.update({ where: { workspaceId_id: { workspaceId: a, id } }, data: { status: "RUNNING", cancelRequested: false, finishedAt: null } });
    expect(await runNextJob(db, { handlers: JOB_HANDLERS, ...lease, owner: "w2", now: () => later(30) })).toBe(false);
    expect(await runNextJob(db, { handlers: JOB_HANDLERS, ...lease, owner: "w2", now: () => later(61) })).toBe(true);
    const done = await db.importJob.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: a, id } } });
    expect(done).toMatchObject({ status: "COMPLETED", rowsRead: 40, rowsFailed: 0 });
    expect(done.rowsInserted + done.rowsUnchanged).toBe(40);
    expect(done.rowsUnchanged).toBe(partial);
    expect(await db.customer.count({ where: { workspaceId: a, externalId: { startsWith: "R" } } })).toBe(40);
    expect(await db.job.findFirstOrThrow({ where: { workspaceId: a, kind: IMPORT_JOB } })).toMatchObject({ status: "COMPLETED", attempts: 2 });
  });
});

describe("pruning finished jobs", () => {
  const day = 24 * 60 * 60 * 1000;
  const daysAgo = (days: number, from = t0) => new Date(from.getTime() - days * day);

  async function job(workspaceId: string, status: "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED", endedDaysAgo: number | null, createdDaysAgo = 30) {
    const row = await db.job.create({
      data: {
        workspaceId,
        kind: "test",
        payload: {},
        status,
        createdAt: daysAgo(createdDaysAgo),
        runAfter: daysAgo(createdDaysAgo),
        finishedAt: endedDaysAgo === null ? null : daysAgo(endedDaysAgo),
        ...(status === "RUNNING" ? { leaseOwner: "w", leaseExpiresAt: daysAgo(29) } : {}),
      },
      select: { id: true },
    });
    return row.id;
  }

  const remaining = async () => (await db.job.findMany({ select: { id: true } })).map((j) => j.id).sort();

  it("deletes finished and failed jobs older than the retention, and keeps queued, running and recent ones", async () => {
    await job(a, "COMPLETED", 20);
    await job(b, "FAILED", 15);
    await job(a, "FAILED", null, 40); // given up before finishedAt was recorded: its creation counts
    const kept = [
      await job(a, "QUEUED", null, 60),
      await job(b, "RUNNING", null, 60),
      await job(a, "COMPLETED", 13),
      await job(b, "FAILED", 1),
      await job(a, "COMPLETED", 13, 100), // created long ago, finished recently
    ].sort();
    expect(await pruneJobs(db, { before: daysAgo(14), batch: 1000 })).toBe(3);
    expect(await remaining()).toEqual(kept);
    expect(await pruneJobs(db, { before: daysAgo(14), batch: 1000 })).toBe(0);
  });

  it("deletes at most one batch per statement, and at most maxBatches batches per run", async () => {
    for (let i = 0; i < 5; i++) await job(i % 2 ? a : b, i % 3 ? "COMPLETED" : "FAILED", 20 + i);
    const recent = await job(a, "COMPLETED", 2);
    expect(await pruneJobBatch(db, { before: daysAgo(14), batch: 2 })).toBe(2);
    expect(await db.job.count()).toBe(4);
    expect(await pruneJobs(db, { before: daysAgo(14), batch: 1, maxBatches: 2 })).toBe(2);
    expect(await db.job.count()).toBe(2);
    expect(await pruneJobs(db, { before: daysAgo(14), batch: 2 })).toBe(1);
    expect(await remaining()).toEqual([recent]);
  });

  it("prunes from the worker loop at most once per interval", async () => {
    let clock = t0.getTime();
    const first = await job(a, "COMPLETED", 20);
    const worker = startWorker(() => db, {
      handlers: {},
      ...lease,
      pollMs: 20,
      concurrency: 1,
      now: () => new Date(clock),
      prune: { retentionDays: 14, batch: 10, everyMs: 60 * 60 * 1000 },
    });
    try {
      await expect.poll(async () => db.job.count({ where: { id: first } }), { timeout: 10_000 }).toBe(0);
      const second = await job(b, "FAILED", 20);
      // Polls go on, but the hour has not passed: the second job stays.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await db.job.count({ where: { id: second } })).toBe(1);
      clock += 60 * 60 * 1000;
      await expect.poll(async () => db.job.count({ where: { id: second } }), { timeout: 10_000 }).toBe(0);
    } finally {
      await worker.stop();
    }
  });
});
