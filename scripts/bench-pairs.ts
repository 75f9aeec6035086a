/**
 * Every pair of condition kinds on the demo workspace.
 *
 *   npx tsx scripts/bench-pairs.ts [--database-url postgres://…] [--runs 3] [--limit-ms 300]
 *
 * Seeds the demo workspace (5,000 customers, ~25k orders, ~15k events) into an in-memory embedded
 * database — and, with a postgres:// URL (argument or DATABASE_URL), into a fresh database on that
 * server — then counts, for every pair of condition kinds (field, behaviour, RFM, lifetime value,
 * lifecycle, membership; two variants each, including a pair with itself), the pair combined with
 * AND, OR and AND NOT. Prints the slowest combinations per database (median of `--runs`) and
 * whether any is above `--limit-ms` (300 ms by default; the target on the embedded database).
 */
import { performance } from "node:perf_hooks";
import os from "node:os";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { openAdapter } from "../lib/db/adapter";
import { ensurePostgresDatabase } from "../lib/db/create-database";
import { applyMigrations } from "../lib/db/migrate";
import { seedDemoWorkspace } from "../lib/demo/seed";
import { countSegment } from "../lib/segments/queries";
import { loadContext } from "../lib/segments/context";
import type { Condition, SegmentDefinition, SegmentNode } from "../lib/segments/definition";
import { createSegment } from "../lib/segments/store";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const PG_URL = arg("database-url") ?? process.env.DATABASE_URL ?? "";
const RUNS = Number(arg("runs") ?? 3);
const LIMIT_MS = Number(arg("limit-ms") ?? 300);

type Kind = "field" | "behaviour" | "rfm" | "clv" | "lifecycle" | "membership";
type Variant = { kind: Kind; label: string; node: (refs: { segment: string }) => Condition };

const VARIANTS: Variant[] = [
  { kind: "field", label: "country is US", node: () => ({ type: "field", field: "country", operator: "eq", value: "US" }) },
  { kind: "field", label: "interests include outdoors or fitness", node: () => ({ type: "field", field: "interests", operator: "has_any", value: ["outdoors", "fitness"] }) },
  {
    kind: "behaviour",
    label: "2+ orders in the last 90 days",
    node: () => ({ type: "behavior", kind: "aggregate", subject: { source: "orders" }, aggregate: "count", window: { kind: "last", amount: 90, unit: "days" }, operator: "gte", value: 2 }),
  },
  {
    kind: "behaviour",
    label: "opened an e-mail in the last 30 days",
    node: () => ({ type: "behavior", kind: "aggregate", subject: { source: "events", name: "email_open" }, aggregate: "count", window: { kind: "last", amount: 30, unit: "days" }, operator: "gte", value: 1 }),
  },
  { kind: "rfm", label: "RFM segment Champions or Loyal", node: () => ({ type: "value", metric: "rfm_segment", operator: "in", value: ["champions", "loyal"] }) },
  { kind: "rfm", label: "recency score ≥ 4", node: () => ({ type: "value", metric: "rfm_recency", operator: "gte", value: 4 }) },
  { kind: "clv", label: "lifetime value ≥ 500", node: () => ({ type: "value", metric: "clv", operator: "gte", value: 500 }) },
  { kind: "clv", label: "lifetime value between 50 and 200", node: () => ({ type: "value", metric: "clv", operator: "between", value: { min: 50, max: 200 } }) },
  { kind: "lifecycle", label: "lifecycle at risk or churned", node: () => ({ type: "value", metric: "lifecycle_stage", operator: "in", value: ["at_risk", "churned"] }) },
  { kind: "lifecycle", label: "lifecycle active", node: () => ({ type: "value", metric: "lifecycle_stage", operator: "in", value: ["active"] }) },
  { kind: "membership", label: "in segment “High spenders in the US”", node: (r) => ({ type: "membership", target: "segment", operator: "in", id: r.segment }) },
  { kind: "membership", label: "not in segment “High spenders in the US”", node: (r) => ({ type: "membership", target: "segment", operator: "not_in", id: r.segment }) },
];

