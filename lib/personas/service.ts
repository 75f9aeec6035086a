import "server-only";
import type { z } from "zod";
import { Prisma } from "@/lib/db";
import { withTimedTransactions } from "@/lib/db/statement-timeout";
import { recordAudit } from "@/lib/dal/audit";
import { listWritableWorkspaces } from "@/lib/dal/workspaces";
import { findPersona, readDefinition } from "@/lib/dal/personas";
import { authorize, parseInput, type ServiceContext } from "@/lib/domain/context";
import { DomainError, notFound } from "@/lib/errors";
import { computeEvidence, personaDefinition, snapshotOf } from "@/lib/personas/evidence";
import { draftFromProfile, draftSection } from "@/lib/personas/draft";
import { computeSegmentProfile } from "@/lib/personas/draft-profile";
import { changedFields, CARD_FIELDS, toSnapshot } from "@/lib/personas/fields";
import { readSnapshot, recordRevision } from "@/lib/personas/history";
import { processPhoto } from "@/lib/personas/photo";
import { directReferences, isEmptyDefinition, type SegmentDefinition } from "@/lib/segments/definition";
import { SegmentError } from "@/lib/segments/errors";
import { loadEvaluationContext, prepare } from "@/lib/segments/evaluate";
import { assertNoReferenceCycle, findUsages, describeUsages, hasUsages, isReferenceViolation, syncReferences } from "@/lib/segments/references";
import { toDomainError } from "@/lib/segments/service";
import {
  createPersonaSchema,
  DEFAULT_PERSONALITY,
  updatePersonaSchema,
  type CreatePersonaInput,
  type UpdatePersonaInput,
} from "@/lib/validations/persona";

/**
 * Personas: one function per operation. Each checks the permission, runs in one transaction under
 * the statement time limit with its audit entry inside it, rewrites the persona's reference rows
 * (`syncReferences`: its rules' references and its linked segment) in that transaction, and
 * throws DomainErrors. Card saves carry the version they were based on; a stale one is refused
 * with CONFLICT, so no one's edit is silently overwritten.
 */
type Tx = Prisma.TransactionClient;

/** Runs `fn` in one timed transaction; engine errors become DomainErrors on the "definition" field. */
async function write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await withTimedTransactions((client) => client.$transaction(fn));
  } catch (error) {
    if (isReferenceViolation(error)) throw new DomainError("CONFLICT", "Something this persona refers to was just deleted. Reload the page.");
    throw toDomainError(error, (path) => (path === "" ? "definition" : path.startsWith("root") ? `definition.${path}` : path));
  }
}

const parse = parseInput;

/**
 * Validates the rules (catalog, references, limits) and refuses a reference cycle through them or
 * the linked segment. Returns the rules to store: null for none (or an empty group).
 */
async function validateGrounding(
  tx: Tx,
  workspaceId: string,
  personaId: string,
  definition: unknown,
  segmentId: string | null,
): Promise<SegmentDefinition | null> {
  if (segmentId && !(await tx.segment.findFirst({ where: { workspaceId, id: segmentId }, select: { id: true } })))
    throw new DomainError("VALIDATION", "That segment does not exist in this workspace (it may have been deleted).", {
      segmentId: ["Choose a segment of this workspace."],
    });
  let rules: SegmentDefinition | null = null;
  if (definition !== null && definition !== undefined) {
    const context = await loadEvaluationContext(tx, workspaceId);
    rules = (await prepare(workspaceId, definition, context)).definition;
    if (isEmptyDefinition(rules)) rules = null;
  }
  const whole = personaDefinition({ definition: rules, segmentId });
  if (whole) await assertNoReferenceCycle(tx, workspaceId, { type: "PERSONA", id: personaId }, whole);
  return rules;
}

const json = (v: unknown) => v as Prisma.InputJsonValue;

export async function createPersona(ctx: ServiceContext, input: CreatePersonaInput) {
  authorize(ctx, "personas.write");
  const data = parse(createPersonaSchema, input);
  return write(async (tx) => {
    const row = await insertPersona(tx, ctx, data);
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      { action: "persona.created", targetType: "persona", targetId: row.id, metadata: { name: row.name, negative: row.isNegative } },
      tx,
    );
    return { id: row.id, version: 1 };
  });
}

