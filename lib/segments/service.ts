import { SEGMENT_NAME_MAX } from "@/lib/segments/store";
import "server-only";
import { db, type Prisma } from "@/lib/db";
import { joinTransaction } from "@/lib/db/join-transaction";
import { withTimedTransactions } from "@/lib/db/statement-timeout";
import { recordAudit } from "@/lib/dal/audit";
import { previewDefinition } from "@/lib/dal/segments";
import { authorize, type ServiceContext } from "@/lib/domain/context";
import { DomainError, type FieldErrors } from "@/lib/errors";
import { SegmentError } from "@/lib/segments/errors";
import { limitPreview, PreviewLimitError } from "@/lib/segments/preview-limit";
import { addStaticMembers, removeStaticMembers, type StaticMembersChange } from "@/lib/segments/static-members";
import {
  archiveSegment as archiveStored,
  createSegment as createStored,
  deleteSegment as deleteStored,
  duplicateSegment as duplicateStored,
  listSegments,
  TX_OPTIONS,
  updateSegment as updateStored,
} from "@/lib/segments/store";

/**
 * Segments: every write is one transaction under the statement time limit, with its audit entry
 * inside it; the engine's errors leave as DomainErrors that keep each problem's field path.
 */
type Tx = Prisma.TransactionClient;

export function toDomainError(error: unknown, renameField: (path: string) => string = (p) => p): unknown {
  if (!(error instanceof SegmentError)) return error;
  if (error.code === "NOT_FOUND") return new DomainError("NOT_FOUND", error.message);
  if (error.code === "STALE_VERSION" || error.code === "IN_USE") return new DomainError("CONFLICT", error.message);
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) (fieldErrors[renameField(issue.path)] ??= []).push(issue.message);
  return new DomainError("VALIDATION", error.message, Object.keys(fieldErrors).length ? fieldErrors : undefined);
}

/** Runs `fn` in one timed transaction; engine errors become DomainErrors. */
async function write<T>(fn: (tx: Tx) => Promise<T>, renameField?: (path: string) => string): Promise<T> {
  try {
    return await withTimedTransactions((client) => client.$transaction(fn, TX_OPTIONS));
  } catch (error) {
    throw toDomainError(error, renameField);
  }
}

export type SegmentFormInput = { name: string; description?: string | null; definition?: unknown; kind?: "DYNAMIC" | "STATIC" };

/**
 * Names are unique in a workspace (case and surrounding spaces ignored): a second "VIPs" would be
 * indistinguishable in the builder, the lists and the exports. Checked inside the save's transaction.
 */
async function assertNameFree(tx: Tx, workspaceId: string, name: unknown, exceptId?: string): Promise<void> {
  if (typeof name !== "string" || name.trim() === "") return; // the schema reports a missing name
  const taken = await tx.segment.findFirst({
    where: { workspaceId, name: { equals: name.trim(), mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { archivedAt: true },
  });
  if (taken)
    throw new DomainError("VALIDATION", "Please choose another name.", {
      name: [`A segment named “${name.trim()}” already exists${taken.archivedAt ? " (archived)" : ""}. Choose another name.`],
    });
}

/** "VIPs (copy)", or "VIPs (copy 2)", … when that is taken. */
async function freeCopyName(tx: Tx, workspaceId: string, name: string): Promise<string> {
  const base = name.slice(0, SEGMENT_NAME_MAX - 12);
  const taken = new Set(
    (await tx.segment.findMany({ where: { workspaceId, name: { startsWith: base, mode: "insensitive" } }, select: { name: true } })).map((s) => s.name.toLowerCase()),
  );
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
  return `${base} (copy ${Date.now()})`;
}

export async function createSegment(ctx: ServiceContext, input: SegmentFormInput) {
  authorize(ctx, "segments.write");
  return write(async (tx) => {
    await assertNameFree(tx, ctx.workspaceId, input.name);
    const { segment, size } = await createStored(joinTransaction(tx), ctx.workspaceId, { ...input, actorId: ctx.actor.id });
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      {
        action: "segment.created",
        targetType: "segment",
        targetId: segment.id,
        metadata: { name: segment.name, size, ...(segment.kind === "STATIC" ? { kind: "STATIC" } : {}) },
      },
      tx,
    );
    return { id: segment.id, size };
  });
}

export type SegmentUpdateInput = {
  id: string;
  expectedVersion: number;
  name: string;
  description?: string | null;
  definition?: unknown;
};

export async function updateSegment(ctx: ServiceContext, input: SegmentUpdateInput) {
  authorize(ctx, "segments.write");
  return write(async (tx) => {
    await assertNameFree(tx, ctx.workspaceId, input.name, input.id);
    const { segment, size } = await updateStored(joinTransaction(tx), ctx.workspaceId, input.id, {
      expectedVersion: input.expectedVersion,
      name: input.name,
      description: input.description ?? null,
      definition: input.definition,
      actorId: ctx.actor.id,
    });
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      { action: "segment.updated", targetType: "segment", targetId: segment.id, metadata: { name: segment.name, version: segment.version, size } },
      tx,
    );
    return { id: segment.id, version: segment.version, size };
  });
}

