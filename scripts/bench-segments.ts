/**
 * Segment engine benchmark.
 *
 *   npx tsx scripts/bench-segments.ts [--database-url postgres://…] [--customers 1000000] [--runs 5]
 *                                     [--sample 20000] [--reseed] [--only <text>]
 *
 * Builds (once, deterministically, with INSERT … SELECT generate_series) a workspace of N customers
 * and 5·N orders in the configured PostgreSQL database (the triggers on "Order" fill "CustomerMetrics"), then prints, for a fixed set of definitions,
 * the median latency of the engine's count, of the same count written by hand in SQL, and of
 * fetching rows and filtering them in JavaScript with `match` (measured on a sample of customers and
 * extrapolated to N), with the ratios. Engine and hand-written counts are checked to be equal.
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "../lib/generated/prisma/client";
import { openAdapter } from "../lib/db/adapter";
import { ensurePostgresDatabase } from "../lib/db/create-database";
import { applyMigrations } from "../lib/db/migrate";
import { countSegment, overlapCounts } from "../lib/segments/queries";
import { loadContext, type EvaluationContext } from "../lib/segments/context";
import type { SegmentDefinition, SegmentNode } from "../lib/segments/definition";
import { match, type CustomerRecord, type OrderRecord } from "../lib/segments/match";
import { computeRfmScores } from "../lib/analytics/rfm";
import { toCents } from "../lib/analytics/money";
import { subtractUnits } from "../lib/segments/time";

const { sql } = Prisma;

// ---- arguments ----------------------------------------------------------------------------------

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

const DATABASE_URL = arg("database-url") ?? process.env.DATABASE_URL ?? "";
const CUSTOMERS = Number(arg("customers") ?? 1_000_000);
const ORDERS = CUSTOMERS * 5;
const RUNS = Number(arg("runs") ?? 5);
const SAMPLE = Math.min(CUSTOMERS, Number(arg("sample") ?? 20_000));
const RESEED = process.argv.includes("--reseed");
/** Only the cases whose name contains this text (e.g. `--only RFM`). */
const ONLY = arg("only")?.toLowerCase();
const SLUG = `bench-segments-${CUSTOMERS}`;
/** The benchmark's fixed "now": data and definitions are relative to it, so runs are repeatable. */
const NOW = new Date("2026-01-01T00:00:00.000Z");
const REF_SEGMENT_ID = "bench-ref-us-large";

if (!/^postgres(ql)?:\/\//.test(DATABASE_URL)) {
  console.error("Set DATABASE_URL or pass --database-url postgres://… (the benchmark needs PostgreSQL).");
  process.exit(1);
}

// ---- data ---------------------------------------------------------------------------------------

/** A deterministic pseudo-random integer in [0, m) from a row number and a salt. */
const h = (expr: string, salt: number, m: number) => `((hashint4((${expr})::int * 7 + ${salt})::bigint + 2147483648) % ${m})`;

