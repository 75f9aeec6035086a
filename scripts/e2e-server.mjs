// Starts the production build for the e2e suite on a database of its own: a fresh embedded
// database under .data/e2e, or — when TEST_DATABASE_URL is set — a fresh database on that
// PostgreSQL server. It refuses any non-local database.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";

const port = process.env.E2E_PORT ?? "3100";
// The seeded demo user's password: playwright.config.ts makes one per run and the specs read the
// same variable (e2e/helpers.ts).
if (!process.env.E2E_DEMO_PASSWORD) {
  console.error("E2E_DEMO_PASSWORD is not set (playwright.config.ts sets it)");
  process.exit(1);
}
const env = {
  ...process.env,
  AUTH_TRUST_HOST: "true",
  APP_URL: `http://127.0.0.1:${port}`,
  DEMO_PASSWORD: process.env.E2E_DEMO_PASSWORD,
};

if (process.env.TEST_DATABASE_URL) {
  const url = new URL(process.env.TEST_DATABASE_URL);
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(url.hostname)) {
    console.error("e2e refuses to run against a non-local database");
    process.exit(1);
  }
  const name = `segmently_e2e_${Date.now()}`;
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
} else {
  const dir = `.data/e2e-${port}`;
  rmSync(dir, { recursive: true, force: true });
  env.DATABASE_URL = `pglite:${dir}`;
}

const prep = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/prepare.ts"], { stdio: "inherit", env });
if (prep.status !== 0) process.exit(prep.status ?? 1);

const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port, "-H", "127.0.0.1"], {
  stdio: "inherit",
  env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
