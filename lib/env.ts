import "server-only";
import { z } from "zod";

/** Every environment variable the app reads, parsed once. Mirrors .env.example. */
const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

const positiveInt = optional.pipe(
  z
    .string()
    .regex(/^[1-9][0-9]*$/, "must be a positive whole number")
    .transform(Number)
    .optional(),
);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optional,
  // The embedded database (DATABASE_URL unset): on a worker thread (default) or on the server's own
  // thread ("inline"); lib/db.ts. PGLITE_TX_WAIT_MS bounds the wait for its single connection.
  PGLITE_MODE: optional.pipe(z.enum(["worker", "inline"], { error: 'PGLITE_MODE must be "worker" or "inline"' }).optional()).transform((v) => v ?? "worker"),
  PGLITE_TX_WAIT_MS: positiveInt.default(130_000),
  /** Where uploaded files wait for their import (default .data/imports). */
  IMPORT_DIR: optional,
  AUTH_SECRET: optional,
  AUTH_TRUST_HOST: optional,
  TRUSTED_PROXY_HOPS: optional
    .transform((v) => v ?? "0")
    .pipe(z.string().regex(/^(?:10|\d)$/, "TRUSTED_PROXY_HOPS must be a whole number from 0 to 10."))
    .transform(Number),
  APP_URL: optional.transform((v) => v ?? "http://localhost:3000"),
  AUTH_GITHUB_ID: optional,
  AUTH_GITHUB_SECRET: optional,
  AUTH_GOOGLE_ID: optional,
  AUTH_GOOGLE_SECRET: optional,
  SMTP_URL: optional,
  SMTP_FROM: optional.transform((v) => v ?? "Segmently <no-reply@localhost>"),
  SEED_DEMO: optional.transform((v) => v !== "false"),
  DEMO_PASSWORD: optional,
  // Resource limits: read where they apply (lib/db/statement-timeout.ts, lib/segments/preview-limit.ts,
  // lib/imports/mapping.ts); parsed here too so a wrong value is reported in one place.
  SEGMENT_STATEMENT_TIMEOUT_MS: positiveInt.default(5_000),
  JOB_STATEMENT_TIMEOUT_MS: positiveInt.default(120_000),
  PREVIEW_RATE_LIMIT_PER_MINUTE: positiveInt.default(30),
  PREVIEW_CONCURRENCY_PER_WORKSPACE: positiveInt.default(2),
  MAX_UPLOAD_MB: positiveInt.default(512),
  JOB_CONCURRENCY_PER_WORKSPACE: positiveInt.default(1),
  JOB_WORKER_CONCURRENCY: positiveInt.default(2),
  JOB_LEASE_MS: positiveInt.default(60_000),
  JOB_POLL_MS: positiveInt.default(1_000),
  JOB_WORKER: optional,
  // Finished and failed jobs are deleted after JOB_RETENTION_DAYS, JOB_PRUNE_BATCH rows at a time
  // (lib/jobs/queue.ts, pruneJobs).
  JOB_RETENTION_DAYS: positiveInt.default(14),
  JOB_PRUNE_BATCH: positiveInt.default(1_000),
  TEST_DATABASE_URL: optional,
  /** Tests on PGlite: "worker" runs each test database on a worker thread, as the app does. */
  TEST_PGLITE_MODE: optional,
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  cached ??= schema.parse(process.env);
  return cached;
}

/** The raw value of one variable (undefined in the browser, where the server's environment is not). */
export function rawEnv(name: keyof Env): string | undefined {
  return typeof process === "undefined" ? undefined : process.env[name];
}

/**
 * One variable, parsed now (not cached): for settings read where they apply, which tests change
 * while the process runs. A wrong value throws with the variable's name.
 */
export function envVar<K extends keyof Env>(name: K): Env[K] {
  const parsed = (schema.shape[name] as unknown as z.ZodType<Env[K]>).safeParse(rawEnv(name));
  if (!parsed.success) throw new Error(`${name} ${parsed.error.issues[0]?.message ?? "is not valid"}`);
  return parsed.data;
}