/** Inserts a parsed new persona with its grounding and reference rows (the caller audits; also used by upload/service.ts). */
export async function insertPersona(tx: Tx, ctx: ServiceContext, data: z.infer<typeof createPersonaSchema>) {
  const { definition, segmentId, personality, sections, ...card } = data;
  const row = await tx.persona.create({
    data: {
      ...card,
      workspaceId: ctx.workspaceId,
      personality: json(personality ?? DEFAULT_PERSONALITY),
      sections: json(sections ?? []),
      createdById: ctx.actor.id,
      updatedById: ctx.actor.id,
    },
    select: { id: true, name: true, isNegative: true },
  });
  const rules = await validateGrounding(tx, ctx.workspaceId, row.id, definition, segmentId ?? null);
  if (rules || segmentId)
    await tx.persona.updateMany({
      where: { workspaceId: ctx.workspaceId, id: row.id },
      data: { definition: rules ? json(rules) : Prisma.DbNull, segmentId: segmentId ?? null },
    });
  await syncReferences(tx, ctx.workspaceId, { type: "PERSONA", id: row.id, definition: rules, segmentId: segmentId ?? null });
  await recordRevision(tx, { workspaceId: ctx.workspaceId, personaId: row.id, actorId: ctx.actor.id, version: 1 });
  return row;
}

/**
 * "New persona from segment": computes the segment's profile, drafts the card from it
 * (draftFromProfile), and creates the persona linked to the segment, with the explanations kept in
 * a free section "How this draft was made". Refused for an archived or empty segment.
 */
export async function draftPersonaFromSegment(ctx: ServiceContext, input: { segmentId: string; negative?: boolean; name?: string }, now = new Date()) {
  authorize(ctx, "personas.write");
  return write(async (tx) => {
    const segment = await tx.segment.findFirst({
      where: { workspaceId: ctx.workspaceId, id: input.segmentId },
      select: { id: true, name: true, archivedAt: true },
    });
    if (!segment) throw notFound("That segment");
    if (segment.archivedAt) throw new DomainError("BAD_REQUEST", "This segment is archived. Restore it to draft a persona from it.");
    const definition = personaDefinition({ definition: null, segmentId: segment.id })!;
    const context = await loadEvaluationContext(tx, ctx.workspaceId, { now });
    const profile = await computeSegmentProfile(tx, ctx.workspaceId, segment.name, definition, context);
    const draft = draftFromProfile(profile);
    const data = parse(createPersonaSchema, {
      name: (input.name ?? `${segment.name} persona`).slice(0, 120),
      isNegative: input.negative ?? false,
      segmentId: segment.id,
      ...draft.card,
      sections: [draftSection(profile, draft)],
    });
    const row = await insertPersona(tx, ctx, data);
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      {
        action: "persona.drafted",
        targetType: "persona",
        targetId: row.id,
        metadata: { name: row.name, negative: row.isNegative, segmentId: segment.id, segment: segment.name, members: profile.members, fields: Object.keys(draft.card).sort() },
      },
      tx,
    );
    return { id: row.id, version: 1, fields: Object.keys(draft.card).sort() };
  });
}

/**
 * Saves the fields given (the card's text and lists, its rules and/or linked segment). Refused with
 * CONFLICT when the persona is no longer at `expectedVersion`: someone else saved in between. The
 * new state is recorded in the persona's history (lib/personas/history.ts) in the same transaction.
 */
export async function updatePersona(ctx: ServiceContext, input: UpdatePersonaInput) {
  authorize(ctx, "personas.write");
  const data = parse(updatePersonaSchema, input);
  return write(async (tx) => {
    const { version, name, fields } = await applyUpdate(tx, ctx, data);
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      { action: "persona.updated", targetType: "persona", targetId: data.id, metadata: { name, version, fields } },
      tx,
    );
    return { id: data.id, version };
  });
}

