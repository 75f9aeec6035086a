"use server";

import { revalidatePath } from "next/cache";
import { createPersonaFromTemplate } from "@/lib/personas/templates";
import { workspaceAction } from "@/lib/actions/safe-action";
import * as comments from "@/lib/personas/comments";
import * as history from "@/lib/personas/history";
import * as personas from "@/lib/personas/service";
import {
  commentIdSchema,
  copyPersonaSchema,
  createCommentSchema,
  editCommentSchema,
  listCommentsSchema,
  restoreRevisionSchema,
  revisionSchema,
} from "@/lib/validations/persona-collab";
import { createPersonaSchema, draftPersonaSchema, personaIdSchema, personaTemplateSchema, updatePersonaSchema } from "@/lib/validations/persona";

/** Personas: thin adapters over lib/personas/service.ts. */
const refresh = (slug: string, id?: string) => {
  revalidatePath(`/w/${slug}/personas`);
  if (id) revalidatePath(`/w/${slug}/personas/${id}`);
};

export const createPersonaAction = workspaceAction("personas.write", createPersonaSchema, async (input, ctx) => {
  const result = await personas.createPersona(ctx.service, input);
  refresh(ctx.workspace.slug);
  return result;
});

/** A persona from a template (the gallery's empty state). */
export const createPersonaFromTemplateAction = workspaceAction("personas.write", personaTemplateSchema, async (input, ctx) => {
  const result = await createPersonaFromTemplate(ctx.service, input);
  refresh(ctx.workspace.slug);
  return result;
});

/** "New persona from segment": drafts the card from the segment's profile (see lib/personas/draft.ts). */
export const draftPersonaAction = workspaceAction("personas.write", draftPersonaSchema, async (input, ctx) => {
  const result = await personas.draftPersonaFromSegment(ctx.service, input);
  refresh(ctx.workspace.slug);
  return result;
});

/**
 * An autosave from the card: only the fields given; refused with CONFLICT when stale. The card's
 * page is re-rendered (its evidence recomputed) only when the rules or the linked segment changed.
 */
export const updatePersonaAction = workspaceAction("personas.write", updatePersonaSchema, async (input, ctx) => {
  const result = await personas.updatePersona(ctx.service, input);
  if (input.definition !== undefined || input.segmentId !== undefined) refresh(ctx.workspace.slug, input.id);
  return result;
});

/** The card as stored now (shown to an editor whose save was refused). */
export const getPersonaAction = workspaceAction("workspace.read", personaIdSchema, async ({ id }, ctx) => personas.getPersona(ctx.service, id));

export const markPersonaReviewedAction = workspaceAction("personas.write", personaIdSchema, async ({ id }, ctx) => {
  const result = await personas.markPersonaReviewed(ctx.service, id);
  refresh(ctx.workspace.slug, id);
  return result;
});

export const removePersonaPhotoAction = workspaceAction("personas.write", personaIdSchema, async ({ id }, ctx) => {
  const result = await personas.removePersonaPhoto(ctx.service, id);
  refresh(ctx.workspace.slug, id);
  return result;
});

export const deletePersonaAction = workspaceAction("personas.write", personaIdSchema, async ({ id }, ctx) => {
  const result = await personas.deletePersona(ctx.service, id);
  refresh(ctx.workspace.slug);
  return result;
});

// ---------------------------------------------------------------------------------------------
// History, comments and copying (lib/personas/history.ts, comments.ts, service.ts)

/** The persona's versions, newest first, and its version now. */
export const personaHistoryAction = workspaceAction("workspace.read", personaIdSchema, async ({ id }, ctx) => history.listPersonaRevisions(ctx.service, id));

/** One version's snapshot and the one before it, for the history's diff. */
export const personaRevisionAction = workspaceAction("workspace.read", revisionSchema, async (input, ctx) => history.getPersonaRevision(ctx.service, input));

/** "Restore this version": saved as a new version, refused with CONFLICT when the card moved on. */
export const restorePersonaRevisionAction = workspaceAction("personas.write", restoreRevisionSchema, async (input, ctx) => {
  const result = await personas.restorePersonaRevision(ctx.service, input);
  refresh(ctx.workspace.slug, input.personaId);
  return result;
});

/** Any member comments (viewers too); the service checks mentions and the rate limit. */
export const createPersonaCommentAction = workspaceAction("workspace.read", createCommentSchema, async (input, ctx) =>
  comments.createComment(ctx.service, input),
);
export const editPersonaCommentAction = workspaceAction("workspace.read", editCommentSchema, async (input, ctx) => comments.editComment(ctx.service, input));
export const deletePersonaCommentAction = workspaceAction("workspace.read", commentIdSchema, async (input, ctx) => comments.deleteComment(ctx.service, input));
export const listPersonaCommentsAction = workspaceAction("workspace.read", listCommentsSchema, async (input, ctx) => comments.listComments(ctx.service, input));

/** "Copy to workspace…": the target workspace's role is checked by the service. */
export const copyPersonaAction = workspaceAction("workspace.read", copyPersonaSchema, async (input, ctx) => {
  const result = await personas.copyPersonaToWorkspace(ctx.service, input);
  revalidatePath(`/w/${result.workspace.slug}/personas`);
  return result;
});
