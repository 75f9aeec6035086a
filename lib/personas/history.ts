import "server-only";
import { db, type Prisma } from "@/lib/db";
import { authorize, type ServiceContext } from "@/lib/domain/context";
import { notFound } from "@/lib/errors";
import { changedFields, SNAPSHOT_FIELDS, toSnapshot, type PersonaSnapshot, type SnapshotField } from "@/lib/personas/fields";

/**
 * A persona's change history: one `PersonaRevision` per saved state, written in the transaction of
 * the save (create, update, restore) that produced it.
 *
 * - **Coalescing.** The card autosaves a moment after each keystroke, so one editing session makes
 *   many versions. A save by the same person within REVISION_COALESCE_MINUTES of the start of their
 *   latest revision updates that revision (its snapshot, version and changed fields) instead of
 *   adding one. A restore always adds its own revision, and nothing is merged into it.
 * - **Bound.** At most REVISIONS_KEPT revisions per persona; the oldest are deleted in the same
 *   transaction.
 * - **Content.** Every card field and the rules (`definition`, `segmentId`), never the photo.
 */
type Tx = Prisma.TransactionClient;

export const REVISION_COALESCE_MINUTES = 10;
export const REVISIONS_KEPT = 100;

const SNAPSHOT_SELECT = Object.fromEntries(SNAPSHOT_FIELDS.map((f) => [f, true])) as Record<SnapshotField, true> satisfies Prisma.PersonaSelect;

/** The persona's snapshot fields as stored now (null when it does not exist in the workspace). */
export async function readSnapshot(tx: Tx, workspaceId: string, personaId: string): Promise<PersonaSnapshot | null> {
  const row = await tx.persona.findFirst({ where: { workspaceId, id: personaId }, select: SNAPSHOT_SELECT });
  return row ? toSnapshot(row) : null;
}

const asJson = (v: PersonaSnapshot) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

/**
 * Records the persona's state after a save at `version`. `before` is its state before the save
 * (used for a persona saved for the first time since history began: its earlier state becomes the
 * first revision, so it can be restored).
 */
export async function recordRevision(
  tx: Tx,
  input: {
    workspaceId: string;
    personaId: string;
    actorId: string | null;
    version: number;
    before?: PersonaSnapshot | null;
    restoredFrom?: number;
  },
  now = new Date(),
): Promise<void> {
  const { workspaceId, personaId, actorId, version } = input;
  const after = await readSnapshot(tx, workspaceId, personaId);
  if (!after) return;
  let latest = await tx.personaRevision.findFirst({
    where: { workspaceId, personaId },
    orderBy: [{ version: "desc" }, { createdAt: "desc" }],
    select: { id: true, version: true, snapshot: true, changedFields: true, actorId: true, createdAt: true, restoredFrom: true },
  });
  if (!latest && input.before && version > 1) {
    // History starts with the state the persona had before this save (by whoever saved it last).
    latest = await tx.personaRevision.create({
      data: { workspaceId, personaId, version: version - 1, snapshot: asJson(input.before), actorId: null, createdAt: now },
      select: { id: true, version: true, snapshot: true, changedFields: true, actorId: true, createdAt: true, restoredFrom: true },
    });
  }
  const coalesce =
    latest !== null &&
    input.restoredFrom === undefined &&
    latest.restoredFrom === null &&
    actorId !== null &&
    latest.actorId === actorId &&
    latest.version > 1 &&
    now.getTime() - latest.createdAt.getTime() < REVISION_COALESCE_MINUTES * 60_000;
  if (coalesce && latest) {
    const changed = new Set([...latest.changedFields, ...changedFields(toSnapshot(latest.snapshot), after)]);
    await tx.personaRevision.updateMany({
      where: { workspaceId, id: latest.id },
      data: { version, snapshot: asJson(after), changedFields: SNAPSHOT_FIELDS.filter((f) => changed.has(f)) },
    });
    return;
  }
  await tx.personaRevision.create({
    data: {
      workspaceId,
      personaId,
      version,
      snapshot: asJson(after),
      changedFields: latest ? changedFields(toSnapshot(latest.snapshot), after) : [],
      restoredFrom: input.restoredFrom ?? null,
      actorId,
      createdAt: now,
    },
  });
  const old = await tx.personaRevision.findMany({
    where: { workspaceId, personaId },
    orderBy: [{ version: "desc" }, { createdAt: "desc" }],
    skip: REVISIONS_KEPT,
    select: { id: true },
  });
  if (old.length) await tx.personaRevision.deleteMany({ where: { workspaceId, id: { in: old.map((r) => r.id) } } });
}

