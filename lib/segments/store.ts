import "server-only";
/**
 * Saved segments: tenant-scoped data access. Every function takes `(db, workspaceId, …)` and only
 * ever reads or writes rows of that workspace. Writes that touch several rows run in one
 * transaction; every create / update / duplicate records a size snapshot in the same transaction.
 *
 * Errors are SegmentError: VALIDATION (with issues by path), NOT_FOUND, STALE_VERSION (someone
 * else saved first; nothing was written) and IN_USE (delete refused, naming the users).
 *
 * Every save rewrites the segment's reference rows in its transaction (references.ts): “in use
 * by …”, the refusal to delete, the cycle check and the size limit of the segments and personas
 * that refer to a changed segment read them.
 *
 * A STATIC segment has no rules: it stores the empty definition, and its members are the customers
 * added to it by hand (`SegmentMember`, see static-members.ts). Read back, its `definition` is
 * “is in this segment” (`staticSegmentDefinition`), so counts, member lists, exports, filters and
 * matches evaluate it like any other segment.
 */
import type { Prisma, PrismaClient, SegmentKind } from "@/lib/generated/prisma/client";
import { buildCatalog } from "@/lib/segments/catalog";
import { countSegment } from "@/lib/segments/queries";
import { loadTraitDefinitions } from "@/lib/segments/traits";
import { createContext, createReferenceLoader, loadContext } from "@/lib/segments/context";
import {
  definitionSchema,
  emptyDefinition,
  isEmptyDefinition,
  staticSegmentDefinition,
  type SegmentDefinition,
} from "@/lib/segments/definition";
import { SegmentError } from "@/lib/segments/errors";
import { lifecycleThresholdsFromSettings } from "@/lib/analytics/lifecycle";
import { assertDependantsWithinLimit } from "@/lib/segments/limits";
import { assertValidDefinition, validateStructure } from "@/lib/segments/validate";
import {
  assertNoReferenceCycle,
  describeUsages,
  findUsages,
  hasUsages,
  isReferenceViolation,
  syncReferences,
  type Usages,
} from "@/lib/segments/references";

type Tx = Prisma.TransactionClient;

/** Large workspaces take a while to count; the snapshot is part of the save. */
export const TX_OPTIONS = { maxWait: 10_000, timeout: 120_000 } as const;

export const SEGMENT_NAME_MAX = 120;
export const SEGMENT_DESCRIPTION_MAX = 2000;

export type SavedSegment = {
  id: string;
  name: string;
  description: string | null;
  kind: SegmentKind;
  /**
   * What selects the members: a dynamic segment's rules; for a static segment “is in this segment”
   * (its hand-picked members).
   */
  definition: SegmentDefinition;
  version: number;
  archivedAt: Date | null;
  createdById: string | null;
  updatedById: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type SavedSegmentWithSize = { segment: SavedSegment; size: number };

const SELECT = {
  id: true,
  name: true,
  description: true,
  kind: true,
  definition: true,
  version: true,
  archivedAt: true,
  createdById: true,
  updatedById: true,
  createdAt: true,
  updatedAt: true,
} as const;

type Row = Omit<SavedSegment, "definition"> & { definition: unknown };

function toSaved(row: Row): SavedSegment {
  if (row.kind === "STATIC") return { ...row, definition: staticSegmentDefinition(row.id) };
  const parsed = definitionSchema.safeParse(row.definition);
  if (!parsed.success)
    throw new SegmentError("VALIDATION", `Segment “${row.name}” has a definition that can no longer be read.`);
  return { ...row, definition: parsed.data };
}

function cleanName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new SegmentError("VALIDATION", "Give the segment a name.", [{ path: "name", message: "Give the segment a name." }]);
  if (trimmed.length > SEGMENT_NAME_MAX) {
    const message = `Use at most ${SEGMENT_NAME_MAX} characters.`;
    throw new SegmentError("VALIDATION", message, [{ path: "name", message }]);
  }
  return trimmed;
}

function cleanDescription(description: string | null | undefined): string | null {
  const trimmed = description?.trim() ?? "";
  if (trimmed.length > SEGMENT_DESCRIPTION_MAX) {
    const message = `Use at most ${SEGMENT_DESCRIPTION_MAX} characters.`;
    throw new SegmentError("VALIDATION", message, [{ path: "description", message }]);
  }
  return trimmed || null;
}

