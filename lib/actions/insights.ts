"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/safe-action";
import { saveRfmSegment } from "@/lib/insights/rfm-segments";
import { rfmSegmentTargetSchema } from "@/lib/validations/insights";

/** Insights: thin adapters over lib/insights. */

/** "Save as segment" from the RFM grid or the named-segment table; returns the new segment. */
export const saveRfmSegmentAction = workspaceAction("segments.write", rfmSegmentTargetSchema, async (input, ctx) => {
  const result = await saveRfmSegment(ctx.service, input);
  revalidatePath(`/w/${ctx.workspace.slug}/segments`);
  return result;
});
