import "server-only";
import { db, Prisma } from "@/lib/db";
import { withStatementTimeout } from "@/lib/db/statement-timeout";
import type { RfmScores } from "@/lib/analytics/rfm";
import { catalogForClient, loadFieldCatalog } from "@/lib/segments/catalog";
import { evaluate, loadCustomerFacts, loadEvaluationContext } from "@/lib/segments/evaluate";
import type { Explanation } from "@/lib/segments/explanation";
import type { MemberOrder } from "@/lib/segments/queries";
import { SegmentError } from "@/lib/segments/errors";
import { getSegment, listSegments } from "@/lib/segments/store";

/** The builder's field catalog for a workspace (built-in fields, custom traits, sample values). */
export async function builderCatalog(workspaceId: string) {
  return catalogForClient(await loadFieldCatalog(db, workspaceId));
}

/** What a definition may reference: the workspace's segments and personas. */
export async function referenceOptions(workspaceId: string) {
  const [segments, personas] = await Promise.all([
    db.segment.findMany({ where: { workspaceId, archivedAt: null }, select: { id: true, name: true, kind: true }, orderBy: { name: "asc" } }),
    db.persona.findMany({ where: { workspaceId }, select: { id: true, name: true, isNegative: true, segmentId: true, definition: true }, orderBy: { name: "asc" } }),
  ]);
  return {
    segments,
    // `grounded`: it has rules or a linked segment, so it can match (and exclude) anyone.
    personas: personas.map((p) => ({ id: p.id, name: p.name, isNegative: p.isNegative, grounded: p.segmentId !== null || p.definition !== null })),
  };
}

/** The builder's live count: size, total and a few members, under the interactive time limit. */
export async function previewDefinition(workspaceId: string, definition: unknown, selfId?: string, now = new Date()) {
  return withStatementTimeout((db) => previewIn(db, workspaceId, definition, selfId, now));
}

async function previewIn(db: Prisma.TransactionClient, workspaceId: string, definition: unknown, selfId: string | undefined, now: Date) {
  const context = await loadEvaluationContext(db, workspaceId, { now });
  // Validated once by the count; the sample reuses the same context.
  const { count: size } = await evaluate(db, workspaceId, definition, { as: "count", self: selfId, context });
  const [total, sample] = await Promise.all([
    db.customer.count({ where: { workspaceId } }),
    evaluate(db, workspaceId, definition, { as: "members", self: selfId, context, limit: 5, orderBy: "name" }),
  ]);
  return {
    size,
    total,
    sample: sample.members.map((m) => ({
      id: Number(m.id),
      name: [m.firstName, m.lastName].filter(Boolean).join(" ") || m.email || m.externalId,
      email: m.email,
    })),
  };
}

/** The workspace's segments for lists and pickers (archived ones on request). */
export async function listWorkspaceSegments(workspaceId: string, options: { includeArchived?: boolean } = {}) {
  return listSegments(db, workspaceId, options);
}

/** The segment named in a URL, or null when it is not this workspace's (the page answers 404). */
export async function findSegmentForPage(workspaceId: string, segmentId: string) {
  try {
    return await getSegment(db, workspaceId, segmentId);
  } catch (error) {
    if (error instanceof SegmentError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

export const MEMBERS_PAGE_SIZE = 25;

/**
 * A segment's page: its size now, one page of members, its size history and who made it. (A static
 * segment's `definition` is "is in this segment", so its members are its hand-picked ones; for
 * those, `addedAt` tells when each member on the page was added.)
 */
export async function segmentDetail(workspaceId: string, id: string, page: number, orderBy: MemberOrder = "name") {
  return withStatementTimeout((db) => segmentDetailIn(db, workspaceId, id, page, orderBy));
}

async function segmentDetailIn(db: Prisma.TransactionClient, workspaceId: string, id: string, page: number, orderBy: MemberOrder) {
  const segment = await getSegment(db, workspaceId, id);
  const context = await loadEvaluationContext(db, workspaceId);
  const [{ count: size }, { members }, snapshots, creators] = await Promise.all([
    evaluate(db, workspaceId, segment.definition, { as: "count", context }),
    evaluate(db, workspaceId, segment.definition, {
      as: "members",
      context,
      limit: MEMBERS_PAGE_SIZE,
      offset: (page - 1) * MEMBERS_PAGE_SIZE,
      orderBy,
    }),
    db.segmentSnapshot.findMany({
      where: { workspaceId, segmentId: id },
      orderBy: { takenAt: "asc" },
      take: 200,
      select: { size: true, takenAt: true },
    }),
    db.user.findMany({
      where: { id: { in: [segment.createdById, segment.updatedById].filter((v): v is string => !!v) } },
      select: { id: true, name: true, email: true },
    }),
  ]);
  const who = (userId: string | null) => {
    const u = creators.find((c) => c.id === userId);
    return u ? (u.name ?? u.email) : null;
  };
  const added =
    segment.kind === "STATIC" && members.length > 0
      ? await db.segmentMember.findMany({
          where: { workspaceId, segmentId: id, customerId: { in: members.map((m) => Number(m.id)) } },
          select: { customerId: true, addedAt: true },
        })
      : [];
  const addedAt = new Map(added.map((a) => [a.customerId, a.addedAt]));
  return {
    segment,
    size,
    members: members.map((m) => ({ ...m, addedAt: addedAt.get(Number(m.id)) ?? null })),
    snapshots,
    createdBy: who(segment.createdById),
    updatedBy: who(segment.updatedById),
  };
}

/**
 * For a customer's profile: each active segment of the workspace (at most `limit`), whether the
 * customer is in it, and the engine's explanation — evaluated in memory on the customer's own
 * history, with RFM scores and the static segments they were added to read from the database
 * (`rfm`: scores the caller already read, so they are not read twice).
 */
export async function customerSegmentMatches(workspaceId: string, customerId: number, limit = 25, now = new Date()) {
  return withStatementTimeout((db) => customerSegmentMatchesIn(db, workspaceId, customerId, { limit, now }));
}

export type CustomerSegmentMatch = { id: string; name: string; matched: boolean; explanation: Explanation };

export async function customerSegmentMatchesIn(
  db: Prisma.TransactionClient,
  workspaceId: string,
  customerId: number,
  options: { limit: number; now: Date; rfm?: RfmScores | null },
): Promise<CustomerSegmentMatch[]> {
  const facts = await loadCustomerFacts(db, workspaceId, customerId, { rfm: options.rfm });
  if (!facts) return [];
  const rows = await db.segment.findMany({
    where: { workspaceId, archivedAt: null },
    orderBy: { name: "asc" },
    take: options.limit,
    select: { id: true },
  });
  const context = await loadEvaluationContext(db, workspaceId, { now: options.now });
  const out: CustomerSegmentMatch[] = [];
  for (const row of rows) {
    const segment = await getSegment(db, workspaceId, row.id);
    const result = await evaluate(db, workspaceId, segment.definition, { as: "explain", customerId, segment, facts, context });
    out.push({ id: segment.id, name: segment.name, matched: result.matched, explanation: result.explanation });
  }
  return out;
}
