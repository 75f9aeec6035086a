/**
 * Resets the embedded database: deletes .data/pglite, re-applies the migrations and re-seeds the
 * demo workspace. It never touches a PostgreSQL server (drop that database yourself).
 */
import { rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { resolveTarget } from "../lib/db/adapter";
import { loadEnvFiles } from "./load-env";

loadEnvFiles();
const target = resolveTarget(process.env.DATABASE_URL);
if (target.kind !== "pglite" || target.dataDir === "memory://") {
  console.error("db:reset only resets the embedded database; DATABASE_URL points at a server.");
  process.exit(1);
}
rmSync(target.dataDir, { recursive: true, force: true });
console.log(`• removed ${target.dataDir}`);
execFileSync(process.execPath, ["--import", "tsx", "scripts/prepare.ts"], { stdio: "inherit" });
