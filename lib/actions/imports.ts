"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { workspaceAction } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/dal/audit";
import { findImportJob } from "@/lib/dal/imports";
import { ActionError } from "@/lib/errors";
import { importFilePath } from "@/lib/imports/files";
import { changeFormat, checkSettings, deleteImportJob, requestCancel, startImportJob } from "@/lib/imports/jobs";
import { DELIMITERS, ENCODINGS, importSettingsSchema } from "@/lib/imports/mapping";
import { previewRows } from "@/lib/imports/preview";
import { enqueueImport } from "@/lib/jobs/handlers";
import { wakeJobWorker } from "@/lib/jobs/start";
import { statusView } from "@/lib/imports/status";
import { loadTraitDefinitions } from "@/lib/segments/traits";

/** Import jobs: preview, format changes, start, cancel, delete. EDITOR and above. */
const jobId = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, "Unknown import.");

const importsPath = (slug: string) => revalidatePath(`/w/${slug}/customers`, "layout");

async function jobOrThrow(workspaceId: string, id: string) {
  const job = await findImportJob(workspaceId, id);
  if (!job) throw new ActionError("NOT_FOUND", "That import could not be found.");
  return job;
}

export const previewImport = workspaceAction(
  "data.write",
  z.object({ id: jobId, settings: importSettingsSchema }),
  async ({ id, settings }, { workspace }) => {
    const job = await jobOrThrow(workspace.id, id);
    const client = getDb();
    const traits = await loadTraitDefinitions(client, workspace.id);
    const fieldErrors = checkSettings(job.kind, settings, job.columns, traits) ?? {};
    const traitTypes = new Map(traits.map((t) => [t.key, t.type] as const));
    const rows = await previewRows(importFilePath(workspace.id, id), job.kind, settings, job.columns, traitTypes, { client, workspaceId: workspace.id }).catch(
      (error: unknown) => {
        if ((error as { code?: string }).code === "ENOENT") throw new ActionError("NOT_FOUND", "The uploaded file is no longer on the server. Upload it again.");
        throw error;
      },
    );
    return { rows, fieldErrors };
  },
);

export const changeImportFormat = workspaceAction(
  "data.write",
  z.object({ id: jobId, encoding: z.enum(ENCODINGS), delimiter: z.enum(DELIMITERS), hasHeader: z.boolean() }),
  async ({ id, ...format }, { workspace }) => changeFormat(workspace.id, id, format),
);

export const startImport = workspaceAction(
  "data.write",
  z.object({ id: jobId, settings: importSettingsSchema }),
  async ({ id, settings }, { workspace, user }) => {
    const actor = { id: user.id, email: user.email };
    // The import runs in the background job runner (lib/jobs), at most
    // JOB_CONCURRENCY_PER_WORKSPACE at a time per workspace; the page follows its progress.
    await startImportJob(workspace.id, actor, id, settings, (tx) => enqueueImport(tx, workspace.id, { importId: id, actor }));
    wakeJobWorker();
    importsPath(workspace.slug);
    return { id };
  },
);

export const cancelImport = workspaceAction("data.write", z.object({ id: jobId }), async ({ id }, { workspace }) => {
  await requestCancel(workspace.id, id);
  return statusView(await jobOrThrow(workspace.id, id));
});

export const deleteImport = workspaceAction("data.write", z.object({ id: jobId }), async ({ id }, { workspace, user }) => {
  const fileName = await deleteImportJob(workspace.id, id);
  await recordAudit(workspace.id, { id: user.id, email: user.email }, { action: "import.deleted", targetType: "import", targetId: id, metadata: { fileName } });
  importsPath(workspace.slug);
  return { id };
});
