"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction } from "@/lib/actions/safe-action";
import * as imports from "@/lib/imports/service";
import { DELIMITERS, ENCODINGS, importSettingsSchema } from "@/lib/imports/mapping";
import { wakeJobWorker } from "@/lib/jobs/start";

/** Import jobs: thin adapters over lib/imports/service.ts. EDITOR and above. */
const jobId = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, "Unknown import.");
const refresh = (slug: string) => revalidatePath(`/w/${slug}/customers`, "layout");

export const previewImport = workspaceAction("data.write", z.object({ id: jobId, settings: importSettingsSchema }), async (input, ctx) =>
  imports.previewImport(ctx.service, input),
);

export const changeImportFormat = workspaceAction(
  "data.write",
  z.object({ id: jobId, encoding: z.enum(ENCODINGS), delimiter: z.enum(DELIMITERS), hasHeader: z.boolean() }),
  async ({ id, ...format }, ctx) => imports.changeImportFormat(ctx.service, id, format),
);

export const startImport = workspaceAction("data.write", z.object({ id: jobId, settings: importSettingsSchema }), async (input, ctx) => {
  const result = await imports.startImport(ctx.service, input);
  wakeJobWorker();
  refresh(ctx.workspace.slug);
  return result;
});

export const cancelImport = workspaceAction("data.write", z.object({ id: jobId }), async ({ id }, ctx) =>
  imports.cancelImport(ctx.service, id),
);

export const deleteImport = workspaceAction("data.write", z.object({ id: jobId }), async ({ id }, ctx) => {
  const result = await imports.deleteImport(ctx.service, id);
  refresh(ctx.workspace.slug);
  return result;
});
