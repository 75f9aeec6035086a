import "server-only";
import { createWriteStream } from "node:fs";
import { mkdir, open, rm } from "node:fs/promises";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { SNIFF_BYTES } from "@/lib/imports/detect";
import { envVar } from "@/lib/env";

/**
 * Uploaded files live on the server's disk until their import is deleted: `IMPORT_DIR`, or
 * `.data/imports` next to the embedded database. One folder per workspace.
 */
export function importDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ envVar("IMPORT_DIR") || path.join(/*turbopackIgnore: true*/ process.cwd(), ".data", "imports"));
}

const SAFE = /^[A-Za-z0-9-]{1,64}$/;

export function importFilePath(workspaceId: string, jobId: string): string {
  if (!SAFE.test(workspaceId) || !SAFE.test(jobId)) throw new Error("invalid import file name");
  return path.join(importDir(), workspaceId, `${jobId}.csv`);
}

export class FileTooLargeError extends Error {}

/**
 * Streams a request body to disk, stopping as soon as it passes `maxBytes`. Keeps the first bytes
 * for format detection. Nothing stays on disk when it fails.
 */
export async function saveUpload(
  body: ReadableStream<Uint8Array>,
  target: string,
  maxBytes: number,
): Promise<{ size: number; head: Uint8Array }> {
  await mkdir(path.dirname(target), { recursive: true });
  let size = 0;
  const headChunks: Uint8Array[] = [];
  let headSize = 0;
  const file = createWriteStream(target, { flags: "wx" });
  const counter = new Writable({
    write(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new FileTooLargeError());
      if (headSize < SNIFF_BYTES) {
        const part = chunk.subarray(0, SNIFF_BYTES - headSize);
        headChunks.push(Uint8Array.from(part));
        headSize += part.length;
      }
      if (!file.write(chunk)) file.once("drain", () => done());
      else done();
    },
    final(done) {
      file.end(done);
    },
  });
  try {
    // The Web stream of a request body, read as a Node stream.
    const reader = body.getReader();
    const source = (async function* () {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      }
    })();
    await pipeline(source, counter);
  } catch (error) {
    file.destroy();
    await rm(target, { force: true });
    throw error;
  }
  const head = new Uint8Array(headSize);
  let offset = 0;
  for (const c of headChunks) {
    head.set(c, offset);
    offset += c.length;
  }
  return { size, head };
}

export async function removeImportFile(workspaceId: string, jobId: string): Promise<void> {
  await rm(importFilePath(workspaceId, jobId), { force: true });
}

/** The first bytes of a stored file (for previews). */
export async function readHead(file: string, bytes = SNIFF_BYTES * 4): Promise<Uint8Array> {
  const handle = await open(file, "r");
  try {
    const buffer = new Uint8Array(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
