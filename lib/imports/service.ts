import "server-only";
import { getDb } from "@/lib/db";
import { findImportJob, streamImportErrors } from "@/lib/dal/imports";
import { authorize, type ServiceContext } from "@/lib/domain/context";
import { DomainError } from "@/lib/errors";
import type { ImportKind } from "@/lib/generated/prisma/enums";
import { importFilePath } from "@/lib/imports/files";
import {
  changeFormat,
  checkSettings,
  createImportFromUpload,
  deleteImportJob,
  requestCancel,
  startImportJob,
} from "@/lib/imports/jobs";
import type { ImportSettings } from "@/lib/imports/mapping";
import { previewRows, type Format } from "@/lib/imports/preview";
import { statusView } from "@/lib/imports/status";
import { enqueueImport } from "@/lib/jobs/handlers";
import { loadTraitDefinitions } from "@/lib/segments/traits";

/**
 * Imports, one function per step: upload, preview, change the format, start, cancel, delete, and
 * the reads the progress bar and the problem report make. Writes need `data.write`; reads need
 * membership only.
 */
async function jobOrThrow(workspaceId: string, id: string) {
  const job = await findImportJob(workspaceId, id);
  if (!job) throw new DomainError("NOT_FOUND", "That import could not be found.");
  return job;
}

export async function uploadImport(
  ctx: ServiceContext,
  input: { kind: ImportKind; fileName: string; body: ReadableStream<Uint8Array> },
): Promise<{ id: string }> {
  authorize(ctx, "data.write", "Your role does not allow importing data.");
  return createImportFromUpload(ctx.workspaceId, ctx.actor, input);
}

export async function previewImport(ctx: ServiceContext, { id, settings }: { id: string; settings: ImportSettings }) {
  authorize(ctx, "data.write");
  const job = await jobOrThrow(ctx.workspaceId, id);
  const client = getDb();
  const traits = await loadTraitDefinitions(client, ctx.workspaceId);
  const fieldErrors = checkSettings(job.kind, settings, job.columns, traits) ?? {};
  const traitTypes = new Map(traits.map((t) => [t.key, t.type] as const));
  const rows = await previewRows(importFilePath(ctx.workspaceId, id), job.kind, settings, job.columns, traitTypes, {
    client,
    workspaceId: ctx.workspaceId,
  }).catch((error: unknown) => {
    if ((error as { code?: string }).code === "ENOENT") {
      throw new DomainError("NOT_FOUND", "The uploaded file is no longer on the server. Upload it again.");
    }
    throw error;
  });
  return { rows, fieldErrors };
}

export async function changeImportFormat(ctx: ServiceContext, id: string, format: Format) {
  authorize(ctx, "data.write");
  return changeFormat(ctx.workspaceId, id, format);
}

/**
 * Starts an import: the mapping is checked and saved and the background job queued in one
 * transaction; the job runner (lib/jobs) runs it, at most JOB_CONCURRENCY_PER_WORKSPACE at a time
 * per workspace.
 */
export async function startImport(ctx: ServiceContext, { id, settings }: { id: string; settings: ImportSettings }) {
  authorize(ctx, "data.write");
  const actor = { id: ctx.actor.id, email: ctx.actor.email };
  await startImportJob(ctx.workspaceId, actor, id, settings, (tx) => enqueueImport(tx, ctx.workspaceId, { importId: id, actor }));
  return { id };
}

export async function cancelImport(ctx: ServiceContext, id: string) {
  authorize(ctx, "data.write");
  await requestCancel(ctx.workspaceId, id);
  return statusView(await jobOrThrow(ctx.workspaceId, id));
}

export async function deleteImport(ctx: ServiceContext, id: string) {
  authorize(ctx, "data.write");
  await deleteImportJob(ctx.workspaceId, { id: ctx.actor.id, email: ctx.actor.email }, id);
  return { id };
}

const IMPORT_ID = /^[A-Za-z0-9-]{1,64}$/;

/** The job's progress, for the progress bar. Reads only. */
export async function importStatus(ctx: ServiceContext, id: string) {
  if (!IMPORT_ID.test(id)) throw new DomainError("NOT_FOUND", "That import could not be found.");
  return statusView(await jobOrThrow(ctx.workspaceId, id));
}

/** The job and a stream of its problems, in file order, for the report download. */
export async function importReport(ctx: ServiceContext, id: string) {
  if (!IMPORT_ID.test(id)) throw new DomainError("NOT_FOUND", "That import could not be found.");
  const job = await jobOrThrow(ctx.workspaceId, id);
  return { job, problems: streamImportErrors(ctx.workspaceId, job.id) };
}
