"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/safe-action";
import { z } from "zod";
import { clvFitPayload, clvFitStatus, requestClvFit } from "@/lib/insights/clv-model";
import { saveRfmSegment } from "@/lib/insights/rfm-segments";
import { wakeJobWorker } from "@/lib/jobs/start";
import { rfmSegmentTargetSchema } from "@/lib/validations/insights";

/** Insights: thin adapters over lib/insights. */

/** "Save as segment" from the RFM grid or the named-segment table; returns the new segment. */
export const saveRfmSegmentAction = workspaceAction("segments.write", rfmSegmentTargetSchema, async (input, ctx) => {
  const result = await saveRfmSegment(ctx.service, input);
  revalidatePath(`/w/${ctx.workspace.slug}/segments`);
  return result;
});

/** "Fit model" / "Refit" on Insights → Lifetime value: queues the fit job (one at a time). */
export const fitClvModelAction = workspaceAction("segments.write", clvFitPayload, async (input, ctx) => {
  const state = await requestClvFit(ctx.service, input);
  wakeJobWorker();
  return state;
});

/** Where a fit is, for the page's progress (any member). */
export const clvFitStatusAction = workspaceAction("workspace.read", z.object({ jobId: z.string().min(1).max(64) }), async ({ jobId }, ctx) => {
  const state = await clvFitStatus(ctx.service, jobId);
  if (state.status === "COMPLETED") revalidatePath(`/w/${ctx.workspace.slug}/insights/value`);
  return state;
});
