"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/safe-action";
import { z } from "zod";
import { clvFitPayload, clvFitStatus, requestClvFit } from "@/lib/insights/clv-model";
import { saveRfmSegment } from "@/lib/insights/rfm-segments";
import { rfmSegmentTargetSchema } from "@/lib/validations/insights";
import { cancelClusterRun, getClusterRun, saveCluster, startClusterRun } from "@/lib/insights/clusters";
import { wakeJobWorker } from "@/lib/jobs/start";
import { clusterOptionsSchema, clusterRunIdSchema, saveClusterSchema } from "@/lib/validations/clusters";

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

// ── Clusters ──────────────────────────────────────────────────────────────────────────────────

/** Starts a clustering run (queued for the job runner); returns its id. */
export const startClusterRunAction = workspaceAction("segments.write", clusterOptionsSchema, async (input, ctx) => {
  const result = await startClusterRun(ctx.service, input);
  wakeJobWorker();
  return result;
});

/** The run's status and progress (polled by the Clusters page while it runs). */
export const getClusterRunAction = workspaceAction("workspace.read", clusterRunIdSchema, async (input, ctx) => getClusterRun(ctx.service, input));

export const cancelClusterRunAction = workspaceAction("segments.write", clusterRunIdSchema, async (input, ctx) => cancelClusterRun(ctx.service, input));

/** Saves a cluster as a static segment, a rule-based segment or a persona draft. */
export const saveClusterAction = workspaceAction("segments.write", saveClusterSchema, async (input, ctx) => {
  const result = await saveCluster(ctx.service, input);
  revalidatePath(`/w/${ctx.workspace.slug}/segments`);
  if (result.as === "persona") revalidatePath(`/w/${ctx.workspace.slug}/personas`);
  return result;
});
