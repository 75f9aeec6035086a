import { z } from "zod";
import { RFM_SEGMENTS } from "@/lib/segments/definition";

/** What "Save as segment" on the RFM grid saves: one cell (recency × frequency) or a named segment. */
const score = z.number({ error: "Give a score from 1 to 5." }).int().min(1, "Give a score from 1 to 5.").max(5, "Give a score from 1 to 5.");

export const rfmSegmentTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("cell"), recency: score, frequency: score }),
  z.object({ kind: z.literal("segment"), segment: z.enum(RFM_SEGMENTS, { error: "Pick a known RFM segment." }) }),
]);

export type RfmSegmentTarget = z.infer<typeof rfmSegmentTargetSchema>;
