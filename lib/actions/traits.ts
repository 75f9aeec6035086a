"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/safe-action";
import * as traits from "@/lib/customers/trait-service";
import { changeTraitTypeSchema, createTraitSchema, traitIdSchema, updateTraitSchema } from "@/lib/validations/customer";

/** Custom traits: thin adapters over lib/customers/trait-service.ts. */
const refresh = (slug: string) => revalidatePath(`/w/${slug}`, "layout");

export const createTrait = workspaceAction("data.write", createTraitSchema, async (input, ctx) => {
  const result = await traits.createTrait(ctx.service, input);
  refresh(ctx.workspace.slug);
  return result;
});

export const updateTrait = workspaceAction("data.write", updateTraitSchema, async (input, ctx) => {
  const result = await traits.updateTrait(ctx.service, input);
  refresh(ctx.workspace.slug);
  return result;
});

export const changeTraitType = workspaceAction("data.write", changeTraitTypeSchema, async (input, ctx) => {
  const result = await traits.changeTraitType(ctx.service, input);
  refresh(ctx.workspace.slug);
  return result;
});

export const deleteTrait = workspaceAction("data.write", traitIdSchema, async (input, ctx) => {
  const result = await traits.deleteTrait(ctx.service, input);
  refresh(ctx.workspace.slug);
  return result;
});
