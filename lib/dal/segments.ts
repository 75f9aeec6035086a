import { db, Prisma } from "@/lib/db";
import { withStatementTimeout } from "@/lib/db/statement-timeout";
import { matchSegment } from "@/lib/segments/match";
import { buildCatalog, catalogForClient, loadFieldCatalog } from "@/lib/segments/catalog";
import { countSegment, listSegmentMembers, type MemberOrder } from "@/lib/segments/queries";
import { rfmSubquery } from "@/lib/analytics/rfm";
import { createContext, createReferenceLoader, loadContext } from "@/lib/segments/context";
import { lifecycleThresholdsFromSettings } from "@/lib/analytics/lifecycle";
import { getSegment, listSegments } from "@/lib/segments/store";
import { assertValidDefinition } from "@/lib/segments/validate";

/** The builder's field catalog for a workspace (built-in fields, custom traits, sample values). */
export async function builderCatalog(workspaceId: string) {
  return catalogForClient(await loadFieldCatalog(db, workspaceId));
}

/** What a definition may reference: the workspace's segments and personas. */
export async function referenceOptions(workspaceId: string) {
  const [segments, personas] = await Promise.all([
    db.segment.findMany({ where: { workspaceId, archivedAt: null }, select: { id: true, name: true, kind: true }, orderBy: { name: "asc" } }),
    db.persona.findMany({ where: { workspaceId }, select: { id: true, name: true, isNegative: true }, orderBy: { name: "asc" } }),
  ]);
  return { segments, personas };
}

/** The builder's live count: size, total and a few members, under the interactive time limit. */
export async function previewDefinition(workspaceId: string, definition: unknown, selfId?: string, now = new Date()) {
  return withStatementTimeout((db) => previewIn(db, workspaceId, definition, selfId, now));
}

async function previewIn(db: Prisma.TransactionClient, workspaceId: string, definition: unknown, selfId: string | undefined, now: Date) {
  const [traits, workspace] = await Promise.all([
    db.customerTraitDefinition.findMany({ where: { workspaceId }, select: { key: true, label: true, type: true, family: true } }),
    db.workspace.findUnique({ where: { id: workspaceId }, select: { settings: true } }),
  ]);
  const catalog = buildCatalog(traits);
  const { definition: valid, references } = await assertValidDefinition(definition, {
    catalog,
    loader: createReferenceLoader(db, workspaceId),
    selfId,
    selfKind: "segment",
  });
  const ctx = createContext({ now, references, catalog, lifecycle: lifecycleThresholdsFromSettings(workspace?.settings ?? {}) });
  const [size, total, sample] = await Promise.all([
    countSegment(db, workspaceId, valid, ctx),
    db.customer.count({ where: { workspaceId } }),
    listSegmentMembers(db, workspaceId, valid, ctx, { limit: 5, orderBy: "name" }),
  ]);
  return {
    size,
    total,
    sample: sample.map((m) => ({
      id: Number(m.id),
      name: [m.firstName, m.lastName].filter(Boolean).join(" ") || m.email || m.externalId,
      email: m.email,
    })),
  };
}

export { getSegment, listSegments };

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
  const ctx = await loadContext(db, workspaceId, [segment.definition], { now: new Date() });
  const [size, members, snapshots, creators] = await Promise.all([
    countSegment(db, workspaceId, segment.definition, ctx),
    listSegmentMembers(db, workspaceId, segment.definition, ctx, {
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
 * history, with RFM scores and the static segments they were added to read from the database.
 */
export async function customerSegmentMatches(workspaceId: string, customerId: number, limit = 25, now = new Date()) {
  return withStatementTimeout((db) => customerSegmentMatchesIn(db, workspaceId, customerId, limit, now));
}

async function customerSegmentMatchesIn(db: Prisma.TransactionClient, workspaceId: string, customerId: number, limit: number, now: Date) {
  const [customer, orders, events, rows, staticRows] = await Promise.all([
    db.customer.findFirst({ where: { workspaceId, id: customerId } }),
    db.order.findMany({ where: { workspaceId, customerId }, select: { orderedAt: true, amount: true, category: true, channel: true } }),
    db.event.findMany({ where: { workspaceId, customerId }, select: { name: true, occurredAt: true, properties: true } }),
    db.segment.findMany({ where: { workspaceId, archivedAt: null }, orderBy: { name: "asc" }, take: limit, select: { id: true } }),
    db.segmentMember.findMany({ where: { workspaceId, customerId }, select: { segmentId: true } }),
  ]);
  if (!customer) return [];
  const segments = await Promise.all(rows.map((r) => getSegment(db, workspaceId, r.id)));
  const ctx = await loadContext(db, workspaceId, segments.map((s) => s.definition), { now });
  const [scores] = await db.$queryRaw<{ r: number; f: number; m: number }[]>(
    Prisma.sql`SELECT "r", "f", "m" FROM (${rfmSubquery(Prisma.sql`${workspaceId}::uuid`)}) s WHERE "cid" = ${customerId}::int`,
  );
  const rfm = scores ? { recency: Number(scores.r), frequency: Number(scores.f), monetary: Number(scores.m) } : null;
  const history = { orders, events };
  const addedTo = new Set(staticRows.map((r) => r.segmentId));
  const staticMember = (segmentId: string, id: number) => id === customer.id && addedTo.has(segmentId);
  return segments.map((segment) => {
    const result = matchSegment(segment, customer, history, { ...ctx, rfm: () => rfm, staticMember });
    return { id: segment.id, name: segment.name, matched: result.matched, explanation: result.explanation };
  });
}
