import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { openAdapter, type AdapterHandle } from "@/lib/db/adapter";
import { applyMigrations } from "@/lib/db/migrate";
import { DatabaseBusyError, PrismaPGliteWorker } from "@/lib/db/pglite-worker-client";
import { QueryTimeoutError, withStatementTimeout } from "@/lib/db/statement-timeout";

// The same queries on the embedded database in-process ("inline") and on its worker thread
// ("worker"): values, types and errors must come back the same.
let inlineHandle: AdapterHandle;
let workerFactory: PrismaPGliteWorker;
const clients: Record<"inline" | "worker", PrismaClient> = {} as Record<"inline" | "worker", PrismaClient>;

beforeAll(async () => {
  inlineHandle = await openAdapter({ kind: "pglite", dataDir: "memory://" });
  await applyMigrations(inlineHandle.factory);
  clients.inline = new PrismaClient({ adapter: inlineHandle.factory });
  workerFactory = new PrismaPGliteWorker({ dataDir: "memory://", transactionWaitMs: 1_000 });
  await applyMigrations(workerFactory);
  clients.worker = new PrismaClient({ adapter: workerFactory });
});

afterAll(async () => {
  await clients.inline?.$disconnect();
  await inlineHandle?.close();
  await clients.worker?.$disconnect();
  await workerFactory?.close();
});

const modes = ["inline", "worker"] as const;

async function typedRow(client: PrismaClient) {
  const when = new Date("2024-02-29T12:34:56.789Z");
  return client.$queryRaw<Record<string, unknown>[]>`
    SELECT 9007199254740993::bigint AS big,
           ${12345678901234567n}::bigint AS big_param,
           12.345::numeric(10, 3) AS num,
           ${new Prisma.Decimal("98765.4321")}::numeric AS num_param,
           '{"a": [1, null, "x"], "b": {"c": true}}'::jsonb AS js,
           ${JSON.stringify({ k: [1, 2] })}::jsonb AS js_param,
           ARRAY[1, 2, 3]::int[] AS ints,
           ARRAY['x', NULL, 'z']::text[] AS texts,
           ${["p", "q"]}::text[] AS texts_param,
           ARRAY[10000000000]::bigint[] AS bigs,
           '2024-02-29T12:34:56.789Z'::timestamptz AS ts,
           ${when}::timestamptz AS ts_param,
           '2024-02-29'::date AS d,
           NULL::text AS nothing,
           NULL::numeric AS no_number,
           true AS flag,
           '\\x0102ff'::bytea AS bytes,
           gen_random_uuid() IS NOT NULL AS has_uuid`;
}

