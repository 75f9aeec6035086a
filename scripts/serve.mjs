// Serves the production build and prints where it is and how to sign in.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

// The same files Next.js reads (variables already set win): DEMO_PASSWORD lives in .env.local.
for (const file of [".env.local", ".env"]) if (existsSync(file)) process.loadEnvFile(file);

const port = process.env.PORT ?? "3000";
const url = process.env.APP_URL ?? `http://localhost:${port}`;
const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port], {
  stdio: ["inherit", "pipe", "inherit"],
  env: { AUTH_TRUST_HOST: "true", ...process.env },
});

let announced = false;
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  if (!announced && /ready|started server|Local:/i.test(String(chunk))) {
    announced = true;
    console.log(`\n  Segmently is running at ${url}`);
    if (process.env.SEED_DEMO !== "false" && process.env.DEMO_PASSWORD) {
      console.log(`  Demo login: demo@segmently.dev / ${process.env.DEMO_PASSWORD} (workspace “Acme Outdoor Co.”)`);
      console.log("  The password was generated on first start and is kept in .env.local as DEMO_PASSWORD.\n");
    }
  }
});

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