const notFound = () => new SegmentError("NOT_FOUND", "That segment could not be found in this workspace.");

type Validated = Awaited<ReturnType<typeof validateFor>>;

/** A static segment takes no rules: only a missing or empty definition is accepted. */
function assertNoRules(definition: unknown): void {
  if (definition === undefined) return;
  const parsed = definitionSchema.safeParse(definition);
  if (parsed.success && isEmptyDefinition(parsed.data)) return;
  const message = "A static segment has no rules: its members are the customers added to it by hand.";
  throw new SegmentError("VALIDATION", message, [{ path: "definition", message }]);
}

async function validateFor(tx: Tx, workspaceId: string, definition: unknown, selfId?: string, options: { checkCycles?: boolean } = {}) {
  const traits = await loadTraitDefinitions(tx, workspaceId);
  const catalog = buildCatalog(traits);
  if (selfId && options.checkCycles) {
    // New rules for a saved segment: would they close a cycle through the saved references?
    const structural = validateStructure(definition, catalog);
    if (structural.ok) await assertNoReferenceCycle(tx, workspaceId, { type: "SEGMENT", id: selfId }, structural.definition);
  }
  const { definition: valid, references } = await assertValidDefinition(definition, {
    catalog,
    loader: createReferenceLoader(tx, workspaceId),
    selfId,
    selfKind: "segment",
  });
  return { definition: valid, references, catalog };
}

/**
 * Counts the segment now and records a size snapshot, in the caller's transaction. A dynamic
 * segment is counted by the rules just validated (`validated`, which carries their references and
 * catalog); a static one by its hand-picked members.
 */
async function snapshot(
  tx: Tx,
  workspaceId: string,
  segment: { id: string; kind: SegmentKind },
  validated: Validated | null,
  now: Date,
): Promise<number> {
  let size: number;
  if (segment.kind === "STATIC") {
    const definition = staticSegmentDefinition(segment.id);
    size = await countSegment(tx, workspaceId, definition, await loadContext(tx, workspaceId, [definition], { now }));
  } else {
    if (!validated) throw new Error("A dynamic segment is counted by its validated rules.");
    const workspace = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { settings: true } });
    const { references, catalog } = validated;
    const ctx = createContext({ now, references, catalog, lifecycle: lifecycleThresholdsFromSettings(workspace?.settings ?? {}) });
    size = await countSegment(tx, workspaceId, validated.definition, ctx);
  }
  await tx.segmentSnapshot.create({ data: { workspaceId, segmentId: segment.id, size, takenAt: now } });
  return size;
}

// ---------------------------------------------------------------------------------------------
// reads

export async function getSegment(db: PrismaClient | Tx, workspaceId: string, id: string): Promise<SavedSegment> {
  const row = await db.segment.findFirst({ where: { workspaceId, id }, select: SELECT });
  if (!row) throw notFound();
  return toSaved(row);
}

export type SegmentListItem = Omit<SavedSegment, "definition"> & { lastSize: number | null; lastSizeAt: Date | null };

/** The workspace's segments, most recently updated first, with their latest snapshot. */
export async function listSegments(
  db: PrismaClient | Tx,
  workspaceId: string,
  options: { includeArchived?: boolean } = {},
): Promise<SegmentListItem[]> {
  const rows = await db.segment.findMany({
    where: { workspaceId, ...(options.includeArchived ? {} : { archivedAt: null }) },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    select: {
      ...SELECT,
      definition: false,
      snapshots: { orderBy: { takenAt: "desc" }, take: 1, select: { size: true, takenAt: true } },
    },
  });
  return rows.map(({ snapshots, ...row }) => ({
    ...row,
    lastSize: snapshots[0]?.size ?? null,
    lastSizeAt: snapshots[0]?.takenAt ?? null,
  }));
}

// ---------------------------------------------------------------------------------------------
// writes

export type CreateSegmentInput = {
  name: string;
  description?: string | null;
  /** The rules of a dynamic segment; a static segment takes none (missing or empty). */
  definition?: unknown;
  kind?: SegmentKind;
  actorId?: string | null;
};

