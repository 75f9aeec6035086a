import { randomBytes } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { openAdapter, type AdapterHandle } from "@/lib/db/adapter";
import { envVar } from "@/lib/env";
import { ensurePostgresDatabase } from "@/lib/db/create-database";
import { applyMigrations } from "@/lib/db/migrate";
import { setDbForTesting } from "@/lib/db";
import { PrismaPGliteWorker } from "@/lib/db/pglite-worker-client";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on
 * the PostgreSQL server named by TEST_DATABASE_URL (dropped again by `close`). The embedded one runs
 * in-process (quicker to start); TEST_PGLITE_MODE=worker runs it on a worker thread as the app does.
 */
export type TestDatabase = { db: PrismaClient; kind: "pglite" | "postgres"; close(): Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = envVar("TEST_DATABASE_URL");
  if (base) {
    const url = new URL(base);
    if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(url.hostname)) {
      throw new Error("TEST_DATABASE_URL must point at a local server");
    }
    const name = `segmently_t_${process.pid}_${randomBytes(4).toString("hex")}`;
    url.pathname = `/${name}`;
    await ensurePostgresDatabase(url.toString());
    const handle = await openAdapter({ kind: "postgres", url: url.toString() });
    await applyMigrations(handle.factory);
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString(), max: 4 }) });
    setDbForTesting(db);
    return {
      db,
      kind: "postgres",
      close: async () => {
        setDbForTesting(undefined);
        await db.$disconnect();
        const admin = new URL(base);
        admin.pathname = "/postgres";
        const client = new pg.Client({ connectionString: admin.toString() });
        await client.connect();
        await client.query(`drop database if exists "${name}" with (force)`);
        await client.end();
      },
    };
  }
  if (envVar("TEST_PGLITE_MODE") === "worker") {
    const factory = new PrismaPGliteWorker({ dataDir: "memory://" });
    await applyMigrations(factory);
    const db = new PrismaClient({ adapter: factory });
    setDbForTesting(db);
    return {
      db,
      kind: "pglite",
      close: async () => {
        setDbForTesting(undefined);
        await db.$disconnect();
        await factory.close();
      },
    };
  }
  const handle: AdapterHandle = await openAdapter({ kind: "pglite", dataDir: "memory://" });
  await applyMigrations(handle.factory);
  const db = new PrismaClient({ adapter: handle.factory });
  setDbForTesting(db);
  return {
    db,
    kind: "pglite",
    close: async () => {
      setDbForTesting(undefined);
      await db.$disconnect();
      await handle.close();
    },
  };
}
