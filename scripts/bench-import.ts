/**
 * CSV import benchmark: the product's import next to PostgreSQL COPY of the same file.
 *
 *   DATABASE_URL=postgres://…/segmently_bench_import npx tsx scripts/bench-import.ts
 *
 * Environment:
 *   BENCH_IMPORT_CUSTOMERS  rows in customers.csv (default 1000000)
 *   BENCH_IMPORT_ORDERS     rows in orders.csv (default 5000000)
 *   BENCH_IMPORT_BREAKDOWN  0 skips the breakdown runs (parse only, parse + convert, database stubbed)
 *   BENCH_IMPORT_KEEP       1 keeps the generated files (their folder is printed)
 *
 * The database named by DATABASE_URL is dropped and created again at the start, so runs are
 * comparable; its name must contain "bench". Steps:
 *
 * 1. Writes, streamed to a temporary folder with a seeded random source, customers.csv
 *    (externalId,email,firstName,lastName,country,city,birthDate,annualIncome,emailOptIn) and
 *    orders.csv (externalId,customerExternalId,orderedAt,amount,currency,category,channel,quantity),
 *    every order pointing at a customer of the first file. Formats suit COPY: ISO dates and
 *    timestamps, plain decimals, true/false, blank for null.
 * 2. Baseline: `COPY … FROM STDIN (FORMAT csv, HEADER true)` of the same file through pg-copy-streams.
 *    Customers go into the real "Customer" table (all its indexes) for workspace A, with temporary
 *    column defaults for "workspaceId" and "updatedAt"; the table is truncated afterwards so the
 *    import starts from the same empty table. Orders go into "BenchOrderCopy", a table with the
 *    file's columns and the same kinds of indexes as "Order" (primary key, unique (workspaceId,
 *    externalId), index (workspaceId, customerExternalId, orderedAt)) and its foreign key to
 *    "Workspace": COPY cannot turn customer external ids into customer ids, so that table has no
 *    foreign key to "Customer" and no trigger keeping "CustomerMetrics" current.
 * 3. Import: the product's path for workspace B — `createImportFromUpload` with the file as the
 *    upload body (timed apart), the guessed mapping (every column must map to its field),
 *    `startImportJob`, then `runImport` with the app's client and the product's batch size. Then
 *    the same customer file again (every row unchanged), then the orders.
 *    During each import the process's RSS and V8 heapUsed are sampled every 50 ms, and heapUsed is
 *    read after every full collection V8 runs on its own (what the run keeps alive); the report
 *    gives peaks minus the values just before the import (after a forced garbage collection), for
 *    the first tenth of the run and for the whole run (flat memory: about equal).
 * 4. Breakdown (same files): reading records only (csv-parse), reading + checking rows
 *    (`rowReader`), and the whole `runImport` with every database statement of a batch answered
 *    in-process (the reading, checking, batching and JSON payloads stay; the statements go). The
 *    time the real run spends inside batch transactions is measured by wrapping `$transaction`.
 */
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { constants as perfConstants, performance, PerformanceObserver } from "node:perf_hooks";
import { Readable } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import v8 from "node:v8";
import vm from "node:vm";
import pg from "pg";
import pgCopy from "pg-copy-streams";
import type { PrismaClient } from "../lib/generated/prisma/client";
import type { ImportKind } from "../lib/generated/prisma/enums";
import { getDb } from "../lib/db";
import { openAdapter } from "../lib/db/adapter";
import { ensurePostgresDatabase } from "../lib/db/create-database";
import { applyMigrations } from "../lib/db/migrate";
import { createRng, type Rng } from "../lib/demo/random";
import { importFilePath } from "../lib/imports/files";
import { createImportFromUpload, startImportJob } from "../lib/imports/jobs";
import { importSettingsSchema, type ImportSettings } from "../lib/imports/mapping";
import { readRecords } from "../lib/imports/parse";
import { rowReader } from "../lib/imports/rows";
import { runImport } from "../lib/imports/run";

// ---- settings -----------------------------------------------------------------------------------

