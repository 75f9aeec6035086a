import "server-only";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { mkdirSync } from "node:fs";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { resolveTarget } from "@/lib/db/adapter";
import { PrismaPGliteWorker } from "@/lib/db/pglite-worker-client";
import { env, envVar } from "@/lib/env";

/**
 * The one Prisma client. The adapter follows DATABASE_URL: unset → embedded PGlite under .data/,
 * postgres://… → PostgreSQL through @prisma/adapter-pg. Created on first use, so importing this
 * module (at build time, say) opens nothing.
 *
 * The embedded database runs on a worker thread by default (PGLITE_MODE=worker,
 * lib/db/pglite-worker-client.ts), so a heavy query does not stop this thread from serving other
 * requests; PGLITE_MODE=inline runs it on this thread as before.
 */
type Holder = { client?: PrismaClient };
// One client per process, shared by every bundle that imports this module: in a production build
// pages and route handlers are separate module graphs, and two embedded databases must never open
// the same directory (it also survives hot reloads in development).
const holder: Holder = ((globalThis as unknown as { __segmentlyDb?: Holder }).__segmentlyDb ??= {});

function createClient(): PrismaClient {
  const target = resolveTarget(envVar("DATABASE_URL"));
  if (target.kind === "postgres") {
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url, max: 10 }) });
  }
  if (target.dataDir !== "memory://") mkdirSync(target.dataDir, { recursive: true });
  const { PGLITE_MODE, PGLITE_TX_WAIT_MS } = env();
  if (PGLITE_MODE === "worker") {
    return new PrismaClient({ adapter: new PrismaPGliteWorker({ dataDir: target.dataDir, transactionWaitMs: PGLITE_TX_WAIT_MS }) });
  }
  return new PrismaClient({ adapter: new PrismaPGlite(new PGlite({ dataDir: target.dataDir })) });
}

export function getDb(): PrismaClient {
  holder.client ??= createClient();
  return holder.client;
}

/** Tests install a client bound to their own database. */
export function setDbForTesting(client: PrismaClient | undefined): void {
  holder.client = client;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getDb();
    const value: unknown = Reflect.get(client, prop);
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(client) : value;
  },
});

export type Db = PrismaClient;
export { Prisma } from "@/lib/generated/prisma/client";
