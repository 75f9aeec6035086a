import "server-only";
import { randomUUID } from "node:crypto";
import { db, type Prisma } from "@/lib/db";
import type { ImportKind } from "@/lib/generated/prisma/enums";
import type { TraitDefinitionView } from "@/lib/customers/fields";
import { recordAudit, type Actor } from "@/lib/dal/audit";
import { ActionError } from "@/lib/errors";
import type { FieldErrors } from "@/lib/errors";
import { sniff } from "@/lib/imports/detect";
import { importFilePath, removeImportFile, saveUpload, FileTooLargeError } from "@/lib/imports/files";
import {
  guessColumns,
  importSettingsSchema,
  MAX_COLUMNS,
  validateSettings,
  type ImportSettings,
} from "@/lib/imports/mapping";
import { readColumns, type Format } from "@/lib/imports/preview";
import { MAX_FILE_BYTES, MAX_FILE_LABEL } from "@/lib/imports/upload-limit";
import { loadTraitDefinitions } from "@/lib/segments/traits";

/**
 * The life of an import job, independent of HTTP: store an upload and detect its format, change
 * the format, start (after checking the mapping and creating new custom traits), cancel, delete.
 * lib/imports/service.ts checks the caller's role and calls these.
 */
export const FILE_NAME_MAX = 200;

export function cleanFileName(name: string | null): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, FILE_NAME_MAX);
  return clean || "upload.csv";
}

export async function createImportFromUpload(
  workspaceId: string,
  actor: Actor,
  input: { kind: ImportKind; fileName: string; body: ReadableStream<Uint8Array>; maxBytes?: number },
): Promise<{ id: string }> {
  const id = randomUUID();
  const target = importFilePath(workspaceId, id);
  try {
    const saved = await saveUpload(input.body, target, input.maxBytes ?? MAX_FILE_BYTES).catch((error: unknown) => {
      if (error instanceof FileTooLargeError) throw new ActionError("BAD_REQUEST", `The file is larger than ${MAX_FILE_LABEL}. Split it into smaller files and import them one after another.`);
      throw error;
    });
    const sniffed = await sniff(saved.head);
    if (!sniffed.ok) throw new ActionError("BAD_REQUEST", sniffed.message);
    const { detected } = sniffed;
    if (detected.columns.length > MAX_COLUMNS) throw new ActionError("BAD_REQUEST", `The file has ${detected.columns.length} columns; at most ${MAX_COLUMNS} can be imported.`);
    const { sample } = await readColumns(target, detected);
    const traits = await loadTraitDefinitions(db, workspaceId);
    const settings: ImportSettings = {
      encoding: detected.encoding,
      delimiter: detected.delimiter,
      hasHeader: detected.hasHeader,
      dateOrder: null,
      matchBy: "externalId",
      columns: guessColumns(input.kind, detected.columns, sample, traits, detected.hasHeader),
    };
    await db.importJob.create({
      data: {
        workspaceId,
        id,
        kind: input.kind,
        fileName: input.fileName,
        fileSize: saved.size,
        encoding: detected.encoding,
        delimiter: detected.delimiter,
        hasHeader: detected.hasHeader,
        columns: detected.columns,
        mapping: settings,
        createdById: actor.id,
      },
    });
    return { id };
  } catch (error) {
    await removeImportFile(workspaceId, id).catch(() => {});
    throw error;
  }
}

async function loadJob(workspaceId: string, id: string) {
  const job = await db.importJob.findUnique({ where: { workspaceId_id: { workspaceId, id } } });
  if (!job) throw new ActionError("NOT_FOUND", "That import could not be found.");
  return job;
}

/** Reads the file again with another encoding, delimiter or header choice; the mapping is guessed anew. */
export async function changeFormat(workspaceId: string, id: string, format: Format): Promise<{ columns: string[]; settings: ImportSettings }> {
  const job = await loadJob(workspaceId, id);
  if (job.status !== "UPLOADED") throw new ActionError("CONFLICT", "This import has already started.");
  const { columns, sample } = await readColumns(importFilePath(workspaceId, id), format);
  if (columns.length > MAX_COLUMNS) throw new ActionError("BAD_REQUEST", `Read this way the file has ${columns.length} columns; at most ${MAX_COLUMNS} can be imported. Check the delimiter.`);
  const traits = await loadTraitDefinitions(db, workspaceId);
  const previous = importSettingsSchema.safeParse(job.mapping);
  const settings: ImportSettings = {
    ...format,
    dateOrder: previous.success ? previous.data.dateOrder : null,
    matchBy: previous.success ? previous.data.matchBy : "externalId",
    columns: guessColumns(job.kind, columns, sample, traits, format.hasHeader),
  };
  await db.importJob.update({ where: { workspaceId_id: { workspaceId, id } }, data: { ...format, columns, mapping: settings } });
  return { columns, settings };
}

