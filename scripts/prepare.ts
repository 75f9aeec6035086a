/**
 * Runs before the app starts: makes sure AUTH_SECRET exists (generated into .env.local, never
 * committed), applies pending migrations to the configured database, and seeds the demo workspace
 * (idempotent; SEED_DEMO=false skips it).
 */
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { openAdapter, resolveTarget } from "../lib/db/adapter";
import { ensurePostgresDatabase } from "../lib/db/create-database";
import { applyMigrations } from "../lib/db/migrate";
import { PrismaClient } from "../lib/generated/prisma/client";
import { DEMO_EMAIL, DEMO_WORKSPACE_NAME, seedDemoWorkspace } from "../lib/demo/seed";
import { loadEnvFiles } from "./load-env";

function ensureAuthSecret(): void {
  if (process.env.AUTH_SECRET) return;
  const secret = randomBytes(33).toString("base64");
  const existing = existsSync(".env.local") ? readFileSync(".env.local", "utf8") : "";
  const prefix = existing && !existing.endsWith("\n") ? "\n" : "";
  appendFileSync(".env.local", `${prefix}# Generated on first start. Keep it secret; never commit it.\nAUTH_SECRET=${secret}\n`);
  process.env.AUTH_SECRET = secret;
  console.log("• generated AUTH_SECRET into .env.local");
}

async function main() {
  loadEnvFiles();
  ensureAuthSecret();
  const target = resolveTarget(process.env.DATABASE_URL);
  console.log(target.kind === "postgres" ? "• database: PostgreSQL (DATABASE_URL)" : `• database: embedded PGlite in ${target.dataDir}`);
  if (target.kind === "postgres") await ensurePostgresDatabase(target.url);
  const handle = await openAdapter(target);
  try {
    const applied = await applyMigrations(handle.factory);
    console.log(applied.length ? `• applied migrations: ${applied.join(", ")}` : "• migrations: up to date");
    if (process.env.SEED_DEMO !== "false") {
      const client = new PrismaClient({ adapter: handle.factory });
      try {
        const seeded = await seedDemoWorkspace({ client });
        console.log(
          seeded.created
            ? `• seeded “${DEMO_WORKSPACE_NAME}”: ${seeded.counts.customers} customers, ${seeded.counts.orders} orders, ${seeded.counts.events} events (${Math.round(seeded.elapsedMs)} ms)`
            : `• demo workspace present (sign in as ${DEMO_EMAIL})`,
        );
      } finally {
        await client.$disconnect();
      }
    }
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error("Could not prepare the database:", error instanceof Error ? error.message : error);
  process.exit(1);
});
