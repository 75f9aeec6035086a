"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction, workspaceAction } from "@/lib/actions/safe-action";
import * as workspaces from "@/lib/workspaces/service";
import { createWorkspaceSchema, deleteWorkspaceSchema, lifecycleThresholdsSchema, updateWorkspaceSchema } from "@/lib/validations/workspace";

/** Workspaces: thin adapters over lib/workspaces/service.ts. */
export const createWorkspace = userAction(createWorkspaceSchema, async (input, { user }) => workspaces.createWorkspace(user, input));

export const updateWorkspace = workspaceAction("workspace.update", updateWorkspaceSchema, async (input, ctx) => {
  const result = await workspaces.updateWorkspace(ctx.service, { name: ctx.workspace.name, slug: ctx.workspace.slug }, input);
  revalidatePath("/", "layout");
  return result;
});

export const updateLifecycleThresholds = workspaceAction("workspace.update", lifecycleThresholdsSchema, async (input, ctx) => {
  const result = await workspaces.updateLifecycleThresholds(ctx.service, input);
  revalidatePath(`/w/${ctx.workspace.slug}`, "layout");
  return result;
});

export const deleteWorkspace = workspaceAction("workspace.delete", deleteWorkspaceSchema, async (input, ctx) => {
  await workspaces.deleteWorkspace(ctx.service, ctx.workspace.slug, input.confirmation);
  redirect("/workspaces");
});

/** Remembers nothing server-side: switching is navigating to the workspace's URL. */
export const leaveWorkspace = workspaceAction("workspace.read", z.object({}), async (_input, ctx) => {
  await workspaces.leaveWorkspace(ctx.service);
  redirect("/workspaces");
});
