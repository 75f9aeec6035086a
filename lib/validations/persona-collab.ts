import { z } from "zod";

/** Inputs of a persona's history, comments and copying (lib/personas/{history-service,comments,copy}.ts). */
const id = z.string().min(1).max(64);

export const revisionSchema = z.object({ personaId: id, revisionId: id });
export const restoreRevisionSchema = revisionSchema.extend({ expectedVersion: z.number().int().min(1) });

export const COMMENT_MAX_LENGTH = 2000;
export const COMMENTS_PAGE_SIZE = 20;

/** A mention in a comment's body: `<@userId>`; the text around it is the comment. */
export const MENTION_PATTERN = /<@([A-Za-z0-9_-]{1,64})>/g;

export function mentionedIds(body: string): string[] {
  return [...new Set([...body.matchAll(MENTION_PATTERN)].map((m) => m[1]!))];
}

const body = z
  .string()
  .trim()
  .min(1, "Write a comment first.")
  .max(COMMENT_MAX_LENGTH, `Keep a comment to ${COMMENT_MAX_LENGTH} characters.`)
  .refine((v) => !v.includes("\u0000"), "Remove the invisible NUL character from the text.");

export const createCommentSchema = z.object({ personaId: id, body });
export const editCommentSchema = z.object({ id, body });
export const commentIdSchema = z.object({ id });
export const listCommentsSchema = z.object({ personaId: id, before: id.optional() });

export const copyPersonaSchema = z.object({ personaId: id, targetWorkspaceId: z.uuid({ error: "Choose a workspace." }) });
