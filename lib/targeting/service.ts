import "server-only";
/**
 * Targeting strategies: one function per operation. Each checks the permission, runs in one timed
 * transaction with its audit entry, rewrites the strategy's reference rows (chosen segments,
 * excluded segments, addressed personas, switched-off negative personas: they cannot be deleted
 * while a strategy names them), and throws DomainErrors. Saves carry the version they were based
 * on; a stale one is refused with CONFLICT.
 */
import { Prisma } from "@/lib/db";
import { withTimedTransactions } from "@/lib/db/statement-timeout";
import { recordAudit } from "@/lib/dal/audit";
import { authorize, parseInput, type ServiceContext } from "@/lib/domain/context";
import { DomainError, notFound } from "@/lib/errors";
import { placeholderKeys, placeholderProblem } from "@/lib/targeting/personalize";
import { isReferenceViolation, syncReferences } from "@/lib/segments/references";
import { audienceHoldoutIds } from "@/lib/targeting/plan";
import {
  createStrategySchema,
  rateSegmentSchema,
  STRATEGY_TYPES,
  updateStrategySchema,
  type CreateStrategyInput,
  type StrategyConfig,
  type UpdateStrategyInput,
} from "@/lib/validations/strategy";

type Tx = Prisma.TransactionClient;

async function write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await withTimedTransactions((client) => client.$transaction(fn));
  } catch (error) {
    if (isReferenceViolation(error)) throw new DomainError("CONFLICT", "A segment or persona this strategy names was just deleted. Reload the page.");
    throw error;
  }
}

/** Every id the config names belongs to this workspace (segments active, personas present). */
async function checkConfig(tx: Tx, workspaceId: string, config: StrategyConfig): Promise<void> {
  const segmentIds = [...new Set([...config.targets.map((t) => t.segmentId), ...config.exclusions.segmentIds])];
  const personaIds = [...new Set([...config.targets.flatMap((t) => (t.personaId ? [t.personaId] : [])), ...config.exclusions.personasOff.map((p) => p.personaId)])];
  const [segments, personas] = await Promise.all([
    tx.segment.findMany({ where: { workspaceId, id: { in: segmentIds }, archivedAt: null }, select: { id: true } }),
    tx.persona.findMany({ where: { workspaceId, id: { in: personaIds } }, select: { id: true, isNegative: true } }),
  ]);
  const foundSegments = new Set(segments.map((s) => s.id));
  const foundPersonas = new Map(personas.map((p) => [p.id, p.isNegative]));
  const errors: Record<string, string[]> = {};
  config.targets.forEach((t, i) => {
    if (!foundSegments.has(t.segmentId)) errors[`config.targets.${i}.segmentId`] = ["That segment does not exist in this workspace or is archived."];
    if (t.personaId && !foundPersonas.has(t.personaId)) errors[`config.targets.${i}.personaId`] = ["That persona does not exist in this workspace."];
  });
  config.exclusions.segmentIds.forEach((id, i) => {
    if (!foundSegments.has(id)) errors[`config.exclusions.segmentIds.${i}`] = ["That segment does not exist in this workspace or is archived."];
  });
  config.exclusions.personasOff.forEach((p, i) => {
    if (foundPersonas.get(p.personaId) !== true) errors[`config.exclusions.personasOff.${i}.personaId`] = ["Only negative personas of this workspace are exclusions."];
  });
  await checkPlaceholders(tx, workspaceId, config, errors);
  if (Object.keys(errors).length) throw new DomainError("VALIDATION", "Please correct the highlighted fields.", errors);
}

/** Placeholders in messages and offers name a customer field or one of the workspace's traits. */
async function checkPlaceholders(tx: Tx, workspaceId: string, config: StrategyConfig, errors: Record<string, string[]>): Promise<void> {
  const fields: [string, string | null | undefined][] = [
    ...config.targets.flatMap((t, i): [string, string | null][] => [
      [`config.targets.${i}.positioning`, t.positioning],
      [`config.targets.${i}.offer`, t.offer],
      [`config.targets.${i}.channel`, t.channel],
    ]),
    ["config.offer.positioning", config.offer?.positioning],
    ["config.offer.offer", config.offer?.offer],
    ["config.offer.channel", config.offer?.channel],
  ];
  if (!fields.some(([, text]) => placeholderKeys(text).length > 0)) return;
  const traitKeys = new Set((await tx.customerTraitDefinition.findMany({ where: { workspaceId }, select: { key: true } })).map((t) => t.key));
  for (const [path, text] of fields) {
    const problem = placeholderProblem(text, traitKeys);
    if (problem) errors[path] = [problem];
  }
}

async function checkOwner(tx: Tx, workspaceId: string, ownerId: string | null) {
  if (!ownerId) return;
  const member = await tx.membership.findFirst({ where: { workspaceId, userId: ownerId }, select: { userId: true } });
  if (!member) throw new DomainError("VALIDATION", "The owner must be a member of this workspace.", { ownerId: ["Choose a member of this workspace."] });
}

const json = (v: unknown) => v as Prisma.InputJsonValue;
const date = (d: string | null) => (d ? new Date(`${d}T00:00:00.000Z`) : null);

