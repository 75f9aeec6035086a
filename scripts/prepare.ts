/**
 * Runs before the app starts: makes sure AUTH_SECRET and (with the demo) DEMO_PASSWORD exist
 * (generated into .env.local, never committed), applies pending migrations to the configured
 * database, and seeds the demo workspace (idempotent; SEED_DEMO=false skips it).
 */
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { openAdapter, resolveTarget } from "../lib/db/adapter";
import { ensurePostgresDatabase } from "../lib/db/create-database";
import { applyMigrations } from "../lib/db/migrate";
import { PrismaClient } from "../lib/generated/prisma/client";
import { DEMO_EMAIL, DEMO_WORKSPACE_NAME, seedDemoWorkspace, setDemoPassword } from "../lib/demo/seed";
import { seedDemoSegments } from "../lib/demo/segments";
import { seedDemoPersonas } from "../lib/demo/personas";
import { seedDemoStrategy } from "../lib/demo/strategies";
import { seedDemoClustering } from "../lib/demo/clusters";
import { fitWorkspaceClv } from "../lib/insights/clv-model";
import { loadEnvFiles } from "./load-env";

/** Appends a generated secret to .env.local (never committed) and sets it for this process. */
function generateIntoEnvLocal(name: string, value: string, comment: string): void {
  const existing = existsSync(".env.local") ? readFileSync(".env.local", "utf8") : "";
  const prefix = existing && !existing.endsWith("\n") ? "\n" : "";
  appendFileSync(".env.local", `${prefix}# ${comment}\n${name}=${value}\n`);
  process.env[name] = value;
  console.log(`• generated ${name} into .env.local`);
}

function ensureAuthSecret(): void {
  if (process.env.AUTH_SECRET) return;
  generateIntoEnvLocal("AUTH_SECRET", randomBytes(33).toString("base64"), "Generated on first start. Keep it secret; never commit it.");
}

/** True when the password was generated just now (so an existing demo user still has an old one). */
function ensureDemoPassword(): boolean {
  if (process.env.DEMO_PASSWORD) return false;
  generateIntoEnvLocal(
    "DEMO_PASSWORD",
    randomBytes(15).toString("base64url"),
    "Password of the demo login (demo@segmently.dev), generated on first start. Never commit it.",
  );
  return true;
}

async function main() {
  loadEnvFiles();
  ensureAuthSecret();
  const seedDemo = process.env.SEED_DEMO !== "false";
  const newDemoPassword = seedDemo && ensureDemoPassword();
  const target = resolveTarget(process.env.DATABASE_URL);
  console.log(target.kind === "postgres" ? "• database: PostgreSQL (DATABASE_URL)" : `• database: embedded PGlite in ${target.dataDir}`);
  if (target.kind === "postgres") await ensurePostgresDatabase(target.url);
  const handle = await openAdapter(target);
  try {
    const applied = await applyMigrations(handle.factory);
    console.log(applied.length ? `• applied migrations: ${applied.join(", ")}` : "• migrations: up to date");
    if (seedDemo) {
      const client = new PrismaClient({ adapter: handle.factory });
      try {
        const password = process.env.DEMO_PASSWORD;
        const seeded = await seedDemoWorkspace({ client, password });
        // A database seeded before DEMO_PASSWORD existed: its demo user takes the new password.
        if (!seeded.created && newDemoPassword && password && (await setDemoPassword(client, password))) {
          console.log(`• set the demo login's password to DEMO_PASSWORD from .env.local`);
        }
        console.log(
          seeded.created
            ? `• seeded “${DEMO_WORKSPACE_NAME}”: ${seeded.counts.customers} customers, ${seeded.counts.orders} orders, ${seeded.counts.events} events (${Math.round(seeded.elapsedMs)} ms)`
            : `• demo workspace present (sign in as ${DEMO_EMAIL})`,
        );
        if (seeded.created) {
          const segments = await seedDemoSegments(client, seeded.workspaceId, { actorId: seeded.userId });
          console.log(`• saved ${segments.created} demo segments with ${segments.snapshots} size history points`);
          const personas = await seedDemoPersonas(client, seeded.workspaceId, { actorId: seeded.userId });
          console.log(`• saved ${personas.created} demo personas (two of them negative)`);
          const strategies = await seedDemoStrategy(client, seeded.workspaceId, { actorId: seeded.userId });
          console.log(`• saved ${strategies.created} demo targeting strategy`);
          const started = performance.now();
          const clustering = await seedDemoClustering(client, seeded.workspaceId, { actorId: seeded.userId });
          console.log(`• ran the demo clustering (${clustering.status.toLowerCase()}, ${Math.round(performance.now() - started)} ms)`);
          const clvStarted = performance.now();
          const clv = await fitWorkspaceClv(client, seeded.workspaceId);
          console.log(`• fitted the lifetime-value model on ${clv.customers} customers (${Math.round(performance.now() - clvStarted)} ms)`);
        }
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