const DATABASE_URL = process.env.DATABASE_URL ?? "";
const CUSTOMERS = Number(process.env.BENCH_IMPORT_CUSTOMERS ?? 1_000_000);
const ORDERS = Number(process.env.BENCH_IMPORT_ORDERS ?? 5_000_000);
const BREAKDOWN = process.env.BENCH_IMPORT_BREAKDOWN !== "0";
const KEEP = process.env.BENCH_IMPORT_KEEP === "1";
const ACTOR = { id: "bench-import", email: "bench-import@example.com" };
const SAMPLE_MS = 50;

const CUSTOMER_COLUMNS = ["externalId", "email", "firstName", "lastName", "country", "city", "birthDate", "annualIncome", "emailOptIn"];
const ORDER_COLUMNS = ["externalId", "customerExternalId", "orderedAt", "amount", "currency", "category", "channel", "quantity"];

if (!/^postgres(ql)?:\/\//.test(DATABASE_URL)) {
  console.error("Set DATABASE_URL=postgres://…/segmently_bench_import (the benchmark needs PostgreSQL).");
  process.exit(1);
}
if (!Number.isInteger(CUSTOMERS) || CUSTOMERS < 10 || !Number.isInteger(ORDERS) || ORDERS < 10) {
  console.error("BENCH_IMPORT_CUSTOMERS and BENCH_IMPORT_ORDERS must be whole numbers of at least 10.");
  process.exit(1);
}
const DB_NAME = decodeURIComponent(new URL(DATABASE_URL).pathname.replace(/^\//, ""));
if (!DB_NAME.includes("bench")) {
  console.error(`The benchmark drops and recreates its database; "${DB_NAME}" does not look like a benchmark database (its name must contain "bench").`);
  process.exit(1);
}

// A forced collection before each measurement, so the "before" values do not carry garbage.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

// ---- helpers ------------------------------------------------------------------------------------

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 1)} MB`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" / ");

function step(label: string): () => number {
  process.stdout.write(`  ${label}… `);
  const t = performance.now();
  return () => {
    const ms = performance.now() - t;
    console.log(`${fmt(ms / 1000, 1)} s`);
    return ms;
  };
}

// ---- data ---------------------------------------------------------------------------------------

const FIRST = ["Ada", "Bob", "Cleo", "Dan", "Eve", "Finn", "Gus", "Hana", "Ines", "Jon", "Kemal", "Lena", "Mateo", "Noor", "Olga", "Priya"];
const LAST = ["Smith", "Jones", "Brown", "Garcia", "Miller", "Davis", "Lopez", "Wilson", "Müller", "Rossi", "Kowalski", "Dubois", "Tanaka", "Silva"];
const PLACES: readonly (readonly [string, string])[] = [
  ["US", "New York"], ["US", "Austin"], ["US", '"Washington, D.C."'], ["GB", "London"], ["GB", "Leeds"], ["DE", "Berlin"],
  ["DE", "München"], ["FR", "Paris"], ["FR", "Lyon"], ["ES", "Madrid"], ["IT", "Milano"], ["NL", "Utrecht"], ["SE", "Malmö"],
  ["CA", "Toronto"], ["AU", "Sydney"], ["BR", "São Paulo"], ["MX", "Monterrey"], ["JP", "Osaka"], ["IN", "Pune"], ["PL", "Kraków"],
];
const CURRENCIES = [["USD", 6], ["EUR", 3], ["GBP", 1]] as const;
const CATEGORIES = ["Shoes", "Books", "Electronics", "Home", "Beauty", "Sports", "Toys", "Garden"];
const CHANNELS = ["web", "store", "app"];
const BIRTH_FROM = new Date("1945-01-01T00:00:00Z");
const BIRTH_TO = new Date("2006-01-01T00:00:00Z");
const ORDERS_FROM = new Date("2024-01-01T00:00:00Z");
const ORDERS_TO = new Date("2026-01-01T00:00:00Z");

function customerLine(rng: Rng, i: number): string {
  const [country, city] = rng.pick(PLACES);
  const income = rng.chance(0.1) ? "" : (rng.int(1_500_000, 25_000_000) / 100).toFixed(2);
  return [
    `C${i}`,
    `customer${i}@example.com`,
    rng.pick(FIRST),
    rng.pick(LAST),
    country,
    city,
    rng.dateBetween(BIRTH_FROM, BIRTH_TO).toISOString().slice(0, 10),
    income,
    rng.chance(0.6) ? "true" : "false",
  ].join(",");
}

function orderLine(rng: Rng, i: number): string {
  return [
    `O${i}`,
    `C${rng.int(1, CUSTOMERS)}`,
    rng.dateBetween(ORDERS_FROM, ORDERS_TO).toISOString(),
    (rng.int(100, 50_000) / 100).toFixed(2),
    rng.weighted(CURRENCIES),
    rng.pick(CATEGORIES),
    rng.pick(CHANNELS),
    String(rng.int(1, 4)),
  ].join(",");
}

/** Writes a CSV file a chunk at a time, waiting whenever the disk falls behind. */
async function writeCsv(file: string, header: readonly string[], rows: number, seed: number, line: (rng: Rng, i: number) => string): Promise<void> {
  const rng = createRng(seed);
  const out = createWriteStream(file);
  let chunk = `${header.join(",")}\n`;
  for (let i = 1; i <= rows; i++) {
    chunk += `${line(rng, i)}\n`;
    if (chunk.length >= 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await finished(out);
}

// ---- memory -------------------------------------------------------------------------------------

type MemoryReport = {
  baseRss: number;
  baseHeap: number;
  /** Peaks minus the values before the run (heapUsed includes garbage not yet collected). */
  peakRss: number;
  peakHeap: number;
  /** Peak RSS during the first tenth of the run (by time), minus the value before the run. */
  firstTenthRss: number;
  /** Peak RSS in each tenth of the run, minus the value before it. */
  tenths: number[];
  /**
   * heapUsed just after each full (mark-compact) collection, minus the value before the run: what
   * the run keeps alive. Peak over the first tenth and over the whole run; null when none ran.
   */
  liveFirstTenth: number | null;
  livePeak: number | null;
  majorGcs: number;
  samples: number;
};

/**
 * Samples RSS and heapUsed on a timer, and heapUsed after every full collection V8 runs on its own;
 * cheap enough not to disturb what it measures.
 */
function sampleMemory(): { stop(): MemoryReport } {
  gc();
  const base = process.memoryUsage();
  const start = performance.now();
  const samples: { t: number; rss: number; heap: number }[] = [];
  const majors: { t: number; heap: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if ((entry as unknown as { detail?: { kind?: number } }).detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) {
        majors.push({ t: performance.now() - start, heap: process.memoryUsage().heapUsed });
      }
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  const take = () => {
    const m = process.memoryUsage();
    samples.push({ t: performance.now() - start, rss: m.rss, heap: m.heapUsed });
  };
  take();
  const timer = setInterval(take, SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      observer.disconnect();
      take();
      const total = samples[samples.length - 1]!.t || 1;
      const tenthOf = (t: number) => Math.min(9, Math.floor((t / total) * 10));
      const tenths = Array.from({ length: 10 }, () => 0);
      let peakRss = 0;
      let peakHeap = 0;
      for (const s of samples) {
        const rss = s.rss - base.rss;
        tenths[tenthOf(s.t)] = Math.max(tenths[tenthOf(s.t)]!, rss);
        peakRss = Math.max(peakRss, rss);
        peakHeap = Math.max(peakHeap, s.heap - base.heapUsed);
      }
      const live = majors.map((m) => ({ tenth: tenthOf(m.t), heap: m.heap - base.heapUsed }));
      const first = live.filter((m) => m.tenth === 0);
      return {
        baseRss: base.rss,
        baseHeap: base.heapUsed,
        peakRss,
        peakHeap,
        firstTenthRss: tenths[0]!,
        tenths,
        liveFirstTenth: first.length ? Math.max(...first.map((m) => m.heap)) : null,
        livePeak: live.length ? Math.max(...live.map((m) => m.heap)) : null,
        majorGcs: majors.length,
        samples: samples.length,
      };
    },
  };
}

// ---- database -----------------------------------------------------------------------------------

async function recreateDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${DB_NAME.replace(/"/g, '""')}" with (force)`);
  } finally {
    await client.end();
  }
  await ensurePostgresDatabase(url);
  const handle = await openAdapter({ kind: "postgres", url });
  await applyMigrations(handle.factory);
  await handle.close();
}

