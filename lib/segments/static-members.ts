import "server-only";
/**
 * The hand-picked members of static segments (`SegmentMember`). Both functions run in the caller's
 * transaction and stay inside one workspace: the segment must be a static, non-archived segment of
 * the workspace and every customer a customer of the workspace, or a SegmentError is thrown and
 * nothing is written. Each change records a size snapshot, like every other segment write.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { SegmentError } from "@/lib/segments/errors";
import { createStaticSegment, snapshotSegment } from "@/lib/segments/store";

type Tx = Prisma.TransactionClient;

/** Customers added or removed in one request. */
export const STATIC_MEMBERS_MAX = 500;

export type StaticMembersChange = {
  segment: { id: string; name: string };
  /** Whether the segment was created by this request (`newSegmentName`). */
  created: boolean;
  /** Distinct customers in the request. */
  requested: number;
  /** Rows actually added (customers already in the segment are not counted) or removed. */
  changed: number;
  /** The segment's size afterwards. */
  size: number;
};

export type StaticMembersTarget = { segmentId: string } | { newSegmentName: string };

/**
 * Claims the segment for this change: one UPDATE that only matches a static, non-archived segment
 * of the workspace (so concurrent changes to the same segment queue up behind each other), and
 * says why when it matches nothing.
 */
async function claimStaticSegment(tx: Tx, workspaceId: string, segmentId: string, actorId: string | null) {
  const claimed = await tx.segment.updateMany({
    where: { workspaceId, id: segmentId, kind: "STATIC", archivedAt: null },
    data: { updatedById: actorId },
  });
  const row = await tx.segment.findFirst({
    where: { workspaceId, id: segmentId },
    select: { id: true, name: true, kind: true, archivedAt: true },
  });
  if (!row) throw new SegmentError("NOT_FOUND", "That segment could not be found in this workspace.");
  if (claimed.count === 1) return { id: row.id, name: row.name };
  if (row.kind !== "STATIC")
    throw new SegmentError(
      "VALIDATION",
      `“${row.name}” is a dynamic segment: its members follow its rules, so customers can't be added or removed by hand. Pick a static segment.`,
    );
  throw new SegmentError("VALIDATION", `“${row.name}” is archived. Restore it before changing its members.`);
}

/** The distinct ids, all of which must be customers of the workspace. */
async function workspaceCustomers(tx: Tx, workspaceId: string, customerIds: readonly number[]): Promise<number[]> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) throw new SegmentError("VALIDATION", "Select at least one customer.");
  if (ids.length > STATIC_MEMBERS_MAX)
    throw new SegmentError("VALIDATION", `Select at most ${STATIC_MEMBERS_MAX} customers at a time.`);
  const found = await tx.customer.count({ where: { workspaceId, id: { in: ids } } });
  const missing = ids.length - found;
  if (missing > 0)
    throw new SegmentError(
      "VALIDATION",
      `${missing === 1 ? "One of the selected customers is" : `${missing} of the selected customers are`} not in this workspace (${missing === 1 ? "it" : "they"} may have been deleted). Nothing was changed.`,
    );
  return ids;
}

/** Adds customers to a static segment (or to a new one, created by name); already-members are kept once. */
export async function addStaticMembers(
  tx: Tx,
  workspaceId: string,
  target: StaticMembersTarget,
  customerIds: readonly number[],
  options: { actorId?: string | null; now?: Date } = {},
): Promise<StaticMembersChange> {
  const actorId = options.actorId ?? null;
  const now = options.now ?? new Date();
  const ids = await workspaceCustomers(tx, workspaceId, customerIds);
  const created = "newSegmentName" in target;
  const segment = created
    ? await createStaticSegment(tx, workspaceId, { name: target.newSegmentName, actorId })
    : await claimStaticSegment(tx, workspaceId, target.segmentId, actorId);
  const { count } = await tx.segmentMember.createMany({
    data: ids.map((customerId) => ({ workspaceId, segmentId: segment.id, customerId, addedById: actorId, addedAt: now })),
    skipDuplicates: true,
  });
  const size = await snapshotSegment(tx, workspaceId, segment.id, now);
  return { segment: { id: segment.id, name: segment.name }, created, requested: ids.length, changed: count, size };
}

/** Removes customers from a static segment; customers who were not in it are ignored. */
export async function removeStaticMembers(
  tx: Tx,
  workspaceId: string,
  segmentId: string,
  customerIds: readonly number[],
  options: { actorId?: string | null; now?: Date } = {},
): Promise<StaticMembersChange> {
  const now = options.now ?? new Date();
  const ids = await workspaceCustomers(tx, workspaceId, customerIds);
  const segment = await claimStaticSegment(tx, workspaceId, segmentId, options.actorId ?? null);
  const { count } = await tx.segmentMember.deleteMany({ where: { workspaceId, segmentId: segment.id, customerId: { in: ids } } });
  const size = await snapshotSegment(tx, workspaceId, segment.id, now);
  return { segment, created: false, requested: ids.length, changed: count, size };
}
