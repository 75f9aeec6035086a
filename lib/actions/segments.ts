"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db";
import { withTimedTransactions } from "@/lib/db/statement-timeout";
import { recordAudit } from "@/lib/dal/audit";
import { ActionError, type FieldErrors } from "@/lib/errors";
import { workspaceAction } from "@/lib/actions/safe-action";
import { SegmentError } from "@/lib/segments/errors";
import { archiveSegment, createSegment, deleteSegment, duplicateSegment, updateSegment } from "@/lib/segments/store";
import { previewDefinition } from "@/lib/dal/segments";
import { limitPreview, PreviewLimitError } from "@/lib/segments/preview-limit";
import {
  archiveSegmentSchema,
  previewSegmentSchema,
  segmentFormSchema,
  segmentIdSchema,
  updateSegmentSchema,
} from "@/lib/validations/segment";

/** Maps the engine's errors onto the action layer's, keeping each problem's path. */
async function engine<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!(error instanceof SegmentError)) throw error;
    if (error.code === "NOT_FOUND") throw new ActionError("NOT_FOUND", error.message);
    if (error.code === "STALE_VERSION" || error.code === "IN_USE") throw new ActionError("CONFLICT", error.message);
    const fieldErrors: FieldErrors = {};
    for (const issue of error.issues) (fieldErrors[issue.path] ??= []).push(issue.message);
    throw new ActionError("VALIDATION", error.message, Object.keys(fieldErrors).length ? fieldErrors : undefined);
  }
}

const listPath = (slug: string) => `/w/${slug}/segments`;

/** A dynamic segment has rules; a static one is a hand-picked list (its definition stays empty). */
const createSegmentSchema = segmentFormSchema.extend({ kind: z.enum(["DYNAMIC", "STATIC"]).default("DYNAMIC") });

export const createSegmentAction = workspaceAction("segments.write", createSegmentSchema, async (input, ctx) => {
  const { segment, size } = await engine(() =>
    withTimedTransactions((client) => createSegment(client, ctx.workspace.id, { ...input, actorId: ctx.user.id })),
  );
  await recordAudit(ctx.workspace.id, ctx.user, {
    action: "segment.created",
    targetType: "segment",
    targetId: segment.id,
    metadata: { name: segment.name, size, ...(segment.kind === "STATIC" ? { kind: "STATIC" } : {}) },
  });
  revalidatePath(listPath(ctx.workspace.slug));
  return { id: segment.id, size };
});

export const updateSegmentAction = workspaceAction("segments.write", updateSegmentSchema, async (input, ctx) => {
  const { segment, size } = await engine(() =>
    withTimedTransactions((client) => updateSegment(client, ctx.workspace.id, input.id, {
      expectedVersion: input.expectedVersion,
      name: input.name,
      description: input.description ?? null,
      definition: input.definition,
      actorId: ctx.user.id,
    })),
  );
  await recordAudit(ctx.workspace.id, ctx.user, {
    action: "segment.updated",
    targetType: "segment",
    targetId: segment.id,
    metadata: { name: segment.name, version: segment.version, size },
  });
  revalidatePath(listPath(ctx.workspace.slug));
  return { id: segment.id, version: segment.version, size };
});

export const duplicateSegmentAction = workspaceAction("segments.write", segmentIdSchema, async ({ id }, ctx) => {
  const { segment, size } = await engine(() =>
    withTimedTransactions((client) => duplicateSegment(client, ctx.workspace.id, id, { actorId: ctx.user.id })),
  );
  await recordAudit(ctx.workspace.id, ctx.user, {
    action: "segment.duplicated",
    targetType: "segment",
    targetId: segment.id,
    metadata: { name: segment.name, from: id },
  });
  revalidatePath(listPath(ctx.workspace.slug));
  return { id: segment.id, size };
});

export const archiveSegmentAction = workspaceAction("segments.write", archiveSegmentSchema, async ({ id, archived }, ctx) => {
  const segment = await engine(() => archiveSegment(db, ctx.workspace.id, id, { archived, actorId: ctx.user.id }));
  await recordAudit(ctx.workspace.id, ctx.user, {
    action: archived ? "segment.archived" : "segment.restored",
    targetType: "segment",
    targetId: id,
    metadata: { name: segment.name },
  });
  revalidatePath(listPath(ctx.workspace.slug));
  return { archived };
});

export const deleteSegmentAction = workspaceAction("segments.write", segmentIdSchema, async ({ id }, ctx) => {
  const existing = await db.segment.findFirst({ where: { workspaceId: ctx.workspace.id, id }, select: { name: true } });
  await engine(() => deleteSegment(db, ctx.workspace.id, id));
  await recordAudit(ctx.workspace.id, ctx.user, {
    action: "segment.deleted",
    targetType: "segment",
    targetId: id,
    metadata: { name: existing?.name ?? "" },
  });
  revalidatePath(listPath(ctx.workspace.slug));
  return { deleted: true };
});

/**
 * Live count and a few members for the builder, without saving anything. Rate-limited per user and
 * bounded per workspace (lib/segments/preview-limit.ts), and run under the statement time limit.
 */
export const previewSegmentAction = workspaceAction("workspace.read", previewSegmentSchema, async (input, ctx) => {
  try {
    return await limitPreview(ctx.workspace.id, ctx.user.id, () =>
      engine(() => previewDefinition(ctx.workspace.id, input.definition, input.selfId)),
    );
  } catch (error) {
    if (error instanceof PreviewLimitError) throw new ActionError("RATE_LIMITED", error.message);
    throw error;
  }
});
