import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ImportKind } from "@/lib/generated/prisma/enums";
import { createImportFromUpload, startImportJob } from "@/lib/imports/jobs";
import { importSettingsSchema, type ImportSettings } from "@/lib/imports/mapping";
import { runImport } from "@/lib/imports/run";

/** Test helpers: upload bytes, optionally adjust the guessed settings, run the import to the end. */
export const TEST_ACTOR = { id: "test-user", email: "importer@example.com" };

let dirSet = false;
export function setTemporaryImportDir(): void {
  if (dirSet) return;
  process.env.IMPORT_DIR = mkdtempSync(path.join(os.tmpdir(), "segmently-imports-"));
  dirSet = true;
}

export function bodyOf(content: string | Uint8Array): ReadableStream<Uint8Array> {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return new ReadableStream({
    start(controller) {
      // Several chunks, so chunk boundaries are exercised.
      for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
      controller.close();
    },
  });
}

export async function uploadText(workspaceId: string, kind: ImportKind, content: string | Uint8Array, fileName = "test.csv") {
  setTemporaryImportDir();
  return createImportFromUpload(workspaceId, TEST_ACTOR, { kind, fileName, body: bodyOf(content) });
}

export async function importText(
  client: PrismaClient,
  workspaceId: string,
  kind: ImportKind,
  content: string | Uint8Array,
  adjust: (s: ImportSettings) => ImportSettings = (s) => s,
  batchRows = 7,
) {
  const { id } = await uploadText(workspaceId, kind, content);
  const job = await client.importJob.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId, id } } });
  const settings = adjust(importSettingsSchema.parse(job.mapping));
  await startImportJob(workspaceId, TEST_ACTOR, id, settings);
  const outcome = await runImport(workspaceId, id, { client, batchRows, actor: TEST_ACTOR });
  const finished = await client.importJob.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId, id } } });
  const errors = await client.importError.findMany({ where: { workspaceId, jobId: id }, orderBy: { id: "asc" } });
  return { id, outcome, job: finished, errors };
}

/** Runs the same job again (as "Run again" does). */
export async function rerun(client: PrismaClient, workspaceId: string, id: string) {
  const job = await client.importJob.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId, id } } });
  await startImportJob(workspaceId, TEST_ACTOR, id, importSettingsSchema.parse(job.mapping));
  const outcome = await runImport(workspaceId, id, { client, batchRows: 7, actor: TEST_ACTOR });
  const finished = await client.importJob.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId, id } } });
  return { outcome, job: finished };
}
