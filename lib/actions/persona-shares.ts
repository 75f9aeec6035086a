"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/safe-action";
import * as shares from "@/lib/personas/share-service";
import { createShareLinkSchema, revokeShareLinkSchema } from "@/lib/validations/persona-share";

/** Read-only share links to a persona: thin adapters over lib/personas/share-service.ts. */
const refresh = (slug: string, personaId: string) => revalidatePath(`/w/${slug}/personas/${personaId}`);

/** Returns the link's URL: the only time the token is ever shown. */
export const createShareLinkAction = workspaceAction("personas.write", createShareLinkSchema, async (input, ctx) => {
  const result = await shares.createShareLink(ctx.service, input);
  refresh(ctx.workspace.slug, input.personaId);
  return result;
});

export const revokeShareLinkAction = workspaceAction("personas.write", revokeShareLinkSchema, async (input, ctx) => {
  const result = await shares.revokeShareLink(ctx.service, input);
  refresh(ctx.workspace.slug, input.personaId);
  return result;
});
