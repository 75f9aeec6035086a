import path from "node:path";
import { Worker } from "node:worker_threads";
import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
  type TransactionOptions,
} from "@prisma/driver-adapter-utils";

/**
 * The embedded database on its own thread (PGLITE_MODE=worker, the default): a Prisma driver
 * adapter that forwards every query to lib/db/pglite-worker.mjs, where PGlite and
 * pglite-prisma-adapter run. A heavy statement then occupies that thread, not the one that renders
 * pages, so requests that need no database (or only the results they already have) keep being served.
 *
 * What it does not change: PGlite has one connection, so database work still runs one statement at
 * a time, and a statement is never interrupted (see docs/architecture.md, "Embedded database").
 *
 * - Results, column types and errors are converted inside the worker by the same adapter as in the
 *   in-process mode; a database error comes back as the same `DriverAdapterError`, so Prisma raises
 *   the same codes (P2002, …).
 * - Starting a transaction waits for the single connection at most `transactionWaitMs`; after that
 *   the caller gets a `DatabaseBusyError`, and a transaction that starts later anyway is rolled back
 *   at once.
 * - A worker that dies fails the requests it held; the next request starts a new one.
 */
export const ADAPTER_NAME = "pglite-worker";

export const DATABASE_BUSY_MESSAGE = "The database is busy with other work; try again in a moment.";

/** Starting a transaction waited too long for the embedded database's single connection. */
export class DatabaseBusyError extends Error {
  readonly code = "DATABASE_BUSY" as const;
  readonly waitedMs: number;

  constructor(waitedMs: number) {
    super(DATABASE_BUSY_MESSAGE);
    this.name = "DatabaseBusyError";
    this.waitedMs = waitedMs;
  }
}

export type WorkerAdapterOptions = {
  /** Data directory, or "memory://". */
  dataDir: string;
  /** Longest wait for the connection when starting a transaction (ms). */
  transactionWaitMs?: number;
  /** Path of the worker script; defaults to lib/db/pglite-worker.mjs under the working directory. */
  workerPath?: string;
};

export const DEFAULT_TRANSACTION_WAIT_MS = 130_000;

/**
 * Built from the working directory at run time (the app is started from the repository root), so
 * the bundler neither follows nor bundles the worker: Node loads it as a plain file.
 */
export function defaultWorkerPath(): string {
  const parts = ["lib", "db", "pglite-worker.mjs"];
  return path.join(/* turbopackIgnore: true */ process.cwd(), ...parts);
}

type Op =
  | { op: "query" | "execute"; query: SqlQuery; tx?: number }
  | { op: "script"; script: string }
  | { op: "begin"; isolationLevel?: IsolationLevel }
  | { op: "commit" | "rollback"; tx: number }
  | { op: "close" };

type WireError =
  | { driver: ConstructorParameters<typeof DriverAdapterError>[0]; message: string }
  | { name: string; message: string; stack?: string; code?: string };

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };

type Pending = { resolve(value: unknown): void; reject(error: unknown): void };

function toError(wire: WireError): Error {
  if ("driver" in wire) return new DriverAdapterError(wire.driver);
  const error = new Error(wire.message) as Error & { code?: string };
  error.name = wire.name;
  if (wire.stack) error.stack = wire.stack;
  if (wire.code) error.code = wire.code;
  return error;
}

/** Prisma hands the adapter plain values; anything else is turned into one the worker can receive. */
function cloneSafe(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map(cloneSafe);
  // Decimal and similar carry their value in toString/toJSON; plain objects (JSON) stay as they are.
  if (Object.getPrototypeOf(value) === Object.prototype) return value;
  return String(value);
}

