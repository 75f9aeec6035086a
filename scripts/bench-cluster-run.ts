/**
 * A full clustering run, as the "clustering" job runs it, on N customers (default 100,000) with
 * 5·N orders: load the features in SQL, k-means for k = 2…10 with every customer assigned, profiles,
 * ranges and scatter, and one assignment row per customer written back.
 *
 *   npx tsx --conditions=react-server scripts/bench-cluster-run.ts [--customers 100000]
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx --conditions=react-server scripts/bench-cluster-run.ts
 *
 * A fresh database each time: in-memory PGlite by default, or a new database on the PostgreSQL
 * server named by TEST_DATABASE_URL (dropped at the end). Data are deterministic (hashint4).
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { Prisma } from "../lib/generated/prisma/client";
import { createTestDatabase } from "../lib/db/testing";
import { runClusterJob } from "../lib/insights/cluster-job";
import { computeClusters } from "../lib/insights/cluster-compute";
import { featureSpec, loadClusterFeatures } from "../lib/insights/clusters";
import { clusterOptionsSchema } from "../lib/validations/clusters";

const { raw } = Prisma;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const CUSTOMERS = Number(arg("customers") ?? 100_000);
const NOW = new Date("2026-01-01T00:00:00.000Z");
const h = (expr: string, salt: number, m: number) => `((hashint4((${expr})::int * 7 + ${salt})::bigint + 2147483648) % ${m})`;

/**
 * Wall time, and this process's CPU time (user + system): on a shared machine the wall time grows
 * with the load, the CPU time much less. (PGlite runs in this process, so its work counts; a
 * PostgreSQL server's does not.)
 */
async function time<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const result = await f();
  const used = process.cpuUsage(cpu);
  console.log(`${label.padEnd(58)} ${((performance.now() - t) / 1000).toFixed(2).padStart(6)} s wall, ${((used.user + used.system) / 1e6).toFixed(2).padStart(6)} s CPU`);
  return result;
}

async function main() {
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(" / ")}, ${os.cpus().length} cores`);
  const database = await createTestDatabase();
  const { db } = database;
  try {
    const ws = (await db.workspace.create({ data: { name: "Cluster bench", slug: `bench-clusters-${Date.now()}` } })).id;
    const now = `'${NOW.toISOString()}'::timestamptz`;
    await time(`seed ${CUSTOMERS.toLocaleString("en")} customers`, () =>
      db.$executeRaw`${raw(`insert into "Customer" ("workspaceId", "id", "externalId", "gender", "birthDate", "annualIncome", "country", "acquisitionChannel", "updatedAt")
        select '${ws}'::uuid, g, 'c' || g,
          (array['female','male','nonbinary',null])[1 + ${h("g", 3, 4)}],
          date '1950-01-01' + ${h("g", 4, 20000)}::int,
          case when ${h("g", 5, 10)} = 0 then null else (${h("g", 6, 20000000)} / 100.0)::numeric(14,2) end,
          (array['US','GB','DE','FR','ES'])[1 + ${h("g", 8, 5)}],
          (array['organic','paid','referral','email'])[1 + ${h("g", 13, 4)}],
          ${now}
        from generate_series(1, ${CUSTOMERS}) g`)}`,
    );
    await time(`seed ${(CUSTOMERS * 5).toLocaleString("en")} orders`, () =>
      db.$executeRaw`${raw(`insert into "Order" ("workspaceId", "customerId", "orderedAt", "amount")
        select '${ws}'::uuid, 1 + ${h("g", 31, CUSTOMERS)}, ${now} - make_interval(mins => ${h("g", 32, 730 * 24 * 60)}::int),
          (1 + ${h("g", 33, 50000)} / 100.0)::numeric(14,2)
        from generate_series(1, ${CUSTOMERS * 5}) g`)}`,
    );
    const options = clusterOptionsSchema.parse({ numeric: ["age", "income", "spend", "frequency", "recency"], categorical: ["country"] });
    console.log(`\n${database.kind}, ${CUSTOMERS.toLocaleString("en")} customers, features: ${options.numeric.join(", ")} + ${options.categorical.join(", ")}; k = 2…10`);

    // The parts on their own …
    const features = await time("load features (one SQL statement)", () => loadClusterFeatures(db, ws, options, NOW));
    const spec = featureSpec(options, []);
    await time("compute: k = 2…10, assign all, profiles, scatter", () =>
      computeClusters({ ids: features.ids, rows: features.rows, spec, kMin: options.kMin, kMax: options.kMax, seed: options.seed }),
    );
    // … and the whole job, with progress writes and the assignment rows.
    const run = await db.clusterRun.create({ data: { workspaceId: ws, options, status: "QUEUED" }, select: { id: true } });
    await time("the whole job (load, compute, write 1 row per customer)", () => runClusterJob(db, ws, run.id, { now: NOW }));
    const done = await db.clusterRun.findFirstOrThrow({ where: { workspaceId: ws, id: run.id }, select: { status: true, message: true, customers: true } });
    const rows = await db.clusterAssignment.count({ where: { workspaceId: ws, runId: run.id } });
    console.log(`status ${done.status}${done.message ? ` (${done.message})` : ""}, ${done.customers?.toLocaleString("en")} customers, ${rows.toLocaleString("en")} assignment rows`);
    console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(" / ")}`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