export async function duplicateSegment(ctx: ServiceContext, id: string) {
  authorize(ctx, "segments.write");
  return write(async (tx) => {
    const source = await tx.segment.findFirst({ where: { workspaceId: ctx.workspaceId, id }, select: { name: true } });
    const name = source ? await freeCopyName(tx, ctx.workspaceId, source.name) : undefined;
    const { segment, size } = await duplicateStored(joinTransaction(tx), ctx.workspaceId, id, { actorId: ctx.actor.id, name });
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      { action: "segment.duplicated", targetType: "segment", targetId: segment.id, metadata: { name: segment.name, from: id } },
      tx,
    );
    return { id: segment.id, size };
  });
}

export async function archiveSegment(ctx: ServiceContext, id: string, archived: boolean) {
  authorize(ctx, "segments.write");
  return write(async (tx) => {
    const segment = await archiveStored(tx, ctx.workspaceId, id, { archived, actorId: ctx.actor.id });
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      { action: archived ? "segment.archived" : "segment.restored", targetType: "segment", targetId: id, metadata: { name: segment.name } },
      tx,
    );
    return { archived };
  });
}

export async function deleteSegment(ctx: ServiceContext, id: string) {
  authorize(ctx, "segments.write");
  return write(async (tx) => {
    const existing = await tx.segment.findFirst({ where: { workspaceId: ctx.workspaceId, id }, select: { name: true } });
    await deleteStored(joinTransaction(tx), ctx.workspaceId, id);
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      { action: "segment.deleted", targetType: "segment", targetId: id, metadata: { name: existing?.name ?? "" } },
      tx,
    );
    return { deleted: true };
  });
}

/**
 * Live count and a few members for the builder, without saving anything. Rate-limited per user and
 * bounded per workspace (lib/segments/preview-limit.ts), and run under the statement time limit.
 */
export async function previewSegment(ctx: ServiceContext, input: { definition: unknown; selfId?: string }) {
  authorize(ctx, "workspace.read");
  try {
    return await limitPreview(ctx.workspaceId, ctx.actor.id, () => previewDefinition(ctx.workspaceId, input.definition, input.selfId));
  } catch (error) {
    if (error instanceof PreviewLimitError) throw new DomainError("RATE_LIMITED", error.message);
    throw toDomainError(error);
  }
}

const plural = (n: number) => `${n} ${n === 1 ? "customer" : "customers"}`;
const newSegmentField = (path: string) => (path === "name" ? "newSegmentName" : path);

/** Runs one membership change, its audit entries and its snapshot in one transaction. */
async function changeMembers(
  ctx: ServiceContext,
  apply: (tx: Tx) => Promise<StaticMembersChange>,
  action: "segment.members_added" | "segment.members_removed",
): Promise<StaticMembersChange> {
  authorize(ctx, "segments.write");
  return write(async (tx) => {
    const done = await apply(tx);
    if (done.created)
      await recordAudit(
        ctx.workspaceId,
        ctx.actor,
        { action: "segment.created", targetType: "segment", targetId: done.segment.id, metadata: { name: done.segment.name, kind: "STATIC" } },
        tx,
      );
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      {
        action,
        targetType: "segment",
        targetId: done.segment.id,
        metadata: { name: done.segment.name, count: done.changed, selected: done.requested, size: done.size },
      },
      tx,
    );
    return done;
  }, newSegmentField);
}

export type AddMembersInput = { segmentId?: string; newSegmentName?: string; customerIds: number[] };

/** Adds customers to a static segment, or to a new static segment named `newSegmentName`. */
export async function addToStaticSegment(ctx: ServiceContext, input: AddMembersInput) {
  const target = input.newSegmentName !== undefined ? { newSegmentName: input.newSegmentName } : { segmentId: input.segmentId ?? "" };
  const result = await changeMembers(
    ctx,
    async (tx) => {
      if (input.newSegmentName !== undefined) {
        try {
          await assertNameFree(tx, ctx.workspaceId, input.newSegmentName);
        } catch (error) {
          // The form's field for a new list's name is `newSegmentName`.
          if (error instanceof DomainError && error.fieldErrors?.name) throw new DomainError("VALIDATION", error.message, { newSegmentName: error.fieldErrors.name });
          throw error;
        }
      }
      return addStaticMembers(tx, ctx.workspaceId, target, input.customerIds, { actorId: ctx.actor.id });
    },
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
}

/** Removes customers from a static segment. */
export async function removeFromStaticSegment(ctx: ServiceContext, input: { segmentId: string; customerIds: number[] }) {
  const result = await changeMembers(
    ctx,
    (tx) => removeStaticMembers(tx, ctx.workspaceId, input.segmentId, input.customerIds, { actorId: ctx.actor.id }),
    "segment.members_removed",
  );
  return {
    segmentId: result.segment.id,
    removed: result.changed,
    size: result.size,
    message: `${plural(result.changed)} removed from “${result.segment.name}”`,
  };
}

/** The static segments that can take members (not archived), by name. */
export async function staticSegmentChoices(workspaceId: string) {
  const segments = await listSegments(db, workspaceId);
  return segments
    .filter((s) => s.kind === "STATIC")
    .map((s) => ({ id: s.id, name: s.name, size: s.lastSize ?? 0 }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
