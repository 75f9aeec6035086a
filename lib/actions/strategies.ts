"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/safe-action";
import * as strategies from "@/lib/targeting/service";
import { createStrategySchema, rateSegmentSchema, strategyIdSchema, updateStrategySchema } from "@/lib/validations/strategy";

/** Targeting strategies: thin adapters over lib/targeting/service.ts. */
const refresh = (slug: string, id?: string) => {
  revalidatePath(`/w/${slug}/strategies`);
  if (id) revalidatePath(`/w/${slug}/strategies/${id}`);
};

export const createStrategyAction = workspaceAction("strategies.write", createStrategySchema, async (input, ctx) => {
  const result = await strategies.createStrategy(ctx.service, input);
  refresh(ctx.workspace.slug);
  return result;
});

/** A save names the version it was based on; a stale one is refused with CONFLICT. */
export const updateStrategyAction = workspaceAction("strategies.write", updateStrategySchema, async (input, ctx) => {
  const result = await strategies.updateStrategy(ctx.service, input);
  refresh(ctx.workspace.slug, input.id);
  return result;
});

export const deleteStrategyAction = workspaceAction("strategies.write", strategyIdSchema, async ({ id }, ctx) => {
  const result = await strategies.deleteStrategy(ctx.service, id);
  refresh(ctx.workspace.slug);
  return result;
});

/** Any member rates a candidate segment (viewers too). */
export const rateSegmentAction = workspaceAction("workspace.read", rateSegmentSchema, async (input, ctx) => {
  const result = await strategies.rateSegment(ctx.service, input);
  refresh(ctx.workspace.slug, input.strategyId);
  return result;
});
