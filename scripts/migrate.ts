/**
 * `tsx scripts/migrate.ts deploy` — apply pending migrations to the configured database.
 * `tsx scripts/migrate.ts create <name>` — write a new migration from the change to schema.prisma
 * (computed on an in-memory embedded database, so no server is needed).
 */
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { openAdapter, resolveTarget } from "../lib/db/adapter";
import { applyMigrations, diffSchema, MIGRATIONS_DIR } from "../lib/db/migrate";
import { ensurePostgresDatabase } from "../lib/db/create-database";

async function main() {
  const [command = "deploy", name = "change"] = process.argv.slice(2);
  if (command === "create") {
    const handle = await openAdapter({ kind: "pglite", dataDir: "memory://" });
    try {
      const sql = await diffSchema(handle.factory);
      if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
        console.log("schema.prisma matches the migrations: nothing to create.");
        return;
      }
      const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
      const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name.replace(/[^a-z0-9_]/gi, "_")}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "migration.sql"), sql);
      const lock = path.join(MIGRATIONS_DIR, "migration_lock.toml");
      if (!existsSync(lock)) writeFileSync(lock, 'provider = "postgresql"\n');
      console.log(`created ${path.relative(process.cwd(), dir)}/migration.sql`);
    } finally {
      await handle.close();
    }
    return;
  }
  if (command === "deploy") {
    const target = resolveTarget(process.env.DATABASE_URL);
    if (target.kind === "postgres") await ensurePostgresDatabase(target.url);
    const handle = await openAdapter(target);
    try {
      const applied = await applyMigrations(handle.factory);
      console.log(applied.length ? `applied ${applied.join(", ")}` : "database is up to date");
    } finally {
      await handle.close();
    }
    return;
  }
  throw new Error(`unknown command ${command}`);
}

main().catch((error: unknown) => {
  console.error("migration failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
