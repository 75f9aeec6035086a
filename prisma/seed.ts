/** `npm run db:seed` — seeds the demo workspace into the configured database (idempotent). */
import { execFileSync } from "node:child_process";

// Seeding is part of preparing the database (migrations first), so this runs the same script.
execFileSync(process.execPath, ["--import", "tsx", "scripts/prepare.ts"], { stdio: "inherit", env: { ...process.env, SEED_DEMO: "true" } });
