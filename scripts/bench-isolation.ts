/**
 * Isolation benchmark: how much one workspace's heavy work slows everybody else down on the
 * embedded database, with PGlite on the server's own thread (PGLITE_MODE=inline) and on a worker
 * thread (PGLITE_MODE=worker, the default).
 *
 *   npm run bench:isolation
 *
 * Environment:
 *   BENCH_ISOLATION_SECONDS      how long the load runs per mode (default 20)
 *   BENCH_ISOLATION_HEAVY        parallel clients repeating the heavy segment count (default 2)
 *   BENCH_ISOLATION_CONDITIONS   order aggregates in the heavy definition (default 40)
 *   BENCH_ISOLATION_IMPORT_ROWS  customers in the CSV imported during the load (default 20000)
 *   BENCH_ISOLATION_PORT         first of the two ports the servers listen on (default 3142)
 *
 * Steps:
 * 1. One embedded database is migrated and seeded (the demo workspace, 5,000 customers and their
 *    orders, plus a small "Other" workspace), closed, and copied: each mode gets the same data.
 * 2. Two servers start side by side (this script with `serve`), one per mode: a plain Node HTTP
 *    server over the app's own lib/db (the client the pages use), lib/segments and lib/imports.
 *    Routes: /ping (a small page needing no database), /read (20 customers of "Other"), /heavy (a
 *    segment count of the demo workspace with many order aggregates, through evaluate() and its
 *    time limit) and /import (upload + import of a customers CSV into the demo workspace).
 * 3. Per mode, one after the other (the idle server does nothing meanwhile): /ping and /read
 *    probed alone, then again while HEAVY clients repeat /heavy and one /import runs. Probes are
 *    sequential; the table gives p50 / p95 / max in ms, and how much heavy work was done.
 * 4. The machine's load (os.loadavg) before and after is printed with the table: the figures only
 *    compare with runs on a machine as busy.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { getDb } from "../lib/db";
import { openAdapter } from "../lib/db/adapter";
import { applyMigrations } from "../lib/db/migrate";
import { seedDemoWorkspace } from "../lib/demo/seed";
import { PrismaClient } from "../lib/generated/prisma/client";
import { createImportFromUpload, startImportJob } from "../lib/imports/jobs";
import { importSettingsSchema } from "../lib/imports/mapping";
import { runImport } from "../lib/imports/run";
import { evaluate } from "../lib/segments/evaluate";

const SECONDS = Number(process.env.BENCH_ISOLATION_SECONDS ?? 20);
const HEAVY = Number(process.env.BENCH_ISOLATION_HEAVY ?? 2);
const CONDITIONS = Number(process.env.BENCH_ISOLATION_CONDITIONS ?? 40);
const IMPORT_ROWS = Number(process.env.BENCH_ISOLATION_IMPORT_ROWS ?? 20_000);
const BASE_PORT = Number(process.env.BENCH_ISOLATION_PORT ?? 3142);
const ACTOR = { id: "bench-isolation", email: "bench-isolation@example.com" };
const MODES = ["inline", "worker"] as const;
type Mode = (typeof MODES)[number];

function heavyDefinition() {
  // OR of order aggregates over different windows: each one an aggregate over the workspace's orders.
  const children = Array.from({ length: CONDITIONS }, (_, i) => ({
    type: "behavior",
    kind: "aggregate",
    subject: { source: "orders" },
    aggregate: (["sum", "count", "avg", "max"] as const)[i % 4],
    window: { kind: "last", amount: 1 + i, unit: "months" },
    operator: "gt",
    value: 200 + i * 25,
  }));
  return { version: 1, root: { type: "group", op: "or", children } };
}

function customersCsv(rows: number, tag: string): string {
  const lines = ["externalId,email,firstName,country"];
  for (let i = 0; i < rows; i++) lines.push(`${tag}-${i},${tag}-${i}@example.com,Name${i},${["US", "DE", "GB", "FR"][i % 4]}`);
  return `${lines.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// Server (one per mode)

async function serve(port: number): Promise<void> {
  const db = getDb();
  const demo = await db.workspace.findFirstOrThrow({ where: { name: { not: "Other" } }, select: { id: true } });
  const other = await db.workspace.findFirstOrThrow({ where: { name: "Other" }, select: { id: true } });
  const definition = heavyDefinition();
  let imports = 0;

  const routes: Record<string, () => Promise<string>> = {
    "/ping": async () => `<!doctype html><title>ok</title><p>${new Date().toISOString()}</p>`,
    "/read": async () => {
      const rows = await db.customer.findMany({ where: { workspaceId: other.id }, orderBy: { id: "asc" }, take: 20, select: { id: true, email: true, country: true } });
      return JSON.stringify(rows.length);
    },
    "/heavy": async () => {
      try {
        const result = await evaluate(db, demo.id, definition, { as: "count" });
        return JSON.stringify({ ok: true, count: result.count });
      } catch (error) {
        return JSON.stringify({ ok: false, error: (error as Error).name });
      }
    },
    "/import": async () => {
      const csv = new TextEncoder().encode(customersCsv(IMPORT_ROWS, `imp${++imports}`));
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < csv.length; i += 64 * 1024) controller.enqueue(csv.slice(i, i + 64 * 1024));
          controller.close();
        },
      });
      const { id } = await createImportFromUpload(demo.id, ACTOR, { kind: "CUSTOMERS", fileName: "bench.csv", body });
      const job = await db.importJob.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: demo.id, id } } });
      await startImportJob(demo.id, ACTOR, id, importSettingsSchema.parse(job.mapping));
      const outcome = await runImport(demo.id, id, { client: db, actor: ACTOR });
      return JSON.stringify(outcome.status);
    },
  };

  const server = http.createServer((req, res) => {
    const route = routes[new URL(req.url ?? "/", "http://x").pathname];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    route().then(
      (body) => res.writeHead(200, { "content-type": "text/plain" }).end(body),
      (error: unknown) => {
        console.error(error);
        res.writeHead(500).end(String((error as Error).message));
      },
    );
  });
  server.listen(port, "127.0.0.1", () => console.log(`ready ${port}`));
}

// ---------------------------------------------------------------------------------------------
// Driver

async function prepareData(): Promise<{ root: string; dirs: Record<Mode, string> }> {
  const root = mkdtempSync(path.join(os.tmpdir(), "segmently-bench-isolation-"));
  const base = path.join(root, "base");
  const handle = await openAdapter({ kind: "pglite", dataDir: base });
  try {
    await applyMigrations(handle.factory);
    const client = new PrismaClient({ adapter: handle.factory });
    const t = performance.now();
    const seeded = await seedDemoWorkspace({ client });
    const other = await client.workspace.create({ data: { name: "Other", slug: "other" } });
    await client.customer.createMany({
      data: Array.from({ length: 300 }, (_, i) => ({ workspaceId: other.id, externalId: `o${i}`, email: `o${i}@example.com`, country: "DE" })),
    });
    console.log(`• data: ${seeded.counts.customers} customers, ${seeded.counts.orders} orders in the demo workspace (${Math.round(performance.now() - t)} ms)`);
    await client.$disconnect();
  } finally {
    await handle.close();
  }
  const dirs = {} as Record<Mode, string>;
  for (const mode of MODES) {
    dirs[mode] = path.join(root, mode);
    cpSync(base, dirs[mode], { recursive: true });
  }
  return { root, dirs };
}

function startServer(mode: Mode, port: number, dataDir: string, importDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "bench-isolation.ts"), "serve", String(port)], {
    env: { ...process.env, PGLITE_MODE: mode, DATABASE_URL: `pglite:${dataDir}`, IMPORT_DIR: importDir, JOB_WORKER: "off" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the ${mode} server stopped (exit ${code})`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      if (String(chunk).includes(`ready ${port}`)) resolve(child);
    });
  });
}

function get(port: number, route: string, timeoutMs = 300_000): Promise<{ ms: number; body: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: route, timeout: timeoutMs, agent: false }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += String(c)));
      res.on("end", () => resolve({ ms: performance.now() - started, body }));
    });
    req.on("timeout", () => req.destroy(new Error(`${route} timed out`)));
    req.on("error", reject);
  });
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

type Row = { mode: Mode; phase: string; probe: string; samples: number[] };

async function probeAlone(mode: Mode, port: number): Promise<Row[]> {
  const ping: number[] = [];
  const read: number[] = [];
  for (let i = 0; i < 30; i++) {
    ping.push((await get(port, "/ping")).ms);
    read.push((await get(port, "/read")).ms);
  }
  return [
    { mode, phase: "alone", probe: "page, no database", samples: ping },
    { mode, phase: "alone", probe: "small read, other workspace", samples: read },
  ];
}

async function probeUnderLoad(mode: Mode, port: number) {
  let stop = false;
  const heavy = { done: 0, timedOut: 0, ms: [] as number[] };
  const heavyClients = Array.from({ length: HEAVY }, async () => {
    while (!stop) {
      const r = await get(port, "/heavy");
      heavy.ms.push(r.ms);
      if (r.body.includes('"ok":true')) heavy.done++;
      else heavy.timedOut++;
    }
  });
  const importStarted = performance.now();
  const importRun = get(port, "/import").then((r) => ({ ms: performance.now() - importStarted, status: r.body }));
  // Let the heavy work get going before probing.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const ping: number[] = [];
  const read: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  while (performance.now() < until) {
    ping.push((await get(port, "/ping")).ms);
    read.push((await get(port, "/read")).ms);
  }
  stop = true;
  await Promise.all(heavyClients);
  const imported = await importRun;
  return {
    rows: [
      { mode, phase: "under load", probe: "page, no database", samples: ping },
      { mode, phase: "under load", probe: "small read, other workspace", samples: read },
    ] satisfies Row[],
    heavy,
    imported,
  };
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg();
  console.log(`Isolation benchmark: ${os.cpus().length} CPUs, load ${loadBefore.map((l) => l.toFixed(2)).join(" / ")} (1 / 5 / 15 min)`);
  console.log(`  load per mode: ${HEAVY} clients repeating a count with ${CONDITIONS} order aggregates + one import of ${IMPORT_ROWS} customers, probed for ${SECONDS} s`);
  const { root, dirs } = await prepareData();
  const servers: ChildProcess[] = [];
  const rows: Row[] = [];
  const work: string[] = [];
  try {
    const ports = { inline: BASE_PORT, worker: BASE_PORT + 1 };
    for (const mode of MODES) servers.push(await startServer(mode, ports[mode], dirs[mode], path.join(root, `imports-${mode}`)));
    for (const mode of MODES) {
      const port = ports[mode];
      // Warm up: first queries, compiled code paths, the heavy statement once.
      for (let i = 0; i < 5; i++) await get(port, "/read");
      const first = await get(port, "/heavy");
      console.log(`• ${mode}: one heavy count alone ${Math.round(first.ms)} ms (${first.body})`);
      rows.push(...(await probeAlone(mode, port)));
      const loaded = await probeUnderLoad(mode, port);
      rows.push(...loaded.rows);
      work.push(
        `| ${mode} | ${loaded.heavy.done} | ${loaded.heavy.timedOut} | ${Math.round(percentile(loaded.heavy.ms, 50))} | ${Math.round(loaded.imported.ms)} (${loaded.imported.status}) |`,
      );
      console.log(`• ${mode}: done`);
    }
  } finally {
    for (const server of servers) server.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    rmSync(root, { recursive: true, force: true });
  }
  const loadAfter = os.loadavg();
  console.log("\n| Mode | Phase | Probe | n | p50 (ms) | p95 (ms) | max (ms) |");
  console.log("|---|---|---|---:|---:|---:|---:|");
  for (const r of rows) {
    console.log(
      `| ${r.mode} | ${r.phase} | ${r.probe} | ${r.samples.length} | ${percentile(r.samples, 50).toFixed(1)} | ${percentile(r.samples, 95).toFixed(1)} | ${Math.max(...r.samples).toFixed(1)} |`,
    );
  }
  console.log("\n| Mode | Heavy counts finished | Heavy counts over the time limit | Heavy count p50 (ms) | Import (ms) |");
  console.log("|---|---:|---:|---:|---|");
  for (const line of work) console.log(line);
  console.log(`\nMachine load (1 / 5 / 15 min): before ${loadBefore.map((l) => l.toFixed(2)).join(" / ")}, after ${loadAfter.map((l) => l.toFixed(2)).join(" / ")}`);
}

if (process.argv[2] === "serve") {
  serve(Number(process.argv[3])).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