type Combination = { name: string; definition: SegmentDefinition };

function combinations(refs: { segment: string }): Combination[] {
  const out: Combination[] = [];
  for (let i = 0; i < VARIANTS.length; i++)
    for (let j = i; j < VARIANTS.length; j++) {
      const a = VARIANTS[i]!;
      const b = VARIANTS[j]!;
      const x = a.node(refs);
      const y = b.node(refs);
      const not: SegmentNode = { type: "group", op: "and", negate: true, children: [y] };
      out.push(
        { name: `${a.label} AND ${b.label}`, definition: { version: 1, root: { type: "group", op: "and", children: [x, y] } } },
        { name: `${a.label} OR ${b.label}`, definition: { version: 1, root: { type: "group", op: "or", children: [x, y] } } },
        { name: `${a.label} AND NOT ${b.label}`, definition: { version: 1, root: { type: "group", op: "and", children: [x, not] } } },
      );
    }
  return out;
}

async function measure(label: string, db: PrismaClient): Promise<{ label: string; slowest: { name: string; ms: number; count: number }[]; over: number; total: number }> {
  const seeded = await seedDemoWorkspace({ client: db });
  const ws = seeded.workspaceId;
  const reference = await createSegment(db, ws, {
    name: "High spenders in the US",
    definition: {
      version: 1,
      root: {
        type: "group",
        op: "and",
        children: [
          { type: "field", field: "country", operator: "eq", value: "US" },
          { type: "value", metric: "clv", operator: "gte", value: 300 },
        ],
      },
    },
  });
  const now = new Date();
  const results: { name: string; ms: number; count: number }[] = [];
  for (const c of combinations({ segment: reference.segment.id })) {
    const ctx = await loadContext(db, ws, [c.definition], { now });
    const count = await countSegment(db, ws, c.definition, ctx); // warm-up
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      await countSegment(db, ws, c.definition, ctx);
      times.push(performance.now() - t);
    }
    times.sort((p, q) => p - q);
    results.push({ name: c.name, ms: times[Math.floor(times.length / 2)]!, count });
  }
  results.sort((p, q) => q.ms - p.ms);
  return { label, slowest: results.slice(0, 8), over: results.filter((r) => r.ms > LIMIT_MS).length, total: results.length };
}

function report(r: Awaited<ReturnType<typeof measure>>): void {
  console.log(`\n${r.label}: ${r.total} combinations, ${r.over} above ${LIMIT_MS} ms; slowest (median of ${RUNS}):`);
  console.log("| definition | customers | ms |\n|---|---:|---:|");
  for (const s of r.slowest) console.log(`| ${s.name} | ${s.count.toLocaleString("en-US")} | ${s.ms.toFixed(0)} |`);
}

async function main() {
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")}`);
  const handle = await openAdapter({ kind: "pglite", dataDir: "memory://" });
  await applyMigrations(handle.factory);
  const embedded = new PrismaClient({ adapter: handle.factory });
  let failed = false;
  try {
    const r = await measure("embedded PGlite", embedded);
    report(r);
    failed ||= r.over > 0;
  } finally {
    await embedded.$disconnect();
    await handle.close();
  }
  if (/^postgres(ql)?:\/\//.test(PG_URL)) {
    const url = new URL(PG_URL);
    url.pathname = "/segmently_bench_pairs";
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query('drop database if exists "segmently_bench_pairs" with (force)');
    await admin.end();
    await ensurePostgresDatabase(url.toString());
    const h = await openAdapter({ kind: "postgres", url: url.toString() });
    await applyMigrations(h.factory);
    await h.close();
    const server = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString(), max: 4 }) });
    try {
      report(await measure("PostgreSQL", server));
    } finally {
      await server.$disconnect();
    }
  } else {
    console.log("\n(PostgreSQL skipped: pass --database-url postgres://… or set DATABASE_URL)");
  }
  console.log(`\nload average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")}`);
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
