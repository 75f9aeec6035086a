import "server-only";
import type { z } from "zod";
import { Prisma } from "@/lib/db";
import { withTimedTransactions } from "@/lib/db/statement-timeout";
import { recordAudit } from "@/lib/dal/audit";
import { findPersona, readDefinition } from "@/lib/dal/personas";
import { authorize, type ServiceContext } from "@/lib/domain/context";
import { DomainError, notFound } from "@/lib/errors";
import { computeEvidence, personaDefinition, snapshotOf } from "@/lib/personas/evidence";
import { draftFromProfile, draftSection } from "@/lib/personas/draft";
import { computeSegmentProfile } from "@/lib/personas/draft-profile";
import { processPhoto } from "@/lib/personas/photo";
import { isEmptyDefinition, type SegmentDefinition } from "@/lib/segments/definition";
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

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
    throw new DomainError("VALIDATION", "Please correct the highlighted fields.", fieldErrors);
  }
  return parsed.data;
}

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
  return row;
}

/**
 * "New persona from segment": computes the segment's profile, drafts the card from it
 * (draftFromProfile), and creates the persona linked to the segment, with the explanations kept in
 * a free section "How this draft was made". Refused for an archived or empty segment.
 */
export async function draftPersonaFromSegment(ctx: ServiceContext, input: { segmentId: string; negative?: boolean }, now = new Date()) {
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
      name: `${segment.name} persona`.slice(0, 120),
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
 * CONFLICT when the persona is no longer at `expectedVersion`: someone else saved in between.
 */
export async function updatePersona(ctx: ServiceContext, input: UpdatePersonaInput) {
  authorize(ctx, "personas.write");
  const { id, expectedVersion, definition, segmentId, personality, sections, ...card } = parse(updatePersonaSchema, input);
  return write(async (tx) => {
    const current = await tx.persona.findFirst({
      where: { workspaceId: ctx.workspaceId, id },
      select: { version: true, definition: true, segmentId: true, name: true },
    });
    if (!current) throw notFound("That persona");
    if (current.version !== expectedVersion) throw stale(expectedVersion, current.version);
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
    const changed = Object.keys(card)
      .concat(personality !== undefined ? ["personality"] : [], sections !== undefined ? ["sections"] : [], groundingChanged ? ["rules"] : [])
      .sort();
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      {
        action: "persona.updated",
        targetType: "persona",
        targetId: id,
        metadata: { name: card.name ?? current.name, version: expectedVersion + 1, fields: changed },
      },
      tx,
    );
    return { id, version: expectedVersion + 1 };
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
