"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import { findMembershipBySlug } from "@/lib/dal/workspaces";
import { notFound } from "@/lib/errors";
import { userAction, workspaceAction } from "@/lib/actions/safe-action";
import * as segments from "@/lib/segments/service";
import { STATIC_MEMBERS_MAX } from "@/lib/segments/static-members";
import { SEGMENT_NAME_MAX } from "@/lib/segments/store";

/** Static segment membership: thin adapters over lib/segments/service.ts. */
const segmentId = z.string({ error: "Pick a static segment." }).min(1, "Pick a static segment.").max(64);
const customerIds = z
  .array(z.number().int().positive().max(2_147_483_647), { error: "Select the customers." })
  .min(1, "Select at least one customer.")
  .max(STATIC_MEMBERS_MAX, `Select at most ${STATIC_MEMBERS_MAX} customers at a time.`);

const addSchema = z
  .object({
    segmentId: segmentId.optional(),
    newSegmentName: z
      .string()
      .trim()
      .min(1, "Name the new segment.")
      .max(SEGMENT_NAME_MAX, `Use at most ${SEGMENT_NAME_MAX} characters.`)
      .optional(),
    customerIds,
  })
  .refine((v) => (v.segmentId === undefined) !== (v.newSegmentName === undefined), {
    message: "Pick a static segment or name a new one.",
    path: ["segmentId"],
  });

const removeSchema = z.object({ segmentId, customerIds });

const refresh = (slug: string, segmentId: string) => {
  const base = `/w/${slug}`;
  revalidatePath(`${base}/segments`);
  revalidatePath(`${base}/segments/${segmentId}`);
  revalidatePath(`${base}/customers`);
};

/** Adds customers to a static segment, or to a new static segment named `newSegmentName`. */
export const addToStaticSegment = workspaceAction("segments.write", addSchema, async (input, ctx) => {
  const result = await segments.addToStaticSegment(ctx.service, input);
  refresh(ctx.workspace.slug, result.segmentId);
  return result;
});

/** Removes customers from a static segment. */
export const removeFromStaticSegment = workspaceAction("segments.write", removeSchema, async (input, ctx) => {
  const result = await segments.removeFromStaticSegment(ctx.service, input);
  refresh(ctx.workspace.slug, result.segmentId);
  return result;
});

/**
 * What the customers list's "Add to static segment" dialog offers: the workspace (found through
 * the caller's membership, by the slug in the URL), whether the caller may add, and the static
 * segments that can take members (not archived), by name.
 */
export const staticSegmentChoices = userAction(z.object({ workspaceSlug: z.string().min(1).max(64) }), async ({ workspaceSlug }, { user }) => {
  const membership = await findMembershipBySlug(user.id, workspaceSlug);
  if (!membership) throw notFound("That workspace");
  return {
    workspaceId: membership.workspace.id,
    canWrite: can(membership.role, "segments.write"),
    segments: await segments.staticSegmentChoices(membership.workspace.id),
  };
});
