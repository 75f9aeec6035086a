"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction } from "@/lib/actions/safe-action";
import * as segments from "@/lib/segments/service";
import {
  archiveSegmentSchema,
  previewSegmentSchema,
  segmentFormSchema,
  segmentIdSchema,
  updateSegmentSchema,
} from "@/lib/validations/segment";

/** Segments: thin adapters over lib/segments/service.ts. */
const refresh = (slug: string) => revalidatePath(`/w/${slug}/segments`);

/** A dynamic segment has rules; a static one is a hand-picked list (its definition stays empty). */
const createSegmentSchema = segmentFormSchema.extend({ kind: z.enum(["DYNAMIC", "STATIC"]).default("DYNAMIC") });

export const createSegmentAction = workspaceAction("segments.write", createSegmentSchema, async (input, ctx) => {
  const result = await segments.createSegment(ctx.service, input);
  refresh(ctx.workspace.slug);
  return result;
});

export const updateSegmentAction = workspaceAction("segments.write", updateSegmentSchema, async (input, ctx) => {
  const result = await segments.updateSegment(ctx.service, input);
  refresh(ctx.workspace.slug);
  return result;
});

export const duplicateSegmentAction = workspaceAction("segments.write", segmentIdSchema, async ({ id }, ctx) => {
  const result = await segments.duplicateSegment(ctx.service, id);
  refresh(ctx.workspace.slug);
  return result;
});

export const archiveSegmentAction = workspaceAction("segments.write", archiveSegmentSchema, async ({ id, archived }, ctx) => {
  const result = await segments.archiveSegment(ctx.service, id, archived);
  refresh(ctx.workspace.slug);
  return result;
});

export const deleteSegmentAction = workspaceAction("segments.write", segmentIdSchema, async ({ id }, ctx) => {
  const result = await segments.deleteSegment(ctx.service, id);
  refresh(ctx.workspace.slug);
  return result;
});

/** Live count and a few members for the builder; nothing is saved. */
export const previewSegmentAction = workspaceAction("workspace.read", previewSegmentSchema, async (input, ctx) =>
  segments.previewSegment(ctx.service, input),
);
