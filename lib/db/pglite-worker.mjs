// The embedded database on a thread of its own (PGLITE_MODE=worker, the default). Started by
// lib/db/pglite-worker-client.ts with `workerData: { dataDir }`; plain ESM so Node runs it as is,
// outside the Next.js bundle.
//
// It opens PGlite on the data directory and runs pglite-prisma-adapter here, on this thread, so
// results, column types and database errors are converted exactly as in the in-process mode; the
// main thread only forwards Prisma's calls and receives plain, structured-clone-safe values.
//
// Messages in:  { id, op: "query" | "execute", query, tx? } | { id, op: "script", script }
//               | { id, op: "begin", isolationLevel? } | { id, op: "commit" | "rollback", tx }
//               | { op: "abandon", id } (the caller stopped waiting for a "begin") | { id, op: "close" }
// Messages out: { id, ok: true, value } | { id, ok: false, error }
//
// A statement that runs long is never interrupted: stopping this thread in the middle of a write
// could leave the data directory damaged. See docs/architecture.md, "Embedded database".
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

if (!parentPort) throw new Error("pglite-worker.mjs runs as a worker thread");
const port = parentPort;

const pglite = new PGlite({ dataDir: workerData.dataDir });
const adapterReady = pglite.waitReady.then(() => new PrismaPGlite(pglite).connect());
// Keeps a rejected start-up from being reported as unhandled before the first message awaits it.
adapterReady.catch(() => {});

/** Open transactions by the id of the "begin" message that started them. */
const transactions = new Map();
/** "begin" messages whose caller gave up waiting: rolled back as soon as they start. */
const abandoned = new Set();

/** A database error keeps its mapped Prisma form; anything else keeps name, message and code. */
function serializeError(error) {
  if (error && typeof error === "object" && error.name === "DriverAdapterError" && error.cause && typeof error.cause === "object") {
    return { driver: error.cause, message: String(error.message ?? "") };
  }
  if (error instanceof Error) {
    return { name: error.name, message: error.message, stack: error.stack, code: typeof error.code === "string" ? error.code : undefined };
  }
  return { name: "Error", message: String(error) };
}

function queryable(tx) {
  if (tx === undefined) return adapterReady;
  const open = transactions.get(tx);
  if (!open) throw new Error("The transaction is no longer open on the embedded database.");
  return open;
}

async function run(message) {
  switch (message.op) {
    case "query":
      return (await queryable(message.tx)).queryRaw(message.query);
    case "execute":
      return (await queryable(message.tx)).executeRaw(message.query);
    case "script": {
      // Awaited (the adapter's own executeScript is not), so a failing script is reported.
      const adapter = await adapterReady;
      try {
        await pglite.exec(message.script);
      } catch (error) {
        adapter.onError(error);
      }
      return undefined;
    }
    case "begin": {
      const adapter = await adapterReady;
      const tx = await adapter.startTransaction(message.isolationLevel);
      if (abandoned.delete(message.id)) {
        await tx.rollback();
        throw new Error("The transaction started after its caller stopped waiting; it was rolled back.");
      }
      transactions.set(message.id, tx);
      return { options: tx.options };
    }
    case "commit":
    case "rollback": {
      const tx = transactions.get(message.tx);
      if (!tx) return undefined; // already ended (a rollback after a failed commit, say)
      transactions.delete(message.tx);
      await (message.op === "commit" ? tx.commit() : tx.rollback());
      return undefined;
    }
    case "close":
      for (const tx of transactions.values()) await tx.rollback().catch(() => {});
      transactions.clear();
      if (!pglite.closed) await pglite.close();
      return undefined;
    default:
      throw new Error(`Unknown message to the database thread: ${String(message.op)}`);
  }
}

port.on("message", (message) => {
  if (message.op === "abandon") {
    const tx = transactions.get(message.id);
    if (tx) {
      transactions.delete(message.id);
      tx.rollback().catch(() => {});
    } else {
      abandoned.add(message.id);
    }
    return;
  }
  run(message).then(
    (value) => {
      try {
        port.postMessage({ id: message.id, ok: true, value });
      } catch (error) {
        // A value that cannot be sent between threads: the caller gets an error, not a hang.
        port.postMessage({ id: message.id, ok: false, error: serializeError(error) });
      }
    },
    (error) => port.postMessage({ id: message.id, ok: false, error: serializeError(error) }),
  );
});