/** One worker thread and the requests waiting for it. */
class WorkerConnection {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly options: Required<WorkerAdapterOptions>) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.workerPath, { workerData: { dataDir: this.options.dataDir } });
    worker.unref();
    worker.on("message", (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return; // the caller stopped waiting (see begin)
      this.settle(reply.id);
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(toError(reply.error));
    });
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const waiting = [...this.pending.values()];
      this.pending.clear();
      for (const p of waiting) p.reject(error);
    };
    worker.on("error", (error) => {
      console.error("[db] the embedded database thread failed", error);
      fail(error);
    });
    worker.on("exit", (code) => fail(new Error(`The embedded database thread stopped (exit code ${code}).`)));
    this.worker = worker;
    return worker;
  }

  /** The worker keeps the process alive only while a request waits for it. */
  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
  }

  send<T>(message: Op, options: { waitMs?: number } = {}): Promise<T> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      if (this.pending.size === 1) worker.ref();
      if (options.waitMs !== undefined) {
        timer = setTimeout(() => {
          if (!this.pending.has(id)) return;
          this.settle(id);
          worker.postMessage({ op: "abandon", id });
          reject(new DatabaseBusyError(options.waitMs ?? 0));
        }, options.waitMs);
      }
      worker.postMessage({ id, ...message });
    }).then((value) => {
      // A transaction's handle is the id of the message that began it.
      if (message.op === "begin") return { ...(value as object), id } as T;
      return value;
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    try {
      await this.send({ op: "close" });
    } finally {
      this.worker = undefined;
      await worker.terminate();
      const waiting = [...this.pending.values()];
      this.pending.clear();
      for (const p of waiting) p.reject(new Error("The embedded database was closed."));
    }
  }
}

class WorkerQueryable {
  readonly provider = "postgres" as const;
  readonly adapterName = ADAPTER_NAME;

  constructor(
    protected readonly connection: WorkerConnection,
    protected readonly tx?: number,
  ) {}

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.connection.send<SqlResultSet>({ op: "query", query: { ...query, args: query.args.map(cloneSafe) }, tx: this.tx });
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.connection.send<number>({ op: "execute", query: { ...query, args: query.args.map(cloneSafe) }, tx: this.tx });
  }
}

class WorkerTransaction extends WorkerQueryable implements Transaction {
  constructor(
    connection: WorkerConnection,
    tx: number,
    readonly options: TransactionOptions,
  ) {
    super(connection, tx);
  }

  async commit(): Promise<void> {
    await this.connection.send({ op: "commit", tx: this.tx as number });
  }

  async rollback(): Promise<void> {
    await this.connection.send({ op: "rollback", tx: this.tx as number });
  }
}

class WorkerAdapter extends WorkerQueryable implements SqlDriverAdapter {
  constructor(
    connection: WorkerConnection,
    private readonly transactionWaitMs: number,
    private readonly onDispose: () => Promise<void>,
  ) {
    super(connection);
  }

  async executeScript(script: string): Promise<void> {
    await this.connection.send({ op: "script", script });
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const started = await this.connection.send<{ id: number; options: TransactionOptions }>(
      { op: "begin", isolationLevel },
      { waitMs: this.transactionWaitMs },
    );
    return new WorkerTransaction(this.connection, started.id, started.options);
  }

  getConnectionInfo() {
    return { supportsRelationJoins: true };
  }

  dispose(): Promise<void> {
    return this.onDispose();
  }
}

/** Prisma driver adapter factory for the embedded database on a worker thread. */
export class PrismaPGliteWorker implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = ADAPTER_NAME;
  private readonly connection: WorkerConnection;
  private readonly transactionWaitMs: number;
  private readonly workerPath: string;

  constructor(options: WorkerAdapterOptions) {
    this.transactionWaitMs = options.transactionWaitMs ?? DEFAULT_TRANSACTION_WAIT_MS;
    this.workerPath = options.workerPath ?? defaultWorkerPath();
    this.connection = new WorkerConnection({ dataDir: options.dataDir, transactionWaitMs: this.transactionWaitMs, workerPath: this.workerPath });
  }

  async connect(): Promise<SqlDriverAdapter> {
    return new WorkerAdapter(this.connection, this.transactionWaitMs, () => this.close());
  }

  /** A throw-away in-memory database on a thread of its own (migration diffs). */
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadow = new PrismaPGliteWorker({ dataDir: "memory://", transactionWaitMs: this.transactionWaitMs, workerPath: this.workerPath });
    return shadow.connect();
  }

  /** Closes the database and stops its thread (the next query starts a new one). */
  close(): Promise<void> {
    return this.connection.close();
  }
}