export async function createStrategy(ctx: ServiceContext, input: CreateStrategyInput) {
  authorize(ctx, "strategies.write");
  const data = parseInput(createStrategySchema, input);
  return write(async (tx) => {
    await checkConfig(tx, ctx.workspaceId, data.config);
    await checkOwner(tx, ctx.workspaceId, data.ownerId);
    const row = await tx.targetingStrategy.create({
      data: {
        workspaceId: ctx.workspaceId,
        name: data.name,
        type: data.type,
        status: data.status,
        description: data.description,
        periodStart: date(data.periodStart),
        periodEnd: date(data.periodEnd),
        budget: data.budget,
        ownerId: data.ownerId ?? ctx.actor.id,
        config: json(data.config),
        createdById: ctx.actor.id,
        updatedById: ctx.actor.id,
      },
      select: { id: true },
    });
    await syncReferences(tx, ctx.workspaceId, { type: "STRATEGY", id: row.id, config: data.config });
    await recordAudit(ctx.workspaceId, ctx.actor, { action: "strategy.created", targetType: "strategy", targetId: row.id, metadata: { name: data.name, type: data.type } }, tx);
    return { id: row.id, version: 1 };
  });
}

export async function updateStrategy(ctx: ServiceContext, input: UpdateStrategyInput) {
  authorize(ctx, "strategies.write");
  const { id, expectedVersion, ...data } = parseInput(updateStrategySchema, input);
  return write(async (tx) => {
    const current = await tx.targetingStrategy.findFirst({ where: { workspaceId: ctx.workspaceId, id }, select: { version: true, status: true, holdoutFrozenAt: true } });
    if (!current) throw notFound("That strategy");
    if (current.version !== expectedVersion)
      throw new DomainError("CONFLICT", `Someone else saved this strategy after you opened it (you edited version ${expectedVersion}; it is now at version ${current.version}).`);
    await checkConfig(tx, ctx.workspaceId, data.config);
    await checkOwner(tx, ctx.workspaceId, data.ownerId);
    const activating = data.status === "ACTIVE" && current.status !== "ACTIVE";
    const updated = await tx.targetingStrategy.updateMany({
      where: { workspaceId: ctx.workspaceId, id, version: expectedVersion },
      data: {
        name: data.name,
        type: data.type,
        status: data.status,
        description: data.description,
        periodStart: date(data.periodStart),
        periodEnd: date(data.periodEnd),
        budget: data.budget,
        ownerId: data.ownerId,
        config: json(data.config),
        updatedById: ctx.actor.id,
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) throw new DomainError("CONFLICT", "Someone else saved this strategy at the same moment. Reload the page.");
    await syncReferences(tx, ctx.workspaceId, { type: "STRATEGY", id, config: data.config });
    let heldOut: number | null = null;
    if (activating) heldOut = await freezeHoldout(tx, ctx.workspaceId, id, data.type, data.config);
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      {
        action: activating ? "strategy.activated" : "strategy.updated",
        targetType: "strategy",
        targetId: id,
        metadata: { name: data.name, version: expectedVersion + 1, ...(heldOut !== null ? { heldOut } : {}) },
      },
      tx,
    );
    return { id, version: expectedVersion + 1, heldOut };
  });
}

/**
 * Stores the holdout as it is at activation (the control group to measure lift against later).
 * The same customers are held out by every computation anyway (a seeded hash); storing them keeps
 * the group fixed even when the audience changes afterwards.
 */
async function freezeHoldout(tx: Tx, workspaceId: string, strategyId: string, type: keyof typeof STRATEGY_TYPES, config: StrategyConfig): Promise<number> {
  await tx.strategyHoldout.deleteMany({ where: { workspaceId, strategyId } });
  if (config.holdoutPercent <= 0) return 0;
  const ids = await audienceHoldoutIds(tx, workspaceId, { id: strategyId, type, config });
  for (let i = 0; i < ids.length; i += 5000)
    await tx.strategyHoldout.createMany({ data: ids.slice(i, i + 5000).map((customerId) => ({ workspaceId, strategyId, customerId })) });
  await tx.targetingStrategy.updateMany({ where: { workspaceId, id: strategyId }, data: { holdoutFrozenAt: new Date() } });
  return ids.length;
}

export async function deleteStrategy(ctx: ServiceContext, id: string) {
  authorize(ctx, "strategies.write");
  return write(async (tx) => {
    const row = await tx.targetingStrategy.findFirst({ where: { workspaceId: ctx.workspaceId, id }, select: { name: true } });
    if (!row) throw notFound("That strategy");
    await tx.targetingStrategy.deleteMany({ where: { workspaceId: ctx.workspaceId, id } });
    await recordAudit(ctx.workspaceId, ctx.actor, { action: "strategy.deleted", targetType: "strategy", targetId: id, metadata: { name: row.name } }, tx);
    return { deleted: true };
  });
}

/** A member's 1–5 compatibility rating of a candidate segment (any member: VIEWERs rate too). */
export async function rateSegment(ctx: ServiceContext, input: unknown) {
  authorize(ctx, "workspace.read");
  const data = parseInput(rateSegmentSchema, input);
  return write(async (tx) => {
    const [strategy, segment] = await Promise.all([
      tx.targetingStrategy.findFirst({ where: { workspaceId: ctx.workspaceId, id: data.strategyId }, select: { name: true } }),
      tx.segment.findFirst({ where: { workspaceId: ctx.workspaceId, id: data.segmentId }, select: { name: true } }),
    ]);
    if (!strategy) throw notFound("That strategy");
    if (!segment) throw notFound("That segment");
    const key = { workspaceId: ctx.workspaceId, strategyId: data.strategyId, segmentId: data.segmentId, userId: ctx.actor.id };
    await tx.strategyRating.upsert({
      where: { workspaceId_strategyId_segmentId_userId: key },
      create: { ...key, score: data.score, note: data.note },
      update: { score: data.score, note: data.note },
    });
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      { action: "strategy.rated", targetType: "strategy", targetId: data.strategyId, metadata: { name: strategy.name, segment: segment.name, score: data.score } },
      tx,
    );
    return { score: data.score };
  });
}
