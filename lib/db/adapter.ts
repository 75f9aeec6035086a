import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

/** Where the embedded database lives when DATABASE_URL is unset. */
export const DEFAULT_PGLITE_DIR = path.join(process.cwd(), ".data", "pglite");

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dataDir: string }; // "memory://" for an in-memory database

/** `DATABASE_URL` unset → embedded PGlite under `.data/`; `postgres://…` → a real PostgreSQL server. */
export function resolveTarget(url: string | undefined): DatabaseTarget {
  if (!url) return { kind: "pglite", dataDir: DEFAULT_PGLITE_DIR };
  if (url.startsWith("pglite:")) {
    const rest = url.slice("pglite:".length);
    return { kind: "pglite", dataDir: rest === "memory" || rest === "" ? "memory://" : path.resolve(rest) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", url };
  throw new Error("DATABASE_URL must be a postgres:// URL (or unset for the embedded database)");
}

export type AdapterHandle = {
  target: DatabaseTarget;
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** The embedded database, when there is one (scripts must close it: it keeps the process alive). */
  pglite?: PGlite;
  close(): Promise<void>;
};

/**
 * pglite-prisma-adapter runs migration scripts without awaiting them, so a failing migration would be
 * reported as applied. This wrapper awaits `exec` and lets the error reach the migration engine.
 */
function withAwaitedScripts(
  factory: SqlMigrationAwareDriverAdapterFactory,
  client: PGlite,
): SqlMigrationAwareDriverAdapterFactory {
  const patch = (adapter: SqlDriverAdapter, db: PGlite): SqlDriverAdapter => {
    adapter.executeScript = async (script: string) => {
      await db.exec(script);
    };
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => patch(await factory.connect(), client),
    connectToShadowDb: async () => {
      const shadow = new PGlite({ dataDir: "memory://" });
      const adapter = await new PrismaPGlite(shadow).connect();
      return patch(adapter, shadow);
    },
  };
}

export async function openAdapter(target: DatabaseTarget): Promise<AdapterHandle> {
  if (target.kind === "postgres") {
    const factory = new PrismaPg({ connectionString: target.url, max: 10 });
    return { target, factory, close: async () => {} };
  }
  if (target.dataDir !== "memory://") mkdirSync(target.dataDir, { recursive: true });
  const pglite = new PGlite({ dataDir: target.dataDir });
  await pglite.waitReady;
  const factory = withAwaitedScripts(new PrismaPGlite(pglite), pglite);
  return {
    target,
    factory,
    pglite,
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}