export function checkSettings(kind: ImportKind, settings: ImportSettings, columns: readonly string[], traits: readonly TraitDefinitionView[]): FieldErrors | null {
  const errors = validateSettings(kind, settings, columns, traits);
  return Object.keys(errors).length ? errors : null;
}

/**
 * Saves the mapping, creates the custom traits it asks for and marks the job RUNNING, all in one
 * transaction (`queue` adds the background job that runs it, in the same transaction). A finished,
 * failed or cancelled job may run again: its counters and report start over.
 */
export async function startImportJob(
  workspaceId: string,
  actor: Actor,
  id: string,
  settings: ImportSettings,
  queue?: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const [job] = await tx.$queryRaw<{ status: string; kind: ImportKind; columns: string[]; encoding: string; delimiter: string; hasHeader: boolean }[]>`
      select "status", "kind", "columns", "encoding", "delimiter", "hasHeader" from "ImportJob"
      where "workspaceId" = ${workspaceId}::uuid and "id" = ${id} for update`;
    if (!job) throw new ActionError("NOT_FOUND", "That import could not be found.");
    if (job.status === "RUNNING") throw new ActionError("CONFLICT", "This import is already running.");
    if (settings.encoding !== job.encoding || settings.delimiter !== job.delimiter || settings.hasHeader !== job.hasHeader) {
      throw new ActionError("CONFLICT", "The file's format changed in another tab. Reload the page and check the mapping again.");
    }
    const traits = await loadTraitDefinitions(tx, workspaceId);
    const errors = checkSettings(job.kind, settings, job.columns, traits);
    if (errors) throw new ActionError("VALIDATION", errors.form?.[0] ?? "Please correct the highlighted columns.", errors);

    const created: string[] = [];
    const columns = settings.columns.map((c) => {
      if (c.type !== "newTrait") return c;
      created.push(c.key);
      return { type: "trait" as const, key: c.key };
    });
    for (const c of settings.columns) {
      if (c.type === "newTrait") {
        await tx.customerTraitDefinition.create({ data: { workspaceId, key: c.key, label: c.label, type: c.traitType, family: c.family } });
        await recordAudit(workspaceId, actor, { action: "trait.created", targetType: "trait", targetId: c.key, metadata: { key: c.key, label: c.label, type: c.traitType, via: "import" } }, tx);
      }
    }
    await tx.importError.deleteMany({ where: { workspaceId, jobId: id } });
    await tx.importJob.update({
      where: { workspaceId_id: { workspaceId, id } },
      data: {
        status: "RUNNING",
        mapping: { ...settings, columns },
        startedAt: new Date(),
        heartbeatAt: new Date(),
        finishedAt: null,
        message: null,
        cancelRequested: false,
        bytesRead: 0,
        rowsRead: 0,
        rowsInserted: 0,
        rowsUpdated: 0,
        rowsUnchanged: 0,
        rowsFailed: 0,
        errorCount: 0,
      },
    });
    await queue?.(tx);
  }, { timeout: 60_000, maxWait: 30_000 });
  // Keys an interrupted earlier run left behind (a finished run removes its own). One statement,
  // outside the transaction: there may be millions.
  await db.importKey.deleteMany({ where: { workspaceId, jobId: id } });
}

export async function requestCancel(workspaceId: string, id: string): Promise<void> {
  const job = await loadJob(workspaceId, id);
  if (job.status !== "RUNNING") throw new ActionError("CONFLICT", "This import is not running.");
  await db.importJob.update({ where: { workspaceId_id: { workspaceId, id } }, data: { cancelRequested: true } });
}

/** Deletes a job that is not running, its report and its file; the audit entry is in the same transaction. */
export async function deleteImportJob(workspaceId: string, actor: Actor, id: string): Promise<string> {
  const job = await loadJob(workspaceId, id);
  if (job.status === "RUNNING") throw new ActionError("CONFLICT", "Cancel the import before deleting it.");
  await db.$transaction(async (tx) => {
    await tx.importKey.deleteMany({ where: { workspaceId, jobId: id } });
    await tx.importJob.delete({ where: { workspaceId_id: { workspaceId, id } } });
    await recordAudit(workspaceId, actor, { action: "import.deleted", targetType: "import", targetId: id, metadata: { fileName: job.fileName } }, tx);
  });
  await removeImportFile(workspaceId, id);
  return job.fileName;
}