export async function createSegment(
  db: PrismaClient,
  workspaceId: string,
  input: CreateSegmentInput,
  options: { now?: Date } = {},
): Promise<SavedSegmentWithSize> {
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const { segment, validated } = await insertSegment(tx, workspaceId, input);
    const size = await snapshot(tx, workspaceId, segment, validated, now);
    return { segment, size };
  }, TX_OPTIONS);
}

/**
 * Creates a static segment in the caller's transaction, without a snapshot: the caller adds its
 * first members, then records one (`snapshotSegment`).
 */
export async function createStaticSegment(
  tx: Tx,
  workspaceId: string,
  input: { name: string; description?: string | null; actorId?: string | null },
): Promise<SavedSegment> {
  return (await insertSegment(tx, workspaceId, { ...input, kind: "STATIC" })).segment;
}

/** Validates and inserts a segment (a static one with the empty definition); no snapshot. */
async function insertSegment(
  tx: Tx,
  workspaceId: string,
  input: CreateSegmentInput,
): Promise<{ segment: SavedSegment; validated: Validated | null }> {
  const name = cleanName(input.name);
  const description = cleanDescription(input.description);
  const kind = input.kind ?? "DYNAMIC";
  if (kind === "STATIC") assertNoRules(input.definition);
  const validated = kind === "STATIC" ? null : await validateFor(tx, workspaceId, input.definition);
  const row = await tx.segment.create({
    data: {
      workspaceId,
      name,
      description,
      kind,
      definition: (validated?.definition ?? emptyDefinition()) as Prisma.InputJsonValue,
      createdById: input.actorId ?? null,
      updatedById: input.actorId ?? null,
    },
    select: SELECT,
  });
  await syncReferences(tx, workspaceId, { type: "SEGMENT", id: row.id, definition: validated?.definition ?? null });
  return { segment: toSaved(row), validated };
}

export type UpdateSegmentInput = {
  /** The version the edit was based on; a save based on an older version is refused. */
  expectedVersion: number;
  name?: string;
  description?: string | null;
  /** New rules (dynamic segments only; a static segment accepts only a missing or empty one). */
  definition?: unknown;
  actorId?: string | null;
};

export async function updateSegment(
  db: PrismaClient,
  workspaceId: string,
  id: string,
  input: UpdateSegmentInput,
  options: { now?: Date } = {},
): Promise<SavedSegmentWithSize> {
  const name = input.name === undefined ? undefined : cleanName(input.name);
  const description = input.description === undefined ? undefined : cleanDescription(input.description);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const current = await tx.segment.findFirst({ where: { workspaceId, id }, select: { version: true, kind: true, definition: true } });
    if (!current) throw notFound();
    if (current.kind === "STATIC") assertNoRules(input.definition);
    const validated =
      current.kind === "STATIC"
        ? null
        : await validateFor(tx, workspaceId, input.definition ?? current.definition, id, { checkCycles: input.definition !== undefined });
    // New rules may push a segment or persona that refers to this one past the size limit.
    if (validated && input.definition !== undefined) await assertDependantsWithinLimit(tx, workspaceId, id, validated.definition);
    // The version check and the write are one statement: of two concurrent saves of version n,
    // exactly one matches `version = n`.
    const updated = await tx.segment.updateMany({
      where: { workspaceId, id, version: input.expectedVersion },
      data: {
        ...(name === undefined ? {} : { name }),
        ...(description === undefined ? {} : { description }),
        ...(input.definition === undefined || !validated ? {} : { definition: validated.definition as Prisma.InputJsonValue }),
        updatedById: input.actorId ?? null,
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) throw stale(input.expectedVersion, current.version);
    if (validated && input.definition !== undefined)
      await syncReferences(tx, workspaceId, { type: "SEGMENT", id, definition: validated.definition });
    const row = await tx.segment.findFirst({ where: { workspaceId, id }, select: SELECT });
    if (!row) throw notFound();
    const size = await snapshot(tx, workspaceId, row, validated, now);
    return { segment: toSaved(row), size };
  }, TX_OPTIONS);
}

function stale(expected: number, current: number): SegmentError {
  return new SegmentError(
    "STALE_VERSION",
    `Someone else saved this segment after you opened it (you edited version ${expected}; it is now at version ${Math.max(current, expected + 1)}). Your changes were not saved: reload the segment to see theirs, then apply yours again.`,
  );
}