async function seed(client: pg.Client, workspaceId: string): Promise<void> {
  const now = `'${NOW.toISOString()}'::timestamptz`;
  const step = async (label: string, text: string, params: unknown[] = []) => {
    const t = performance.now();
    process.stdout.write(`  ${label}… `);
    await client.query(text, params);
    console.log(`${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  await step(
    `${CUSTOMERS.toLocaleString("en")} customers`,
    `insert into "Customer" ("workspaceId", "id", "externalId", "email", "firstName", "lastName", "gender", "birthDate",
       "annualIncome", "occupation", "country", "region", "city", "industry", "companySize", "acquisitionChannel",
       "emailOptIn", "firstSeenAt", "interests", "needs", "technologies", "traits", "createdAt", "updatedAt")
     select $1::uuid, g, 'c' || g, 'user' || g || '@example.com',
       (array['Ada','Bob','Cleo','Dan','Eve','Finn','Gus','Hana'])[1 + ${h("g", 1, 8)}],
       (array['Smith','Jones','Brown','Garcia','Miller','Davis','Lopez','Wilson'])[1 + ${h("g", 2, 8)}],
       (array['female','male','nonbinary',null])[1 + ${h("g", 3, 4)}],
       date '1950-01-01' + ${h("g", 4, 20000)}::int,
       case when ${h("g", 5, 10)} = 0 then null else (${h("g", 6, 20000000)} / 100.0)::numeric(14,2) end,
       (array['engineer','teacher','designer','nurse','manager'])[1 + ${h("g", 7, 5)}],
       (array['US','GB','DE','FR','ES','IT','NL','SE','CA','AU','BR','MX','JP','IN','PL','BE','CH','AT','IE','DK'])[1 + ${h("g", 8, 20)}],
       'Region ' || ${h("g", 9, 50)},
       'City ' || ${h("g", 10, 500)},
       (array['retail','software','finance','health','education','media','travel','food','energy','logistics'])[1 + ${h("g", 11, 10)}],
       (array[1,5,10,50,100,500,1000,5000])[1 + ${h("g", 12, 8)}],
       (array['organic','paid','referral','email'])[1 + ${h("g", 13, 4)}],
       ${h("g", 14, 3)} <> 0,
       ${now} - make_interval(days => ${h("g", 15, 1000)}::int),
       array_remove(array[(array['running','yoga','cooking','travel','gaming','music','reading','cycling'])[1 + ${h("g", 16, 8)}],
                          case when ${h("g", 17, 2)} = 0 then (array['running','yoga','cooking','travel','gaming','music','reading','cycling'])[1 + ${h("g", 18, 8)}] end], null),
       array[(array['price','quality','speed','support'])[1 + ${h("g", 19, 4)}]],
       array[(array['shopify','hubspot','salesforce','wordpress','stripe'])[1 + ${h("g", 20, 5)}]],
       jsonb_build_object('plan', (array['free','pro','enterprise','Pro'])[1 + ${h("g", 21, 4)}],
                          'score', ${h("g", 22, 100)}, 'beta', ${h("g", 23, 5)} = 0),
       (${now} - make_interval(days => ${h("g", 24, 1000)}::int)) at time zone 'UTC',
       (${now}) at time zone 'UTC'
     from generate_series(1, ${CUSTOMERS}) g`,
    [workspaceId],
  );
  await step(
    `${ORDERS.toLocaleString("en")} orders`,
    `insert into "Order" ("workspaceId", "customerId", "orderedAt", "amount", "category", "channel", "quantity")
     select $1::uuid, 1 + ${h("g", 31, CUSTOMERS)}, ${now} - make_interval(mins => ${h("g", 32, 730 * 24 * 60)}::int),
       (1 + ${h("g", 33, 50000)} / 100.0)::numeric(14,2),
       (array['Shoes','Books','Electronics','Home','Beauty','Sports'])[1 + ${h("g", 34, 6)}],
       (array['web','store','app'])[1 + ${h("g", 35, 3)}],
       1 + ${h("g", 36, 3)}
     from generate_series(1, ${ORDERS}) g`,
    [workspaceId],
  );
  await step("vacuum analyze", `vacuum analyze "Customer", "Order", "CustomerMetrics"`);
}

// ---- definitions --------------------------------------------------------------------------------

const d = (op: "and" | "or", ...children: SegmentNode[]): SegmentDefinition => ({ version: 1, root: { type: "group", op, children } });

const typed = d(
  "and",
  { type: "field", field: "country", operator: "eq", value: "US" },
  { type: "field", field: "companySize", operator: "gte", value: 50 },
);
const trait = d("and", { type: "field", field: "traits.plan", operator: "eq", value: "pro" });
const behavioral = d("and", {
  type: "behavior",
  kind: "aggregate",
  subject: { source: "orders" },
  aggregate: "count",
  window: { kind: "last", amount: 90, unit: "days" },
  operator: "gte",
  value: 2,
});
const rfm = d("and", { type: "value", metric: "rfm_segment", operator: "in", value: ["champions"] });
const nested: SegmentDefinition = {
  version: 1,
  root: {
    type: "group",
    op: "and",
    children: [
      {
        type: "group",
        op: "or",
        children: [
          { type: "field", field: "country", operator: "in", value: ["US", "GB"] },
          { type: "field", field: "interests", operator: "has_any", value: ["running"] },
        ],
      },
      {
        type: "group",
        op: "or",
        negate: true,
        children: [
          { type: "field", field: "emailOptIn", operator: "is_false" },
          { type: "field", field: "companySize", operator: "lt", value: 10 },
        ],
      },
    ],
  },
};
const reference = d(
  "and",
  { type: "membership", target: "segment", operator: "in", id: REF_SEGMENT_ID },
  { type: "behavior", kind: "aggregate", subject: { source: "orders" }, aggregate: "sum", window: { kind: "ever" }, operator: "gte", value: 500 },
);

const cut90 = subtractUnits(NOW, 90, "days").toISOString();
const nowIso = NOW.toISOString();

type Case = {
  name: string;
  definitions: SegmentDefinition[];
  hand: (ws: string) => Prisma.Sql;
};

const CASES: Case[] = [
  {
    name: "typed fields (country = US and company size ≥ 50)",
    definitions: [typed],
    hand: (ws) => sql`select count(*)::int as n from "Customer"
      where "workspaceId" = ${ws}::uuid and lower("country") = 'us' and "companySize" >= 50`,
  },
  {
    name: "JSONB trait (plan = pro)",
    definitions: [trait],
    hand: (ws) => sql`select count(*)::int as n from "Customer"
      where "workspaceId" = ${ws}::uuid and lower("traits" ->> 'plan') = 'pro'`,
  },
  {
    name: "behavioral window (≥ 2 orders in the last 90 days)",
    definitions: [behavioral],
    hand: (ws) => sql`select count(*)::int as n from (
        select "customerId" from "Order"
        where "workspaceId" = ${ws}::uuid and "orderedAt" >= ${cut90}::timestamptz and "orderedAt" <= ${nowIso}::timestamptz
        group by "customerId" having count(*) >= 2) t`,
  },
  {
    name: "RFM segment (champions)",
    definitions: [rfm],
    hand: (ws) => sql`select count(*)::int as n from (
        select ntile(5) over (order by "lastOrderAt", "customerId") r, ntile(5) over (order by "orderCount", "customerId") f,
               ntile(5) over (order by "totalSpent", "customerId") m
        from "CustomerMetrics" where "workspaceId" = ${ws}::uuid) x
      where r >= 4 and f >= 4 and m >= 4`,
  },
  {
    name: "nested OR with NOT",
    definitions: [nested],
    hand: (ws) => sql`select count(*)::int as n from "Customer"
      where "workspaceId" = ${ws}::uuid
        and (lower("country") in ('us', 'gb') or "interests" && array['running'])
        and "emailOptIn" and ("companySize" >= 10 or "companySize" is null)`,
  },
  {
    name: "segment reference (in “US, 50+ staff” and spent ≥ 500)",
    definitions: [reference],
    hand: (ws) => sql`select count(*)::int as n from "Customer" c
      join "CustomerMetrics" m on m."workspaceId" = c."workspaceId" and m."customerId" = c."id"
      where c."workspaceId" = ${ws}::uuid and lower(c."country") = 'us' and c."companySize" >= 50 and m."totalSpent" >= 500`,
  },
  {
    name: "overlap of 3 segments (typed, trait, behavioral)",
    definitions: [typed, trait, behavioral],
    hand: (ws) => sql`select count(*) filter (where a)::int as a, count(*) filter (where b)::int as b,
        count(*) filter (where c)::int as c, count(*) filter (where a and b)::int as ab,
        count(*) filter (where a and c)::int as ac, count(*) filter (where b and c)::int as bc,
        count(*) filter (where a and b and c)::int as abc, count(*) filter (where a or b or c)::int as n
      from (select lower(cu."country") = 'us' and cu."companySize" >= 50 as a,
                   lower(cu."traits" ->> 'plan') = 'pro' as b,
                   coalesce(o.cnt >= 2, false) as c
            from "Customer" cu
            left join (select "customerId", count(*) cnt from "Order"
                       where "workspaceId" = ${ws}::uuid and "orderedAt" >= ${cut90}::timestamptz and "orderedAt" <= ${nowIso}::timestamptz
                       group by 1) o on o."customerId" = cu."id"
            where cu."workspaceId" = ${ws}::uuid) t`,
  },
];

// ---- measurement --------------------------------------------------------------------------------

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

type Row = Record<string, unknown>;

/** Fetch customers 1..SAMPLE with their orders, filter with `match`, extrapolate the time to N. */
async function fetchAndFilter(db: PrismaClient, ws: string, c: Case, ctx: EvaluationContext): Promise<number> {
  const t = performance.now();
  const customers = await db.$queryRaw<Row[]>(sql`select * from "Customer" where "workspaceId" = ${ws}::uuid and "id" <= ${SAMPLE}::int`);
  const orders = await db.$queryRaw<Row[]>(
    sql`select "customerId", "orderedAt", "amount"::text as amount, "category", "channel" from "Order"
        where "workspaceId" = ${ws}::uuid and "customerId" <= ${SAMPLE}::int`,
  );
  const byCustomer = new Map<number, OrderRecord[]>();
  for (const o of orders) {
    const id = Number(o.customerId);
    const list = byCustomer.get(id) ?? [];
    list.push({ orderedAt: o.orderedAt as Date, amount: String(o.amount), category: o.category as string | null, channel: o.channel as string | null });
    byCustomer.set(id, list);
  }
  const scores = computeRfmScores(
    [...byCustomer.entries()].map(([customerId, list]) => ({
      customerId,
      orderCount: list.length,
      totalCents: list.reduce((s, o) => s + toCents(o.amount), 0),
      lastOrderAt: new Date(Math.max(...list.map((o) => o.orderedAt.getTime()))),
    })),
  );
  const local = { ...ctx, rfm: (id: number) => scores.get(id) ?? null };
  let matched = 0;
  for (const row of customers) {
    const customer = row as unknown as CustomerRecord;
    const history = { orders: byCustomer.get(Number(row.id)) ?? [], events: [] };
    for (const definition of c.definitions) if (match(definition, customer, history, local).matched) matched++;
  }
  void matched;
  return ((performance.now() - t) * CUSTOMERS) / SAMPLE;
}

async function main() {
  const url = DATABASE_URL;
  await ensurePostgresDatabase(url);
  const handle = await openAdapter({ kind: "postgres", url });
  await applyMigrations(handle.factory);
  await handle.close();

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
  try {
    let ws = (await db.workspace.findUnique({ where: { slug: SLUG }, select: { id: true } }))?.id;
    const count = ws ? await db.customer.count({ where: { workspaceId: ws } }) : 0;
    if (!ws || count !== CUSTOMERS || RESEED) {
      if (ws) await db.workspace.delete({ where: { id: ws } });
      ws = (await db.workspace.create({ data: { name: `Segment bench ${CUSTOMERS}`, slug: SLUG } })).id;
      console.log(`Seeding workspace ${SLUG}:`);
      await seed(client, ws);
    } else {
      console.log(`Reusing workspace ${SLUG} (${count.toLocaleString("en")} customers).`);
    }
    await db.customerTraitDefinition.upsert({
      where: { workspaceId_key: { workspaceId: ws, key: "plan" } },
      create: { workspaceId: ws, key: "plan", label: "Plan", type: "TEXT", family: "VALUE" },
      update: {},
    });
    await db.segment.upsert({
      where: { workspaceId_id: { workspaceId: ws, id: REF_SEGMENT_ID } },
      create: { workspaceId: ws, id: REF_SEGMENT_ID, name: "US, 50+ staff", definition: typed as Prisma.InputJsonValue },
      update: { definition: typed as Prisma.InputJsonValue },
    });
    // The metrics table may have just been built by a migration: make its visibility map and
    // statistics current, as autovacuum would in production.
    await client.query(`vacuum analyze "CustomerMetrics"`);
    const orders = await db.order.count({ where: { workspaceId: ws } });
    const server = await client.query<{ server_version: string }>("show server_version");
    console.log(
      `\n${CUSTOMERS.toLocaleString("en")} customers, ${orders.toLocaleString("en")} orders; PostgreSQL ${server.rows[0]?.server_version}; ` +
        `median of ${RUNS} runs; fetch-and-filter sampled on ${SAMPLE.toLocaleString("en")} customers and extrapolated.\n`,
    );

    const results: { name: string; engine: number; hand: number; fetch: number; count: string }[] = [];
    for (const c of CASES.filter((k) => !ONLY || k.name.toLowerCase().includes(ONLY))) {
      const ctx = await loadContext(db, ws, c.definitions, { now: NOW });
      const engineRun = () =>
        c.definitions.length === 1
          ? countSegment(db, ws, c.definitions[0]!, ctx).then((n) => [n])
          : overlapCounts(db, ws, c.definitions, ctx).then((o) => [...o.sizes, o.pairs[0]![1]!, o.pairs[0]![2]!, o.pairs[1]![2]!, o.all, o.any]);
      const handRun = async () => {
        const rows = await db.$queryRaw<Row[]>(c.hand(ws));
        return Object.values(rows[0] ?? {}).map(Number);
      };
      // Warm up once (and check that both give the same numbers).
      const [e0, h0] = [await engineRun(), await handRun()];
      if (JSON.stringify(e0) !== JSON.stringify(h0))
        throw new Error(`${c.name}: engine ${JSON.stringify(e0)} ≠ hand-written ${JSON.stringify(h0)}`);
      const engine: number[] = [];
      const hand: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        engine.push((await time(engineRun)).ms);
        hand.push((await time(handRun)).ms);
      }
      const fetch: number[] = [];
      for (let i = 0; i < Math.max(1, Math.min(3, RUNS)); i++) fetch.push(await fetchAndFilter(db, ws, c, ctx));
      const row = { name: c.name, engine: median(engine), hand: median(hand), fetch: median(fetch), count: e0.join(" / ") };
      results.push(row);
      console.log(
        `${row.name.padEnd(56)} engine ${row.engine.toFixed(0).padStart(6)} ms  hand ${row.hand.toFixed(0).padStart(6)} ms  ` +
          `fetch ${row.fetch.toFixed(0).padStart(7)} ms  engine/hand ${(row.engine / row.hand).toFixed(2)}×  ` +
          `fetch/engine ${(row.fetch / row.engine).toFixed(0)}×  count ${row.count}`,
      );
    }
    console.log("\nMarkdown:\n");
    console.log("| Definition | Count | Engine (ms) | Hand-written SQL (ms) | Fetch + filter in JS (ms, extrapolated) | Engine ÷ hand | Fetch ÷ engine |");
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    for (const r of results)
      console.log(
        `| ${r.name} | ${r.count} | ${r.engine.toFixed(0)} | ${r.hand.toFixed(0)} | ${r.fetch.toFixed(0)} | ${(r.engine / r.hand).toFixed(2)}× | ${(r.fetch / r.engine).toFixed(0)}× |`,
      );
  } finally {
    await db.$disconnect();
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