/** Flushes dirty pages so one step does not pay for the previous one's writes. */
async function settle(client: pg.Client, tables: string[]): Promise<void> {
  if (tables.length) await client.query(`vacuum analyze ${tables.map((t) => `"${t}"`).join(", ")}`);
  await client.query("checkpoint");
}

async function copyFile(client: pg.Client, sql: string, file: string): Promise<{ ms: number; rows: number }> {
  const t = performance.now();
  const target = client.query(pgCopy.from(sql));
  await pipeline(createReadStream(file, { highWaterMark: 256 * 1024 }), target);
  return { ms: performance.now() - t, rows: target.rowCount };
}

// ---- import -------------------------------------------------------------------------------------

type Spans = {
  /** Wall time of each `$transaction` (one per batch, then the finishing one). */
  transactions: number[];
  /** Inside the batch transactions: the batch's upsert statement, and the job's progress update (plus any problem rows). */
  upsert: number;
  progress: number;
};

const sqlText = (arg: unknown): string =>
  Array.isArray(arg) ? arg.join("?") : typeof (arg as { sql?: unknown } | null)?.sql === "string" ? (arg as { sql: string }).sql : "";

/** A transaction client whose raw statements are timed. */
function timedTx(tx: PrismaClient, spans: Spans): PrismaClient {
  return new Proxy(tx, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop);
      if (typeof value !== "function") return value;
      const fn = (value as (...a: unknown[]) => unknown).bind(target);
      if (prop !== "$queryRaw" && prop !== "$executeRaw") return fn;
      return async (...args: unknown[]) => {
        const text = sqlText(args[0]);
        const t = performance.now();
        try {
          return await (fn(...args) as Promise<unknown>);
        } finally {
          const ms = performance.now() - t;
          if (/update "ImportJob"|insert into "ImportError"/.test(text)) spans.progress += ms;
          else spans.upsert += ms;
        }
      };
    },
  });
}

