"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db, type Prisma } from "@/lib/db";
import { withTimedTransactions } from "@/lib/db/statement-timeout";
import { can } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/dal/audit";
import { findMembershipBySlug } from "@/lib/dal/workspaces";
import { ActionError, notFound, type FieldErrors } from "@/lib/errors";
import { userAction, workspaceAction, type WorkspaceActionContext } from "@/lib/actions/safe-action";
import { SegmentError } from "@/lib/segments/errors";
import { addStaticMembers, removeStaticMembers, STATIC_MEMBERS_MAX, type StaticMembersChange } from "@/lib/segments/static-members";
import { listSegments, SEGMENT_NAME_MAX, TX_OPTIONS } from "@/lib/segments/store";

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

/** Maps the engine's errors onto the action layer's. */
function toActionError(error: unknown): unknown {
  if (!(error instanceof SegmentError)) return error;
  if (error.code === "NOT_FOUND") return new ActionError("NOT_FOUND", error.message);
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) (fieldErrors[issue.path === "name" ? "newSegmentName" : issue.path] ??= []).push(issue.message);
  return new ActionError("VALIDATION", error.message, Object.keys(fieldErrors).length ? fieldErrors : undefined);
}

const plural = (n: number) => `${n} ${n === 1 ? "customer" : "customers"}`;

/** Runs one membership change, its audit entries and its snapshot in one transaction. */
async function change(
  ctx: WorkspaceActionContext,
  write: (tx: Prisma.TransactionClient) => Promise<StaticMembersChange>,
  action: "segment.members_added" | "segment.members_removed",
): Promise<StaticMembersChange> {
  let result: StaticMembersChange;
  try {
    result = await withTimedTransactions((client) => client.$transaction(async (tx) => {
      const done = await write(tx);
      if (done.created)
        await recordAudit(
          ctx.workspace.id,
          ctx.user,
          { action: "segment.created", targetType: "segment", targetId: done.segment.id, metadata: { name: done.segment.name, kind: "STATIC" } },
          tx,
        );
      await recordAudit(
        ctx.workspace.id,
        ctx.user,
        {
          action,
          targetType: "segment",
          targetId: done.segment.id,
          metadata: { name: done.segment.name, count: done.changed, selected: done.requested, size: done.size },
        },
        tx,
      );
      return done;
    }, TX_OPTIONS));
  } catch (error) {
    throw toActionError(error);
  }
  const base = `/w/${ctx.workspace.slug}`;
  revalidatePath(`${base}/segments`);
  revalidatePath(`${base}/segments/${result.segment.id}`);
  revalidatePath(`${base}/customers`);
  return result;
}

/** Adds customers to a static segment, or to a new static segment named `newSegmentName`. */
export const addToStaticSegment = workspaceAction("segments.write", addSchema, async (input, ctx) => {
  const target = input.newSegmentName !== undefined ? { newSegmentName: input.newSegmentName } : { segmentId: input.segmentId ?? "" };
  const result = await change(
    ctx,
    (tx) => addStaticMembers(tx, ctx.workspace.id, target, input.customerIds, { actorId: ctx.user.id }),
    "segment.members_added",
  );
  return {
    segmentId: result.segment.id,
    segmentName: result.segment.name,
    created: result.created,
    added: result.changed,
    alreadyIn: result.requested - result.changed,
    size: result.size,
    message: `${plural(result.changed)} added to “${result.segment.name}”${
      result.requested > result.changed ? ` (${result.requested - result.changed} already in it)` : ""
    }`,
  };
});

/** Removes customers from a static segment. */
export const removeFromStaticSegment = workspaceAction("segments.write", removeSchema, async (input, ctx) => {
  const result = await change(
    ctx,
    (tx) => removeStaticMembers(tx, ctx.workspace.id, input.segmentId, input.customerIds, { actorId: ctx.user.id }),
    "segment.members_removed",
  );
  return {
    segmentId: result.segment.id,
    removed: result.changed,
    size: result.size,
    message: `${plural(result.changed)} removed from “${result.segment.name}”`,
  };
});

/**
 * What the customers list's "Add to static segment" dialog offers: the workspace (found through
 * the caller's membership, by the slug in the URL), whether the caller may add, and the static
 * segments that can take members (not archived), by name.
 */
export const staticSegmentChoices = userAction(z.object({ workspaceSlug: z.string().min(1).max(64) }), async ({ workspaceSlug }, { user }) => {
  const membership = await findMembershipBySlug(user.id, workspaceSlug);
  if (!membership) throw notFound("That workspace");
  const segments = await listSegments(db, membership.workspace.id);
  return {
    workspaceId: membership.workspace.id,
    canWrite: can(membership.role, "segments.write"),
    segments: segments
      .filter((s) => s.kind === "STATIC")
      .map((s) => ({ id: s.id, name: s.name, size: s.lastSize ?? 0 }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
});