/** A copy of a segment: a dynamic one's rules, or a static one's members. */
export async function duplicateSegment(
  db: PrismaClient,
  workspaceId: string,
  id: string,
  input: { name?: string; actorId?: string | null } = {},
  options: { now?: Date } = {},
): Promise<SavedSegmentWithSize> {
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const source = await getSegment(tx, workspaceId, id);
    const { segment, validated } = await insertSegment(tx, workspaceId, {
      name: input.name ?? `${source.name} (copy)`.slice(0, SEGMENT_NAME_MAX),
      description: source.description,
      definition: source.kind === "STATIC" ? undefined : source.definition,
      kind: source.kind,
      actorId: input.actorId,
    });
    if (source.kind === "STATIC") {
      const members = await tx.segmentMember.findMany({ where: { workspaceId, segmentId: source.id }, select: { customerId: true } });
      await tx.segmentMember.createMany({
        data: members.map(({ customerId }) => ({ workspaceId, segmentId: segment.id, customerId, addedById: input.actorId ?? null, addedAt: now })),
      });
    }
    const size = await snapshot(tx, workspaceId, segment, validated, now);
    return { segment, size };
  }, TX_OPTIONS);
}

/** Archives (or, with `archived: false`, restores) a segment. */
export async function archiveSegment(
  db: PrismaClient | Tx,
  workspaceId: string,
  id: string,
  input: { archived?: boolean; actorId?: string | null } = {},
  options: { now?: Date } = {},
): Promise<SavedSegment> {
  const archived = input.archived ?? true;
  const result = await db.segment.updateMany({
    where: { workspaceId, id },
    data: { archivedAt: archived ? (options.now ?? new Date()) : null, updatedById: input.actorId ?? null },
  });
  if (result.count === 0) throw notFound();
  return getSegment(db, workspaceId, id);
}

export const unarchiveSegment = (db: PrismaClient | Tx, workspaceId: string, id: string, input: { actorId?: string | null } = {}) =>
  archiveSegment(db, workspaceId, id, { archived: false, actorId: input.actorId });

export type SegmentUsages = Usages;

/** Segments, personas and targeting strategies of the workspace that use segment `id` (from the reference rows). */
export async function findSegmentUsages(db: PrismaClient | Tx, workspaceId: string, id: string): Promise<SegmentUsages> {
  return findUsages(db, workspaceId, { type: "SEGMENT", id });
}

/** Deletes a segment, refused while another segment, a persona or a strategy uses it. */
export async function deleteSegment(db: PrismaClient, workspaceId: string, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const segment = await tx.segment.findFirst({ where: { workspaceId, id }, select: { name: true } });
    if (!segment) throw notFound();
    const usages = await findSegmentUsages(tx, workspaceId, id);
    const refuse = (by: string) =>
      new SegmentError("IN_USE", `“${segment.name}” can't be deleted: it is used by ${by}. Remove it from there first, or archive it instead.`);
    if (hasUsages(usages)) throw refuse(describeUsages(usages));
    try {
      await tx.segment.deleteMany({ where: { workspaceId, id } });
    } catch (error) {
      // A reference saved since the check above: the foreign keys refuse the delete.
      if (isReferenceViolation(error)) throw refuse("a definition saved just now");
      throw error;
    }
  }, TX_OPTIONS);
}

/** Records the current size of a saved segment (for scheduled refreshes). */
export async function recordSegmentSnapshot(
  db: PrismaClient,
  workspaceId: string,
  id: string,
  options: { now?: Date } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  return db.$transaction((tx) => snapshotSegment(tx, workspaceId, id, now), TX_OPTIONS);
}

/** Records the current size of a saved segment in the caller's transaction. */
export async function snapshotSegment(tx: Tx, workspaceId: string, id: string, now: Date): Promise<number> {
  const row = await tx.segment.findFirst({ where: { workspaceId, id }, select: { id: true, kind: true, definition: true } });
  if (!row) throw notFound();
  const validated = row.kind === "STATIC" ? null : await validateFor(tx, workspaceId, row.definition, id);
  return snapshot(tx, workspaceId, row, validated, now);
}