/** The update itself, in the caller's transaction: version check, write, references, history. */
async function applyUpdate(tx: Tx, ctx: ServiceContext, data: z.infer<typeof updatePersonaSchema>, restoredFrom?: number) {
  const { id, expectedVersion, definition, segmentId, personality, sections, ...card } = data;
  const current = await tx.persona.findFirst({
    where: { workspaceId: ctx.workspaceId, id },
    select: { version: true, definition: true, segmentId: true, name: true },
  });
  if (!current) throw notFound("That persona");
  if (current.version !== expectedVersion) throw stale(expectedVersion, current.version);
  const before = (await tx.personaRevision.findFirst({ where: { workspaceId: ctx.workspaceId, personaId: id }, select: { id: true } }))
    ? null
    : await readSnapshot(tx, ctx.workspaceId, id);
  const groundingChanged = definition !== undefined || segmentId !== undefined;
  const nextSegment = segmentId !== undefined ? segmentId : current.segmentId;
  const rules = groundingChanged
    ? await validateGrounding(tx, ctx.workspaceId, id, definition !== undefined ? definition : current.definition, nextSegment)
    : readDefinition(current.definition);
  // The version check and the write are one statement: of two saves of version n, one wins.
  const updated = await tx.persona.updateMany({
    where: { workspaceId: ctx.workspaceId, id, version: expectedVersion },
    data: {
      ...card,
      ...(personality !== undefined ? { personality: json(personality) } : {}),
      ...(sections !== undefined ? { sections: json(sections) } : {}),
      ...(groundingChanged ? { definition: rules ? json(rules) : Prisma.DbNull, segmentId: nextSegment } : {}),
      updatedById: ctx.actor.id,
      version: { increment: 1 },
    },
  });
  if (updated.count === 0) throw stale(expectedVersion, expectedVersion + 1);
  await syncReferences(tx, ctx.workspaceId, { type: "PERSONA", id, definition: rules, segmentId: nextSegment });
  const version = expectedVersion + 1;
  await recordRevision(tx, { workspaceId: ctx.workspaceId, personaId: id, actorId: ctx.actor.id, version, before, restoredFrom });
  const fields = Object.keys(card)
    .concat(personality !== undefined ? ["personality"] : [], sections !== undefined ? ["sections"] : [], groundingChanged ? ["rules"] : [])
    .sort();
  return { version, name: card.name ?? current.name, fields };
}

/**
 * "Restore this version": saves the revision's card fields and rules as a new version, through the
 * same checks as a save (refused with CONFLICT when the card moved on from `expectedVersion`). The
 * rules are saved again only when they differ from the current ones (they are validated then: a
 * segment deleted since makes the restore fail with the engine's message). Fields the revision
 * does not hold (added to the card later) are left as they are.
 */
export async function restorePersonaRevision(ctx: ServiceContext, input: { personaId: string; revisionId: string; expectedVersion: number }) {
  authorize(ctx, "personas.write");
  return write(async (tx) => {
    const revision = await tx.personaRevision.findFirst({
      where: { workspaceId: ctx.workspaceId, personaId: input.personaId, id: input.revisionId },
      select: { version: true, snapshot: true },
    });
    if (!revision) throw notFound("That version");
    const snapshot = toSnapshot(revision.snapshot);
    const current = await readSnapshot(tx, ctx.workspaceId, input.personaId);
    if (!current) throw notFound("That persona");
    const patch: Record<string, unknown> = { id: input.personaId, expectedVersion: input.expectedVersion };
    for (const field of CARD_FIELDS) if (field in snapshot) patch[field] = snapshot[field];
    if (changedFields({ definition: current.definition, segmentId: current.segmentId }, { definition: snapshot.definition, segmentId: snapshot.segmentId }).length) {
      patch.definition = snapshot.definition ?? null;
      patch.segmentId = snapshot.segmentId ?? null;
    }
    const { version, name } = await applyUpdate(tx, ctx, parse(updatePersonaSchema, patch), revision.version);
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      { action: "persona.restored", targetType: "persona", targetId: input.personaId, metadata: { name, version, restoredFrom: revision.version } },
      tx,
    );
    return { id: input.personaId, version, restoredFrom: revision.version };
  });
}