describe("embedded database on a worker thread", () => {
  it("returns every type the same way as in-process", async () => {
    const [inline] = await typedRow(clients.inline);
    const [worker] = await typedRow(clients.worker);
    expect(worker).toEqual(inline);
    expect(worker?.big).toBe(9007199254740993n);
    expect(worker?.big_param).toBe(12345678901234567n);
    expect(worker?.num).toBeInstanceOf(Prisma.Decimal);
    expect(String(worker?.num)).toBe("12.345");
    expect(String(worker?.num_param)).toBe("98765.4321");
    expect(worker?.js).toEqual({ a: [1, null, "x"], b: { c: true } });
    expect(worker?.js_param).toEqual({ k: [1, 2] });
    expect(worker?.ints).toEqual([1, 2, 3]);
    expect(worker?.texts).toEqual(["x", null, "z"]);
    expect(worker?.texts_param).toEqual(["p", "q"]);
    expect(worker?.bigs).toEqual([10000000000n]);
    expect(worker?.ts).toEqual(new Date("2024-02-29T12:34:56.789Z"));
    expect(worker?.ts_param).toEqual(new Date("2024-02-29T12:34:56.789Z"));
    expect(worker?.d).toEqual(new Date("2024-02-29T00:00:00.000Z"));
    expect(worker?.nothing).toBeNull();
    expect(worker?.no_number).toBeNull();
    expect(worker?.flag).toBe(true);
    expect(Array.from(worker?.bytes as Uint8Array)).toEqual([1, 2, 255]);
  });

  it("round-trips model fields (Decimal, arrays, JSON, dates, NULLs) the same way", async () => {
    const results = [];
    for (const mode of modes) {
      const client = clients[mode];
      const ws = await client.workspace.create({ data: { name: "Types", slug: `types-${mode}` } });
      await client.customer.create({
        data: {
          workspaceId: ws.id,
          externalId: "c1",
          annualIncome: new Prisma.Decimal("123456789012.34"),
          birthDate: new Date("1990-05-17T00:00:00.000Z"),
          firstSeenAt: new Date("2023-01-02T03:04:05.678Z"),
          interests: ["hiking", "tech"],
          traits: { score: 4.5, tags: ["a"], none: null },
          email: null,
        },
      });
      const row = await client.customer.findFirstOrThrow({
        where: { workspaceId: ws.id },
        select: { annualIncome: true, birthDate: true, firstSeenAt: true, interests: true, needs: true, traits: true, email: true, emailOptIn: true, companySize: true },
      });
      results.push(row);
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[1]?.annualIncome?.toString()).toBe("123456789012.34");
    expect(results[1]?.interests).toEqual(["hiking", "tech"]);
    expect(results[1]?.needs).toEqual([]);
    expect(results[1]?.traits).toEqual({ score: 4.5, tags: ["a"], none: null });
    expect(results[1]?.firstSeenAt).toEqual(new Date("2023-01-02T03:04:05.678Z"));
    expect(results[1]?.email).toBeNull();
  });

  it("maps a unique violation to the same Prisma error code", async () => {
    const codes: Record<string, unknown> = {};
    for (const mode of modes) {
      const client = clients[mode];
      await client.workspace.create({ data: { name: "One", slug: `dupe-${mode}` } });
      const error = await client.workspace.create({ data: { name: "Two", slug: `dupe-${mode}` } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
      const known = error as Prisma.PrismaClientKnownRequestError;
      codes[mode] = { code: known.code, target: (known.meta as { driverAdapterError?: { cause?: { constraint?: unknown } } })?.driverAdapterError?.cause?.constraint };
    }
    expect(codes.worker).toEqual(codes.inline);
    expect(codes.worker).toEqual({ code: "P2002", target: { fields: ["slug"] } });
  });

  it("reports other database errors the same way", async () => {
    const messages: string[] = [];
    for (const mode of modes) {
      const error = await clients[mode].$queryRaw`SELECT 1/0`.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
      messages.push(`${(error as Prisma.PrismaClientKnownRequestError).code}: ${(error as Error).message}`);
    }
    expect(messages[1]).toBe(messages[0]);
    expect(messages[1]).toMatch(/division by zero/);
  });

  it("rolls a failed transaction back", async () => {
    for (const mode of modes) {
      const client = clients[mode];
      const error = await client
        .$transaction(async (tx) => {
          await tx.workspace.create({ data: { name: "Gone", slug: `rollback-${mode}` } });
          throw new Error("stop");
        })
        .catch((e: unknown) => e);
      expect((error as Error).message).toBe("stop");
      expect(await client.workspace.count({ where: { slug: `rollback-${mode}` } })).toBe(0);
      await client.$transaction(async (tx) => {
        await tx.workspace.create({ data: { name: "Kept", slug: `commit-${mode}` } });
      });
      expect(await client.workspace.count({ where: { slug: `commit-${mode}` } })).toBe(1);
    }
  });

  it("turns a slow statement into QueryTimeoutError in both modes", async () => {
    for (const mode of modes) {
      const error = await withStatementTimeout((tx) => tx.$queryRaw`SELECT pg_sleep(1.5)::text AS slept`, { ms: 200, client: clients[mode] }).catch(
        (e: unknown) => e,
      );
      expect(error, mode).toBeInstanceOf(QueryTimeoutError);
    }
    // The worker's statement ran to its end (nothing interrupts it); the connection is usable again.
    const [row] = await clients.worker.$queryRaw<{ n: number }[]>`SELECT 1::int AS n`;
    expect(row?.n).toBe(1);
  });

  it("keeps this thread free while the worker runs a long statement (inline blocks it)", async () => {
    const longestGap: Record<string, number> = {};
    for (const mode of modes) {
      let last = Date.now();
      let gap = 0;
      const timer = setInterval(() => {
        const now = Date.now();
        gap = Math.max(gap, now - last);
        last = now;
      }, 20);
      await clients[mode].$queryRaw`SELECT pg_sleep(1)::text AS slept`;
      clearInterval(timer);
      longestGap[mode] = Math.max(gap, Date.now() - last);
    }
    expect(longestGap.inline).toBeGreaterThan(700);
    expect(longestGap.worker).toBeLessThan(400);
  });

  it("bounds the wait for the connection when starting a transaction", async () => {
    const adapter = await workerFactory.connect();
    const holding = await adapter.startTransaction();
    const started = Date.now();
    const error = await adapter.startTransaction().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseBusyError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(5_000);
    await holding.rollback();
    // The abandoned transaction was rolled back as soon as it started: the connection is free.
    const next = await adapter.startTransaction();
    await next.rollback();
    const [row] = await clients.worker.$queryRaw<{ n: number }[]>`SELECT 2::int AS n`;
    expect(row?.n).toBe(2);
  });

  it("ends Prisma's own maxWait with P2028 and frees the connection afterwards", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const holder = clients.worker.$transaction(
      async (tx) => {
        await tx.workspace.create({ data: { name: "Holder", slug: "holder-worker" } });
        holding();
        await released;
      },
      { timeout: 10_000 },
    );
    await held;
    const started = Date.now();
    const error = await clients.worker
      .$transaction(async (tx) => tx.workspace.count(), { maxWait: 300 })
      .catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe("P2028");
    expect(Date.now() - started).toBeLessThan(900);
    release();
    await holder;
    // The late transaction was discarded when it finally started: new ones go through.
    expect(await clients.worker.$transaction(async (tx) => tx.workspace.count({ where: { slug: "holder-worker" } }))).toBe(1);
  });

  it("fails the requests of a worker that died, and starts a new one on the same data for the next request", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "segmently-pglite-worker-"));
    const factory = new PrismaPGliteWorker({ dataDir: dir });
    try {
      const adapter = await factory.connect();
      await adapter.executeScript("CREATE TABLE kept (n int); INSERT INTO kept VALUES (7);");
      const running = adapter.queryRaw({ sql: "SELECT pg_sleep(2)::text AS slept", args: [], argTypes: [] });
      // Reaches into the connection to stop its thread, as a crash would.
      const worker = (factory as unknown as { connection: { worker?: Worker } }).connection.worker;
      expect(worker).toBeDefined();
      await worker?.terminate();
      await expect(running).rejects.toThrow(/stopped/);
      const result = await adapter.queryRaw({ sql: "SELECT n FROM kept", args: [], argTypes: [] });
      expect(result.rows).toEqual([[7]]);
    } finally {
      await factory.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
