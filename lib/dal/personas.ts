import "server-only";
import { db, Prisma } from "@/lib/db";
import { QUERY_TIMEOUT_MESSAGE, QueryTimeoutError, withStatementTimeout } from "@/lib/db/statement-timeout";
import { definitionSchema, type SegmentDefinition } from "@/lib/segments/definition";
import { SegmentError } from "@/lib/segments/errors";
import { evaluate, loadEvaluationContext } from "@/lib/segments/evaluate";
import {
  compareEvidence,
  computeEvidence,
  personaDefinition,
  readSnapshot,
  snapshotOf,
  type DriftItem,
  type PersonaEvidence,
  type PersonaGrounding,
} from "@/lib/personas/evidence";
import { readPersonality, readSections } from "@/lib/validations/persona";

/**
 * Tenant-scoped persona reads: every function takes the workspace id and looks only inside it.
 * The photo's bytes are read only by `findPersonaPhoto`.
 */
type Tx = Prisma.TransactionClient;

export const CARD_SELECT = {
  id: true,
  name: true,
  isNegative: true,
  headline: true,
  description: true,
  ageRange: true,
  gender: true,
  occupation: true,
  location: true,
  incomeBand: true,
  education: true,
  family: true,
  quote: true,
  goals: true,
  painPoints: true,
  motivations: true,
  needs: true,
  objections: true,
  buyingTriggers: true,
  preferredChannels: true,
  brandsMedia: true,
  technology: true,
  personality: true,
  tags: true,
  notFitReasons: true,
  costToServe: true,
  sections: true,
  photoType: true,
  photoUpdatedAt: true,
  segmentId: true,
  definition: true,
  version: true,
  reviewedAt: true,
  reviewedSnapshot: true,
  updatedAt: true,
  updatedById: true,
} satisfies Prisma.PersonaSelect;

type CardRow = Prisma.PersonaGetPayload<{ select: typeof CARD_SELECT }>;