function stale(expected: number, current: number): DomainError {
  return new DomainError(
    "CONFLICT",
    `Someone else saved this persona after you opened it (you edited version ${expected}; it is now at version ${Math.max(current, expected + 1)}).`,
  );
}

/** The card as stored now: what an editor whose save was refused is shown. */
export async function getPersona(ctx: ServiceContext, id: string) {
  authorize(ctx, "workspace.read");
  const found = await findPersona(ctx.workspaceId, id);
  if (!found) throw notFound("That persona");
  return found.card;
}

export async function deletePersona(ctx: ServiceContext, id: string) {
  authorize(ctx, "personas.write");
  return write(async (tx) => {
    const existing = await tx.persona.findFirst({ where: { workspaceId: ctx.workspaceId, id }, select: { name: true } });
    if (!existing) throw notFound("That persona");
    const usages = await findUsages(tx, ctx.workspaceId, { type: "PERSONA", id });
    if (hasUsages(usages)) throw new DomainError("CONFLICT", `This persona is used by ${describeUsages(usages)}. Remove those references first.`);
    await tx.persona.deleteMany({ where: { workspaceId: ctx.workspaceId, id } });
    await recordAudit(ctx.workspaceId, ctx.actor, { action: "persona.deleted", targetType: "persona", targetId: id, metadata: { name: existing.name } }, tx);
    return { deleted: true };
  });
}

/**
 * "Mark reviewed": stores the evidence as it is now, so later changes show as drift. Does not
 * change the card's version (an editor with the card open keeps saving).
 */
export async function markPersonaReviewed(ctx: ServiceContext, id: string, now = new Date()) {
  authorize(ctx, "personas.write");
  return write(async (tx) => {
    const row = await tx.persona.findFirst({ where: { workspaceId: ctx.workspaceId, id }, select: { name: true, definition: true, segmentId: true } });
    if (!row) throw notFound("That persona");
    const definition = personaDefinition({ definition: readDefinition(row.definition), segmentId: row.segmentId });
    if (!definition) throw new DomainError("BAD_REQUEST", "Ground this persona in data first: add rules or link a segment.");
    const evidence = await computeEvidence(tx, ctx.workspaceId, definition, await loadEvaluationContext(tx, ctx.workspaceId, { now }));
    const snapshot = snapshotOf(evidence);
    await tx.persona.updateMany({
      where: { workspaceId: ctx.workspaceId, id },
      data: { reviewedAt: now, reviewedSnapshot: json(snapshot), reviewedById: ctx.actor.id },
    });
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      { action: "persona.reviewed", targetType: "persona", targetId: id, metadata: { name: row.name, matching: snapshot.matching } },
      tx,
    );
    return { reviewedAt: now.toISOString(), snapshot };
  });
}

/** Checks, resizes and stores a photo (see photo.ts). The card's version is unchanged. */
export async function setPersonaPhoto(ctx: ServiceContext, input: { id: string; bytes: Uint8Array }, now = new Date()) {
  authorize(ctx, "personas.write");
  const photo = await processPhoto(input.bytes);
  return write(async (tx) => {
    const row = await tx.persona.findFirst({ where: { workspaceId: ctx.workspaceId, id: input.id }, select: { name: true } });
    if (!row) throw notFound("That persona");
    await tx.persona.updateMany({
      where: { workspaceId: ctx.workspaceId, id: input.id },
      data: { photo: photo.bytes, photoType: photo.type, photoUpdatedAt: now },
    });
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      { action: "persona.photo_changed", targetType: "persona", targetId: input.id, metadata: { name: row.name, bytes: photo.bytes.byteLength } },
      tx,
    );
    return { photoVersion: now.getTime(), type: photo.type };
  });
}

export async function removePersonaPhoto(ctx: ServiceContext, id: string) {
  authorize(ctx, "personas.write");
  return write(async (tx) => {
    const row = await tx.persona.findFirst({ where: { workspaceId: ctx.workspaceId, id }, select: { name: true } });
    if (!row) throw notFound("That persona");
    await tx.persona.updateMany({ where: { workspaceId: ctx.workspaceId, id }, data: { photo: null, photoType: null, photoUpdatedAt: null } });
    await recordAudit(ctx.workspaceId, ctx.actor, { action: "persona.photo_removed", targetType: "persona", targetId: id, metadata: { name: row.name } }, tx);
    return { removed: true };
  });
}