/** The app's client with its transactions and their raw statements timed (a few calls per batch of 5,000 rows). */
function timedClient(client: PrismaClient, spans: Spans): PrismaClient {
  return new Proxy(client, {
    get(target, prop) {
      if (prop === "$transaction") {
        const run = target.$transaction.bind(target) as (...args: unknown[]) => Promise<unknown>;
        return async (fn: (tx: PrismaClient) => Promise<unknown>, options?: unknown) => {
          const t = performance.now();
          try {
            return await run((tx: PrismaClient) => fn(timedTx(tx, spans)), options);
          } finally {
            spans.transactions.push(performance.now() - t);
          }
        };
      }
      const value: unknown = Reflect.get(target, prop);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * The app's client with every raw statement answered in-process: a batch's upsert reports nothing
 * written and the progress update reports no cancellation. Everything else (loading the job,
 * finishing it) goes to the database.
 */
function stubbedClient(client: PrismaClient): PrismaClient {
  const answer = [{ inserted: 0, updated: 0, duplicates: [], unknown: [], cancelRequested: false }];
  const tx = new Proxy(client, {
    get(target, prop) {
      if (prop === "$queryRaw") return async () => answer;
      if (prop === "$executeRaw") return async () => 0;
      const value: unknown = Reflect.get(target, prop);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return new Proxy(client, {
    get(target, prop) {
      if (prop === "$transaction") return async (fn: (t: PrismaClient) => Promise<unknown>) => fn(tx);
      const value: unknown = Reflect.get(target, prop);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

type Upload = { id: string; ms: number; settings: ImportSettings; columns: string[] };

async function upload(workspaceId: string, kind: ImportKind, file: string, expected: readonly string[]): Promise<Upload> {
  const t = performance.now();
  const body = Readable.toWeb(createReadStream(file, { highWaterMark: 256 * 1024 })) as unknown as ReadableStream<Uint8Array>;
  const { id } = await createImportFromUpload(workspaceId, ACTOR, { kind, fileName: path.basename(file), body });
  const ms = performance.now() - t;
  const job = await getDb().importJob.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId, id } } });
  const settings = importSettingsSchema.parse(job.mapping);
  const wrong = job.columns
    .map((name, i) => ({ name, target: settings.columns[i] }))
    .filter(({ name, target }) => target?.type !== "field" || target.key !== name);
  if (job.columns.join(",") !== expected.join(",") || wrong.length || !job.hasHeader || job.delimiter !== "," || job.encoding !== "utf-8") {
    throw new Error(
      `The guessed mapping of ${path.basename(file)} does not map every column to its field: ` +
        JSON.stringify({ columns: job.columns, hasHeader: job.hasHeader, delimiter: job.delimiter, encoding: job.encoding, mapping: settings.columns }),
    );
  }
  return { id, ms, settings, columns: job.columns };
}

type ImportRun = {
  ms: number;
  memory: MemoryReport;
  /** Time inside the batch transactions, and in their upsert and progress statements; the finishing transaction. */
  batchMs: number;
  upsertMs: number;
  progressMs: number;
  batches: number;
  finishMs: number;
  counts: { rowsRead: number; rowsInserted: number; rowsUpdated: number; rowsUnchanged: number; rowsFailed: number };
};

async function runTimedImport(workspaceId: string, up: Upload, expect: { rows: number; field: "rowsInserted" | "rowsUnchanged" }): Promise<ImportRun> {
  const spans: Spans = { transactions: [], upsert: 0, progress: 0 };
  const client = timedClient(getDb(), spans);
  await sleep(200);
  const memory = sampleMemory();
  const t = performance.now();
  await startImportJob(workspaceId, ACTOR, up.id, up.settings);
  const outcome = await runImport(workspaceId, up.id, { client, actor: ACTOR });
  const ms = performance.now() - t;
  const mem = memory.stop();
  const job = await getDb().importJob.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId, id: up.id } } });
  const counts = { rowsRead: job.rowsRead, rowsInserted: job.rowsInserted, rowsUpdated: job.rowsUpdated, rowsUnchanged: job.rowsUnchanged, rowsFailed: job.rowsFailed };
  if (outcome.status !== "COMPLETED" || job.rowsRead !== expect.rows || job[expect.field] !== expect.rows || job.rowsFailed !== 0) {
    throw new Error(`The import did not do what was expected (${expect.rows} rows ${expect.field}): ${JSON.stringify({ outcome, counts })}`);
  }
  const finishMs = spans.transactions.pop() ?? 0;
  const batchMs = spans.transactions.reduce((a, b) => a + b, 0);
  return { ms, memory: mem, batchMs, upsertMs: spans.upsert, progressMs: spans.progress, batches: spans.transactions.length, finishMs, counts };
}

type Breakdown = { parseMs: number; checkMs: number; stubMs: number; stubMemory: MemoryReport };

async function breakdown(workspaceId: string, kind: ImportKind, up: Upload, rows: number): Promise<Breakdown> {
  const file = importFilePath(workspaceId, up.id);
  const format = { encoding: up.settings.encoding, delimiter: up.settings.delimiter };

  let done = step("read records (csv-parse)");
  let n = 0;
  for await (const item of readRecords(file, format)) if (item.type === "record") n++;
  const parseMs = done();
  if (n !== rows + 1) throw new Error(`read ${n} records, expected ${rows + 1}`);

  done = step("read + check rows (rowReader)");
  const reader = rowReader(kind, up.settings, up.columns, new Map());
  let header = true;
  let bad = 0;
  for await (const item of readRecords(file, format)) {
    if (item.type !== "record") continue;
    if (header) {
      header = false;
      continue;
    }
    if (reader.read(item.cells, item.line).problems.length) bad++;
  }
  const checkMs = done();
  if (bad) throw new Error(`${bad} rows had problems`);

  done = step("runImport, database statements answered in-process");
  await sleep(200);
  const memory = sampleMemory();
  await startImportJob(workspaceId, ACTOR, up.id, up.settings);
  const outcome = await runImport(workspaceId, up.id, { client: stubbedClient(getDb()), actor: ACTOR });
  const stubMemory = memory.stop();
  const stubMs = done();
  if (outcome.status !== "COMPLETED") throw new Error(`stubbed run: ${JSON.stringify(outcome)}`);
  return { parseMs, checkMs, stubMs, stubMemory };
}

// ---- main ---------------------------------------------------------------------------------------

async function main() {
  const startLoad = load();
  const dir = mkdtempSync(path.join(os.tmpdir(), "segmently-bench-import-"));
  process.env.IMPORT_DIR = path.join(dir, "imports");
  const customersCsv = path.join(dir, "customers.csv");
  const ordersCsv = path.join(dir, "orders.csv");

  console.log(`Database ${DB_NAME}: dropped, created and migrated.`);
  await recreateDatabase(DATABASE_URL);
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const db = getDb();
  try {
    const server = (await client.query<{ server_version: string }>("show server_version")).rows[0]?.server_version;
    const wsA = (await db.workspace.create({ data: { name: "Import bench (COPY)", slug: "bench-import-copy" } })).id;
    const wsB = (await db.workspace.create({ data: { name: "Import bench", slug: "bench-import" } })).id;

    console.log(`Files in ${dir}:`);
    let done = step(`customers.csv, ${fmt(CUSTOMERS)} rows`);
    await writeCsv(customersCsv, CUSTOMER_COLUMNS, CUSTOMERS, 20261124, customerLine);
    done();
    done = step(`orders.csv, ${fmt(ORDERS)} rows`);
    await writeCsv(ordersCsv, ORDER_COLUMNS, ORDERS, 20261125, orderLine);
    done();
    const { size: customersBytes } = await stat(customersCsv);
    const { size: ordersBytes } = await stat(ordersCsv);
    console.log(`  sizes: customers.csv ${mb(customersBytes)}, orders.csv ${mb(ordersBytes)}`);

    // ---- customers ----
    console.log("\nCustomers:");
    await settle(client, []);
    done = step(`COPY into "Customer" (workspace A)`);
    await client.query(`alter table "Customer" alter column "workspaceId" set default '${wsA}'::uuid, alter column "updatedAt" set default now()`);
    const copyCustomers = await copyFile(
      client,
      `copy "Customer" (${CUSTOMER_COLUMNS.map((c) => `"${c}"`).join(", ")}) from stdin (format csv, header true)`,
      customersCsv,
    );
    done();
    await client.query(`alter table "Customer" alter column "workspaceId" drop default, alter column "updatedAt" drop default`);
    if (copyCustomers.rows !== CUSTOMERS) throw new Error(`COPY wrote ${copyCustomers.rows} customers, expected ${CUSTOMERS}`);
    // The import starts from the same empty table as COPY did.
    await client.query(`truncate "Customer" cascade`);
    await settle(client, ["Customer"]);

    done = step("upload (createImportFromUpload)");
    const customersUpload = await upload(wsB, "CUSTOMERS", customersCsv, CUSTOMER_COLUMNS);
    done();
    await settle(client, []);
    done = step("import (startImportJob + runImport, workspace B)");
    const importCustomers = await runTimedImport(wsB, customersUpload, { rows: CUSTOMERS, field: "rowsInserted" });
    done();

    await settle(client, ["Customer"]);
    done = step("upload the same file again");
    const againUpload = await upload(wsB, "CUSTOMERS", customersCsv, CUSTOMER_COLUMNS);
    done();
    await settle(client, []);
    done = step("import it again (every row unchanged)");
    const importAgain = await runTimedImport(wsB, againUpload, { rows: CUSTOMERS, field: "rowsUnchanged" });
    done();

    // ---- orders ----
    console.log("\nOrders:");
    await client.query(`create table "BenchOrderCopy" (
      "workspaceId" uuid not null default '${wsA}'::uuid references "Workspace" ("id") on delete cascade,
      "id" serial not null,
      "externalId" text,
      "customerExternalId" text not null,
      "orderedAt" timestamptz(3) not null,
      "amount" decimal(14,2) not null,
      "currency" char(3) not null default 'USD',
      "category" text,
      "channel" text,
      "quantity" integer not null default 1,
      "createdAt" timestamp(3) not null default current_timestamp,
      primary key ("workspaceId", "id"))`);
    await client.query(`create unique index "BenchOrderCopy_workspaceId_externalId_key" on "BenchOrderCopy" ("workspaceId", "externalId")`);
    await client.query(`create index "BenchOrderCopy_workspaceId_customerExternalId_orderedAt_idx" on "BenchOrderCopy" ("workspaceId", "customerExternalId", "orderedAt")`);
    await settle(client, ["Customer"]);
    done = step(`COPY into "BenchOrderCopy" (the file's columns, "Order"'s kinds of indexes)`);
    const copyOrders = await copyFile(
      client,
      `copy "BenchOrderCopy" (${ORDER_COLUMNS.map((c) => `"${c}"`).join(", ")}) from stdin (format csv, header true)`,
      ordersCsv,
    );
    done();
    if (copyOrders.rows !== ORDERS) throw new Error(`COPY wrote ${copyOrders.rows} orders, expected ${ORDERS}`);
    await settle(client, []);

    done = step("upload (createImportFromUpload)");
    const ordersUpload = await upload(wsB, "ORDERS", ordersCsv, ORDER_COLUMNS);
    done();
    await settle(client, []);
    done = step("import (startImportJob + runImport, workspace B)");
    const importOrders = await runTimedImport(wsB, ordersUpload, { rows: ORDERS, field: "rowsInserted" });
    done();
    const metrics = (await client.query<{ n: number }>(`select count(*)::int as n from "CustomerMetrics" where "workspaceId" = $1`, [wsB])).rows[0]?.n ?? 0;
    const endLoad = load();

    // ---- breakdown ----
    let customersBreakdown: Breakdown | null = null;
    let ordersBreakdown: Breakdown | null = null;
    if (BREAKDOWN) {
      console.log("\nBreakdown, customers:");
      customersBreakdown = await breakdown(wsB, "CUSTOMERS", customersUpload, CUSTOMERS);
      console.log("Breakdown, orders:");
      ordersBreakdown = await breakdown(wsB, "ORDERS", ordersUpload, ORDERS);
    }

    // ---- report ----
    const rate = (rows: number, ms: number) => (rows * 1000) / ms;
    const live = (bytes: number | null) => (bytes === null ? "—" : mb(bytes));
    const lines: { name: string; rows: number; bytes: number; copy: { ms: number } | null; run: ImportRun }[] = [
      { name: "customers.csv", rows: CUSTOMERS, bytes: customersBytes, copy: copyCustomers, run: importCustomers },
      { name: "customers.csv again (unchanged)", rows: CUSTOMERS, bytes: customersBytes, copy: copyCustomers, run: importAgain },
      { name: "orders.csv", rows: ORDERS, bytes: ordersBytes, copy: copyOrders, run: importOrders },
    ];
    console.log(
      `\n${fmt(CUSTOMERS)} customers, ${fmt(ORDERS)} orders; PostgreSQL ${server}; Node ${process.version}; ${os.cpus().length} cores; ` +
        `load average (1 / 5 / 15 min) ${startLoad} at the start, ${endLoad} after the imports.`,
    );
    console.log(
      "\n| File | Rows | Size | COPY (s) | COPY rows/s | Import (s) | Import rows/s | Import ÷ COPY | Peak RSS Δ, first 10% → whole run | Peak heapUsed Δ | Heap after full GCs Δ, first 10% → whole run |",
    );
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const l of lines) {
      const m = l.run.memory;
      console.log(
        `| ${l.name} | ${fmt(l.rows)} | ${mb(l.bytes)} | ${l.copy ? fmt(l.copy.ms / 1000, 1) : "—"} | ${l.copy ? fmt(rate(l.rows, l.copy.ms)) : "—"} | ` +
          `${fmt(l.run.ms / 1000, 1)} | ${fmt(rate(l.rows, l.run.ms))} | ${l.copy ? `${fmt((100 * l.copy.ms) / l.run.ms, 0)}%` : "—"} | ` +
          `${mb(m.firstTenthRss)} → ${mb(m.peakRss)} | ${mb(m.peakHeap)} | ${live(m.liveFirstTenth)} → ${live(m.livePeak)} |`,
      );
    }
    console.log("\nUpload (createImportFromUpload: stream to disk, detect format, guess mapping), not counted above:");
    console.log(`  customers.csv ${fmt(customersUpload.ms / 1000, 1)} s, again ${fmt(againUpload.ms / 1000, 1)} s, orders.csv ${fmt(ordersUpload.ms / 1000, 1)} s`);
    console.log("\nMemory (RSS / heapUsed before each import, after a forced collection; peak RSS Δ per tenth of the run):");
    for (const l of lines) {
      const m = l.run.memory;
      console.log(
        `  ${l.name.padEnd(32)} before ${mb(m.baseRss)} / ${mb(m.baseHeap)}; ${m.samples} samples, ${m.majorGcs} full collections; ` +
          `RSS Δ by tenth ${m.tenths.map((x) => fmt(x / 1024 / 1024)).join(" ")} MB`,
      );
    }
    console.log("\nTime inside the batch transactions (the database statements, through Prisma) and in the finishing transaction:");
    for (const l of lines) {
      const r = l.run;
      console.log(
        `  ${l.name.padEnd(32)} ${r.batches} batches, ${fmt(r.batchMs / 1000, 1)} s in batch transactions (${fmt((100 * r.batchMs) / r.ms)}% of the import: ` +
          `upsert statement ${fmt(r.upsertMs / 1000, 1)} s, progress update ${fmt(r.progressMs / 1000, 1)} s, ` +
          `rest: begin, JSON payload, commit ${fmt((r.batchMs - r.upsertMs - r.progressMs) / 1000, 1)} s), ` +
          `finishing transaction ${fmt(r.finishMs / 1000, 1)} s, outside transactions ${fmt((r.ms - r.batchMs - r.finishMs) / 1000, 1)} s`,
      );
    }
    console.log(`  "CustomerMetrics" rows after the order import: ${fmt(metrics)} (kept current by the triggers on "Order"; the COPY table has none).`);
    if (customersBreakdown && ordersBreakdown) {
      console.log("\nBreakdown (same files, same process, no database writes):");
      console.log("| File | Read records (s) | Read + check rows (s) | runImport, statements answered in-process (s) | Stubbed rows/s | Peak heap Δ (stubbed) | Real import (s) |");
      console.log("|---|---:|---:|---:|---:|---:|---:|");
      for (const [name, rows, b, run] of [
        ["customers.csv", CUSTOMERS, customersBreakdown, importCustomers],
        ["orders.csv", ORDERS, ordersBreakdown, importOrders],
      ] as const) {
        console.log(
          `| ${name} | ${fmt(b.parseMs / 1000, 1)} | ${fmt(b.checkMs / 1000, 1)} | ${fmt(b.stubMs / 1000, 1)} | ${fmt(rate(rows, b.stubMs))} | ${mb(b.stubMemory.peakHeap)} | ${fmt(run.ms / 1000, 1)} |`,
        );
      }
    }
    console.log(
      `\nImport ÷ COPY (target ≥ 50%): customers ${fmt((100 * copyCustomers.ms) / importCustomers.ms)}%, orders ${fmt((100 * copyOrders.ms) / importOrders.ms)}%.`,
    );
    console.log('Orders: COPY loads the file\'s columns into "BenchOrderCopy" (customer external ids are not resolved to customer ids; no foreign key to "Customer", no "CustomerMetrics" trigger).');
  } finally {
    await client.end();
    await db.$disconnect();
    if (KEEP) console.log(`Files kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
