// Serves the production build and prints where it is and how to sign in.
import { spawn } from "node:child_process";

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
    if (process.env.SEED_DEMO !== "false") {
      console.log("  Demo login: demo@segmently.dev / demo-password-123 (workspace “Acme Outdoor Co.”)\n");
    }
  }
});

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