/**
 * "Copy to workspace…": copies the card (every card field and the photo) into another workspace
 * the actor belongs to with `personas.write` there (checked here, against the actor's membership
 * of the target). Rules cannot refer across workspaces: rules that refer to segments or personas
 * (`directReferences`), rules the target's field catalog cannot read, and the link to a segment
 * are left behind, and `notes` say so. Audited in both workspaces.
 */
export async function copyPersonaToWorkspace(ctx: ServiceContext, input: { personaId: string; targetWorkspaceId: string }) {
  authorize(ctx, "workspace.read");
  if (input.targetWorkspaceId === ctx.workspaceId) throw new DomainError("BAD_REQUEST", "Choose another workspace: this persona is already here.");
  return write(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: input.targetWorkspaceId, userId: ctx.actor.id } },
      select: { role: true, workspace: { select: { id: true, name: true, slug: true } } },
    });
    if (!membership) throw notFound("That workspace");
    const target: ServiceContext = { workspaceId: membership.workspace.id, actor: ctx.actor, role: membership.role };
    authorize(target, "personas.write", `Your role in ${membership.workspace.name} does not allow creating personas.`);
    const source = await readSnapshot(tx, ctx.workspaceId, input.personaId);
    const extra = await tx.persona.findFirst({
      where: { workspaceId: ctx.workspaceId, id: input.personaId },
      select: { photo: true, photoType: true, photoUpdatedAt: true, segment: { select: { name: true } } },
    });
    const sourceWorkspace = await tx.workspace.findUnique({ where: { id: ctx.workspaceId }, select: { name: true } });
    if (!source || !extra || !sourceWorkspace) throw notFound("That persona");

    const notes: string[] = [];
    let rules = readDefinition(source.definition);
    if (rules) {
      const refs = directReferences(rules);
      if (refs.segments.length || refs.personas.length) {
        notes.push(`Rules were not copied: they refer to ${refs.segments.length ? "segments" : "personas"} of ${sourceWorkspace.name}.`);
        rules = null;
      } else {
        try {
          rules = (await prepare(target.workspaceId, rules, await loadEvaluationContext(tx, target.workspaceId))).definition;
        } catch (error) {
          if (!(error instanceof SegmentError)) throw error;
          notes.push(`Rules were not copied: they use fields that ${membership.workspace.name} does not have.`);
          rules = null;
        }
      }
    }
    if (typeof source.segmentId === "string")
      notes.push(`The link to the segment “${extra.segment?.name ?? "?"}” was not kept: it is a segment of ${sourceWorkspace.name}.`);

    const card: Record<string, unknown> = {};
    for (const field of CARD_FIELDS) if (field in source) card[field] = source[field];
    const data = parse(createPersonaSchema, { ...card, definition: rules, segmentId: null });
    const row = await insertPersona(tx, target, data);
    if (extra.photo && extra.photoType)
      await tx.persona.updateMany({
        where: { workspaceId: target.workspaceId, id: row.id },
        data: { photo: extra.photo, photoType: extra.photoType, photoUpdatedAt: extra.photoUpdatedAt ?? new Date() },
      });
    const rulesCopied = rules !== null;
    await recordAudit(
      target.workspaceId,
      ctx.actor,
      { action: "persona.copied_in", targetType: "persona", targetId: row.id, metadata: { name: row.name, from: sourceWorkspace.name, rulesCopied } },
      tx,
    );
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      { action: "persona.copied", targetType: "persona", targetId: input.personaId, metadata: { name: row.name, to: membership.workspace.name, rulesCopied } },
      tx,
    );
    return { id: row.id, workspace: membership.workspace, notes };
  });
}

/** The workspaces (other than this one) the actor may copy a persona into: where they have `personas.write`. */
export async function copyTargets(ctx: ServiceContext) {
  authorize(ctx, "workspace.read");
  const rows = await listWritableWorkspaces(ctx.actor.id);
  return rows.filter((w) => w.id !== ctx.workspaceId);
}