/** Stored rules, read again through the schema; unreadable rules read as none. */
export function readDefinition(value: unknown): SegmentDefinition | null {
  if (value === null || value === undefined) return null;
  const parsed = definitionSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The card as the editor and the page use it (plain JSON: no photo bytes, dates as ISO text). */
export function toCard(row: CardRow) {
  return {
    id: row.id,
    name: row.name,
    isNegative: row.isNegative,
    headline: row.headline,
    description: row.description,
    ageRange: row.ageRange,
    gender: row.gender,
    occupation: row.occupation,
    location: row.location,
    incomeBand: row.incomeBand,
    education: row.education,
    family: row.family,
    quote: row.quote,
    goals: row.goals,
    painPoints: row.painPoints,
    motivations: row.motivations,
    needs: row.needs,
    objections: row.objections,
    buyingTriggers: row.buyingTriggers,
    preferredChannels: row.preferredChannels,
    brandsMedia: row.brandsMedia,
    technology: row.technology,
    personality: readPersonality(row.personality),
    tags: row.tags,
    notFitReasons: row.notFitReasons,
    costToServe: row.costToServe,
    sections: readSections(row.sections),
    photoVersion: row.photoType && row.photoUpdatedAt ? row.photoUpdatedAt.getTime() : null,
    segmentId: row.segmentId,
    definition: readDefinition(row.definition),
    version: row.version,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type PersonaCardData = ReturnType<typeof toCard>;

export async function findPersona(workspaceId: string, id: string, client: Tx | typeof db = db) {
  const row = await client.persona.findFirst({ where: { workspaceId, id }, select: CARD_SELECT });
  return row ? { card: toCard(row), reviewedSnapshot: row.reviewedSnapshot, updatedById: row.updatedById } : null;
}

/** Who saved the card last, for "saved by … " (null when unknown). */
export async function userName(userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const u = await db.user.findUnique({ where: { id: userId }, select: { name: true, email: true } });
  return u ? (u.name ?? u.email) : null;
}

export async function findPersonaPhoto(workspaceId: string, id: string) {
  const row = await db.persona.findFirst({ where: { workspaceId, id }, select: { photo: true, photoType: true } });
  return row?.photo && row.photoType ? { bytes: row.photo, type: row.photoType } : null;
}

/** The segments a persona can be linked to (active ones, by name). */
/** Active segments by name, with their last measured size (null before the first measurement). */
export async function segmentChoices(workspaceId: string): Promise<{ id: string; name: string; size: number | null }[]> {
  const rows = await db.segment.findMany({
    where: { workspaceId, archivedAt: null },
    select: { id: true, name: true, snapshots: { orderBy: { takenAt: "desc" }, take: 1, select: { size: true } } },
    orderBy: { name: "asc" },
  });
  return rows.map((s) => ({ id: s.id, name: s.name, size: s.snapshots[0]?.size ?? null }));
}

// ---------------------------------------------------------------------------------------------
// Evidence

export type EvidenceResult =
  | { status: "ok"; evidence: PersonaEvidence; drift: DriftItem[] }
  | { status: "ungrounded" }
  | { status: "problem"; message: string };

/** The persona's live evidence, under the interactive time limit, and its drift since the last review. */
export async function personaEvidence(
  workspaceId: string,
  grounding: PersonaGrounding,
  review: { reviewedAt: Date | null; snapshot: unknown } = { reviewedAt: null, snapshot: null },
  now = new Date(),
): Promise<EvidenceResult> {
  const definition = personaDefinition(grounding);
  if (!definition) return { status: "ungrounded" };
  try {
    const evidence = await withStatementTimeout(async (tx) =>
      computeEvidence(tx, workspaceId, definition, await loadEvaluationContext(tx, workspaceId, { now })),
    );
    const snapshot = readSnapshot(review.snapshot);
    const drift = snapshot && review.reviewedAt ? compareEvidence(snapshot, snapshotOf(evidence), review.reviewedAt) : [];
    return { status: "ok", evidence, drift };
  } catch (error) {
    if (error instanceof QueryTimeoutError) return { status: "problem", message: QUERY_TIMEOUT_MESSAGE };
    if (error instanceof SegmentError) return { status: "problem", message: error.message };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Gallery

export const GALLERY_LIMIT = 50;

export type GalleryFilter = { negative: boolean; q: string; tag: string | null; segmentId: string | null };
export type GallerySort = "matching" | "name" | "updated";

/**
 * One tab of the gallery (positive or negative personas), filtered and sorted, at most
 * GALLERY_LIMIT cards; each card's matching count is evaluated live in one transaction under the
 * time limit (null when it has no rules or they cannot be evaluated now).
 */
export async function listPersonas(workspaceId: string, filter: GalleryFilter, sort: GallerySort, now = new Date()) {
  const where: Prisma.PersonaWhereInput = {
    workspaceId,
    isNegative: filter.negative,
    ...(filter.q
      ? {
          OR: [
            { name: { contains: filter.q, mode: "insensitive" } },
            { headline: { contains: filter.q, mode: "insensitive" } },
            { quote: { contains: filter.q, mode: "insensitive" } },
          ],
        }
      : {}),
    ...(filter.tag ? { tags: { has: filter.tag } } : {}),
    ...(filter.segmentId ? { segmentId: filter.segmentId } : {}),
  };
  const [rows, total, counts] = await Promise.all([
    db.persona.findMany({
      where,
      select: {
        id: true,
        name: true,
        isNegative: true,
        headline: true,
        quote: true,
        tags: true,
        photoType: true,
        photoUpdatedAt: true,
        segmentId: true,
        definition: true,
        updatedAt: true,
        reviewedAt: true,
        segment: { select: { name: true } },
      },
      orderBy: sort === "updated" ? [{ updatedAt: "desc" }, { id: "asc" }] : [{ name: "asc" }, { id: "asc" }],
      take: GALLERY_LIMIT,
    }),
    db.persona.count({ where }),
    db.persona.groupBy({ by: ["isNegative"], where: { workspaceId }, _count: { _all: true } }),
  ]);
  const matching = new Map<string, number | null>();
  try {
    await withStatementTimeout(async (tx) => {
      const context = await loadEvaluationContext(tx, workspaceId, { now });
      for (const row of rows) {
        const definition = personaDefinition({ definition: readDefinition(row.definition), segmentId: row.segmentId });
        if (!definition) continue;
        try {
          matching.set(row.id, (await evaluate(tx, workspaceId, definition, { as: "count", context })).count);
        } catch (error) {
          if (!(error instanceof SegmentError)) throw error;
          matching.set(row.id, null);
        }
      }
    });
  } catch (error) {
    if (!(error instanceof QueryTimeoutError)) throw error;
  }
  const cards = rows.map((r) => ({
    id: r.id,
    name: r.name,
    isNegative: r.isNegative,
    headline: r.headline,
    quote: r.quote,
    tags: r.tags,
    photoVersion: r.photoType && r.photoUpdatedAt ? r.photoUpdatedAt.getTime() : null,
    segment: r.segmentId ? { id: r.segmentId, name: r.segment?.name ?? "" } : null,
    hasRules: !!readDefinition(r.definition)?.root.children.length,
    matching: matching.get(r.id) ?? null,
    updatedAt: r.updatedAt,
  }));
  if (sort === "matching") cards.sort((a, b) => (b.matching ?? -1) - (a.matching ?? -1) || a.name.localeCompare(b.name));
  const byKind = (negative: boolean) => counts.find((c) => c.isNegative === negative)?._count._all ?? 0;
  return { cards, total, positives: byKind(false), negatives: byKind(true) };
}

/** Every tag used by the workspace's personas, for the gallery's filter. */
export async function personaTags(workspaceId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ tag: string }[]>(
    Prisma.sql`SELECT DISTINCT unnest("tags") AS "tag" FROM "Persona" WHERE "workspaceId" = ${workspaceId}::uuid ORDER BY 1 LIMIT 200`,
  );
  return rows.map((r) => r.tag);
}