// ---------------------------------------------------------------------------------------------
// Reading the history (any member)

/** The persona's revisions, newest first, with who saved each and what it changed. */
export async function listPersonaRevisions(ctx: ServiceContext, personaId: string) {
  authorize(ctx, "workspace.read");
  const persona = await db.persona.findFirst({ where: { workspaceId: ctx.workspaceId, id: personaId }, select: { version: true } });
  if (!persona) throw notFound("That persona");
  const rows = await db.personaRevision.findMany({
    where: { workspaceId: ctx.workspaceId, personaId },
    orderBy: [{ version: "desc" }, { createdAt: "desc" }],
    take: REVISIONS_KEPT,
    select: { id: true, version: true, changedFields: true, restoredFrom: true, actorId: true, createdAt: true, updatedAt: true },
  });
  const names = await userNames(rows.map((r) => r.actorId));
  const revisions = rows.map((r, i) => ({
    id: r.id,
    version: r.version,
    changedFields: r.changedFields,
    restoredFrom: r.restoredFrom,
    created: i === rows.length - 1 && r.version === 1,
    actor: r.actorId ? (names.get(r.actorId) ?? "A former member") : null,
    savedAt: r.updatedAt.toISOString(),
  }));
  /** `version`: the card's version now, which a restore must name. */
  return { version: persona.version, revisions };
}
export type PersonaHistory = Awaited<ReturnType<typeof listPersonaRevisions>>;
export type PersonaRevisionItem = PersonaHistory["revisions"][number];

/** One revision's snapshot and the one before it (null for the first), for the diff and preview. */
export async function getPersonaRevision(ctx: ServiceContext, input: { personaId: string; revisionId: string }) {
  authorize(ctx, "workspace.read");
  const revision = await db.personaRevision.findFirst({
    where: { workspaceId: ctx.workspaceId, personaId: input.personaId, id: input.revisionId },
    select: { id: true, version: true, snapshot: true },
  });
  if (!revision) throw notFound("That version");
  const previous = await db.personaRevision.findFirst({
    where: { workspaceId: ctx.workspaceId, personaId: input.personaId, version: { lt: revision.version } },
    orderBy: [{ version: "desc" }, { createdAt: "desc" }],
    select: { snapshot: true },
  });
  const snapshot = toSnapshot(revision.snapshot);
  const before = previous ? toSnapshot(previous.snapshot) : null;
  const segmentIds = [snapshot.segmentId, before?.segmentId].filter((v): v is string => typeof v === "string");
  const segments = segmentIds.length
    ? await db.segment.findMany({ where: { workspaceId: ctx.workspaceId, id: { in: segmentIds } }, select: { id: true, name: true } })
    : [];
  return { id: revision.id, version: revision.version, snapshot, previous: before, segmentNames: Object.fromEntries(segments.map((s) => [s.id, s.name])) };
}
export type PersonaRevisionDetail = Awaited<ReturnType<typeof getPersonaRevision>>;

/** Display names of users (name, else e-mail). */
export async function userNames(ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((v): v is string => !!v))];
  if (!unique.length) return new Map();
  const users = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, u.name ?? u.email]));
}
