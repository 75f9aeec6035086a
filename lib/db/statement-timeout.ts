import "server-only";
import { getDb } from "@/lib/db";
import { envVar } from "@/lib/env";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Every segment and analytics query runs under a time limit, so one workspace's expensive
 * definition cannot hold the database for everyone else.
 *
 * - PostgreSQL: `statement_timeout` is set for the transaction only (`set_config(…, true)`, the
 *   parameterised form of `SET LOCAL`); a statement over the limit is cancelled by the server
 *   (SQLSTATE 57014) and the whole transaction rolls back — a save writes nothing.
 * - Embedded PGlite: the setting is accepted but never fires (single-threaded WASM has no timer
 *   interrupt; measured: a 58 s count ran to its end under a 200 ms limit). The bound there is the
 *   transaction's own time limit: once it has passed the transaction is rolled back and the caller
 *   gets the same error, but a statement already running inside the database runs to its end
 *   first. See docs/security.md, "Resource limits".
 *
 * The limits come from SEGMENT_STATEMENT_TIMEOUT_MS (interactive: previews, pages, saves) and
 * JOB_STATEMENT_TIMEOUT_MS (background jobs, exports).
 */
export type TimeoutBudget = "interactive" | "job";

export const DEFAULT_TIMEOUT_MS: Record<TimeoutBudget, number> = { interactive: 5_000, job: 120_000 };

export const QUERY_TIMEOUT_MESSAGE = "This definition took too long to evaluate — narrow it or ask an admin.";

/** Thrown when a query ran over its time limit; nothing of its transaction was kept. */
export class QueryTimeoutError extends Error {
  readonly code = "QUERY_TIMEOUT" as const;
  readonly timeoutMs: number;

  constructor(timeoutMs: number, options?: { cause?: unknown }) {
    super(QUERY_TIMEOUT_MESSAGE, options);
    this.name = "QueryTimeoutError";
    this.timeoutMs = timeoutMs;
  }
}

const ENV_NAMES = {
  interactive: "SEGMENT_STATEMENT_TIMEOUT_MS",
  job: "JOB_STATEMENT_TIMEOUT_MS",
} as const satisfies Record<TimeoutBudget, string>;

/** The limit for a budget, from the environment (a positive whole number of milliseconds). */
export function timeoutMs(budget: TimeoutBudget): number {
  return envVar(ENV_NAMES[budget]);
}

type Tx = Prisma.TransactionClient;

export type TimeoutOptions = {
  budget?: TimeoutBudget;
  /** Overrides the budget's limit (tests). */
  ms?: number;
  client?: PrismaClient;
};

/** SQLSTATE 57014 (query_canceled) anywhere in the error chain, or Prisma's expired-transaction error. */
export function isTimeoutError(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const e = current as {
      code?: unknown;
      message?: unknown;
      meta?: { code?: unknown; driverAdapterError?: unknown };
      cause?: unknown;
      originalCode?: unknown;
    };
    if (e.code === "57014" || e.originalCode === "57014" || e.meta?.code === "57014") return true;
    if (e instanceof DeadlineExceeded) return true;
    // P2028: the interactive transaction ran past its `timeout` and was rolled back.
    if (e.code === "P2028") return true;
    const message = typeof e.message === "string" ? e.message : "";
    if (/canceling statement due to statement timeout/i.test(message)) return true;
    if (/Transaction already closed|transaction .*expired|Transaction API error: .*timeout/i.test(message)) return true;
    if (e.meta?.driverAdapterError && isTimeoutError(e.meta.driverAdapterError)) return true;
    current = e.cause;
  }
  return false;
}

/** The transaction finished, but after its limit (PGlite cannot interrupt a statement). */
class DeadlineExceeded extends Error {}

/**
 * Gives `fn` a client whose every interactive transaction starts by setting the statement time
 * limit, and whose transactions are rolled back once the limit has passed. Use it for code that
 * opens its own transaction (a segment save and its size snapshot); a timeout surfaces as
 * QueryTimeoutError and nothing of the transaction is kept.
 */
export async function withTimedTransactions<T>(fn: (client: PrismaClient) => Promise<T>, options: TimeoutOptions = {}): Promise<T> {
  const ms = options.ms ?? timeoutMs(options.budget ?? "interactive");
  const client = options.client ?? getDb();
  const timed = new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== "$transaction") {
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      return (arg: unknown, txOptions?: { maxWait?: number; timeout?: number; isolationLevel?: Prisma.TransactionIsolationLevel }) => {
        if (typeof arg !== "function") return target.$transaction(arg as Prisma.PrismaPromise<unknown>[], txOptions);
        const body = arg as (tx: Tx) => Promise<unknown>;
        const limit = transactionLimit(ms, txOptions?.timeout);
        return target.$transaction(
          async (tx) => {
            const started = Date.now();
            await limitStatements(tx, ms);
            const result = await body(tx);
            // On PGlite nothing interrupts a long statement (and, in-process, not even the
            // transaction's timer): refuse to commit work that ran past the limit.
            if (Date.now() - started > limit) throw new DeadlineExceeded("transaction ran past its time limit");
            return result;
          },
          { ...txOptions, timeout: limit },
        );
      };
    },
  });
  try {
    return await fn(timed);
  } catch (error) {
    if (isTimeoutError(error)) throw new QueryTimeoutError(ms, { cause: error });
    throw error;
  }
}

/**
 * Runs `fn` in one read transaction under the statement time limit. Every query `fn` makes must
 * go through the `tx` it is given.
 */
export async function withStatementTimeout<T>(fn: (tx: Tx) => Promise<T>, options: TimeoutOptions = {}): Promise<T> {
  return withTimedTransactions((client) => client.$transaction((tx) => fn(tx)), options);
}

/** PGlite accepts the setting and ignores it; PostgreSQL enforces it. */
async function limitStatements(tx: Tx, ms: number): Promise<void> {
  await tx.$queryRaw`SELECT set_config('statement_timeout', ${String(ms)}, true)`;
}

/**
 * The transaction's own limit, the bound on PGlite: twice the statement limit plus a second, so
 * on PostgreSQL the server cancels the slow statement first and says why.
 */
export function transactionLimitMs(ms: number): number {
  return ms * 2 + 1_000;
}

function transactionLimit(ms: number, requested: number | undefined): number {
  const limit = transactionLimitMs(ms);
  return requested === undefined ? limit : Math.min(requested, limit);
}
