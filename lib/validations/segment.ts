import { z } from "zod";

// The definition itself is checked by the segment engine (shape, catalog, references), which
// names the path of every problem; here it only has to be present.
const definition = z.unknown().refine((v) => v !== undefined && v !== null, "Add at least one rule.");
const id = z.string().min(1).max(64);

export const segmentFormSchema = z.object({
  name: z.string().trim().min(1, "Give the segment a name.").max(120, "Use at most 120 characters."),
  description: z.string().trim().max(2000, "Use at most 2000 characters.").optional(),
  definition,
});

export const updateSegmentSchema = segmentFormSchema.extend({ id, expectedVersion: z.number().int().min(1) });
export const segmentIdSchema = z.object({ id });
export const archiveSegmentSchema = z.object({ id, archived: z.boolean() });
export const previewSegmentSchema = z.object({ definition, selfId: id.optional() });
