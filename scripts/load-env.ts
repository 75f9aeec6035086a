import { existsSync } from "node:fs";

/** Loads .env.local then .env (variables already set win), as Next.js does for the app. */
export function loadEnvFiles(): void {
  for (const file of [".env.local", ".env"]) {
    if (existsSync(file)) process.loadEnvFile(file);
  }
}
