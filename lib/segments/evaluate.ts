import "server-only";
/**
 * The one entry point for evaluating a definition in a workspace:
 *
 *     evaluate(db, workspaceId, definition, { as: "count" })
 *     evaluate(db, workspaceId, definition, { as: "members", limit, offset, orderBy, direction })
 *     evaluate(db, workspaceId, definition, { as: "overlaps", segmentIds })
 *     evaluate(db, workspaceId, definition, { as: "exclusions", exclude, segmentIds })
 *     evaluate(db, workspaceId, definition, { as: "explain", customerId })
 *
 * The definition is validated first (schema, fields and operators of the workspace's catalog,
 * references, limits; `self` is the segment being edited, which it may not reference), so any input
 * can be passed. The result is a union discriminated by `as`.
 *
 * Everything besides the definition comes from one context, `loadEvaluationContext` (the
 * workspace's settings and trait definitions, the instant `now`). A caller evaluating several
 * times in one request loads it once and passes it as `context`; nothing is cached across requests.
 *
 * Time limits stay with the caller: run evaluate inside `withStatementTimeout` (lib/db), and pass its
 * transaction as `db`.
 */
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { loadCustomerRfm, type RfmScores } from "@/lib/analytics/rfm";
import { lifecycleThresholdsFromSettings, type LifecycleThresholds } from "@/lib/analytics/lifecycle";
import { buildCatalog, type FieldCatalog } from "@/lib/segments/catalog";
import {
  createContext,
  createReferenceLoader,
  emptyReferences,
  resolveReferences,
  type EvaluationContext,
  type ReferenceLoader,
  type PredictionFacts,
  type ReferenceSet,
} from "@/lib/segments/context";
import type { Condition, SegmentDefinition } from "@/lib/segments/definition";
import { SegmentError } from "@/lib/segments/errors";
import type { Explanation } from "@/lib/segments/explanation";
import { match, matchSegment, type CustomerHistory, type CustomerRecord } from "@/lib/segments/match";
import {
  countSegment,
  exclusionCounts,
  listSegmentMembers,
  MAX_EXCLUSION_BASES,
  MAX_TARGETS,
  streamWaterfall,
  waterfallCounts,
  type AudienceRow,
  type ExclusionCounts,
  type Holdout,
  type WaterfallCounts,
  overlapCounts,
  type MemberOrder,
  type OverlapResult,
  type SegmentMember,
} from "@/lib/segments/queries";
import { getSegment } from "@/lib/segments/store";
import { loadTraitDefinitions } from "@/lib/segments/traits";
import { assertValidDefinition } from "@/lib/segments/validate";

export type EvaluationClient = PrismaClient | Prisma.TransactionClient;

/** What every evaluation in a workspace shares, loaded once per request. */
export type WorkspaceEvaluationContext = {
  workspaceId: string;
  now: Date;
  catalog: FieldCatalog;
  lifecycle: LifecycleThresholds;
  /** Finds the workspace's saved segments and personas that definitions reference. */
  loader: ReferenceLoader;
};

/**
 * The context every consumer evaluates with — builder, segment pages, the customers list and
 * export, the profile: the workspace's lifecycle thresholds and field catalog (its trait
 * definitions), and `now` (the engine never reads the clock).
 */
export async function loadEvaluationContext(
  db: EvaluationClient,
  workspaceId: string,
  options: { now?: Date } = {},
): Promise<WorkspaceEvaluationContext> {
  const workspace = await db.workspace.findUnique({ where: { id: workspaceId }, select: { settings: true } });
  const traits = await loadTraitDefinitions(db, workspaceId);
  return {
    workspaceId,
    now: options.now ?? new Date(),
    catalog: buildCatalog(traits),
    lifecycle: lifecycleThresholdsFromSettings(workspace?.settings ?? {}),
    loader: createReferenceLoader(db, workspaceId),
  };
}

/** The engine's context for definitions already validated (their references resolved). */
export function engineContext(context: WorkspaceEvaluationContext, references: ReferenceSet): EvaluationContext {
  return createContext({ now: context.now, catalog: context.catalog, lifecycle: context.lifecycle, references });
}

/** One customer as the in-memory matcher sees them: their row, history, RFM scores and static lists. */
export type CustomerFacts = {
  customer: CustomerRecord;
  history: CustomerHistory;
  rfm: RfmScores | null;
  /** The customer's lifetime-value prediction (null without one; read when absent). */
  prediction?: PredictionFacts | null;
  /** Ids of the static segments the customer was added to by hand. */
  staticSegments: ReadonlySet<string>;
};

/**
 * Loads one customer's facts for `explain`, or null when the workspace has no such customer.
 * `rfm` skips reading the RFM scores when the caller already has them.
 */
export async function loadCustomerFacts(
  db: EvaluationClient,
  workspaceId: string,
  customerId: number,
  options: { rfm?: RfmScores | null } = {},
): Promise<CustomerFacts | null> {
  const customer = await db.customer.findFirst({ where: { workspaceId, id: customerId } });
  if (!customer) return null;
  const orders = await db.order.findMany({
    where: { workspaceId, customerId },
    select: { orderedAt: true, amount: true, category: true, channel: true },
  });
  const events = await db.event.findMany({ where: { workspaceId, customerId }, select: { name: true, occurredAt: true, properties: true } });
  const lists = await db.segmentMember.findMany({ where: { workspaceId, customerId }, select: { segmentId: true } });
  const rfm = options.rfm !== undefined ? options.rfm : await loadCustomerRfm(db, workspaceId, customerId);
  const p = await db.customerPrediction.findUnique({
    where: { workspaceId_customerId: { workspaceId, customerId } },
    select: { predictedClv: true, pAlive: true },
  });
  const prediction = p ? { pAlive: p.pAlive, predictedClv: p.predictedClv === null ? null : Number(p.predictedClv) } : null;
  return { customer, history: { orders, events }, rfm, prediction, staticSegments: new Set(lists.map((l) => l.segmentId)) };
}

export type EvaluateMode =
  | { as: "count" }
  /** One page of members: `limit` 1–1000 (default 50), `offset` ≥ 0. */
  | { as: "members"; limit?: number; offset?: number; orderBy?: MemberOrder; direction?: "asc" | "desc" }
  /** The definition (index 0) against saved segments (indices 1…, in the order given); at most 8 in all. */
  | { as: "overlaps"; segmentIds: string[] }
  /**
   * The definition (index 0) and saved segments (indices 1…) before and after removing everyone
   * matching any of `exclude` (personas — usually the negative ones — or segments), and what each
   * exclusion removes: customers and revenue.
   */
  | { as: "exclusions"; exclude: ExclusionRef[]; segmentIds?: string[] }
  /**
   * The deduplicated audience of saved segments in priority order (`segmentIds`; none: the
   * definition itself — everyone, for an undifferentiated strategy): each customer goes to the first
   * segment it matches, anyone matching `exclude` is left out, and a seeded `holdout` share is held
   * out.
   */
  | { as: "waterfall"; segmentIds: string[]; exclude: ExclusionRef[]; holdout: Holdout | null }
  /**
   * Whether one customer matches, and why (in memory). `segment`: the saved segment the definition
   * belongs to, so a static one is explained as "added by hand"; `facts`: the customer's facts when
   * the caller explains several definitions for the same customer.
   */
  | {
      as: "explain";
      customerId: number;
      segment?: { id: string; name: string; kind: "DYNAMIC" | "STATIC" };
      facts?: CustomerFacts;
    };

export type EvaluateOptions = EvaluateMode & {
  /** The segment being edited: the definition may not reference it. */
  self?: string;
  /** Loaded with loadEvaluationContext; loaded here when missing. */
  context?: WorkspaceEvaluationContext;
  /** When no context is given: the instant to evaluate at (default: now). */
  now?: Date;
};

export type EvaluationResult =
  | { as: "count"; count: number }
  | { as: "members"; members: SegmentMember[]; limit: number; offset: number }
  | ({ as: "overlaps"; segmentIds: string[] } & OverlapResult)
  | { as: "exclusions"; segmentIds: string[]; exclude: ExclusionRef[]; results: ExclusionCounts[] }
  | ({ as: "waterfall"; segmentIds: string[] } & WaterfallCounts)
  | { as: "explain"; customerId: number; matched: boolean; explanation: Explanation };

export type ResultOf<M extends EvaluateMode> = Extract<EvaluationResult, { as: M["as"] }>;

export async function evaluate<M extends EvaluateMode>(
  db: EvaluationClient,
  workspaceId: string,
  definition: unknown,
  options: M & Omit<EvaluateOptions, "as">,
): Promise<ResultOf<M>> {
  const context = options.context ?? (await loadEvaluationContext(db, workspaceId, { now: options.now }));
  const valid = await prepare(workspaceId, definition, context, options.self);
  const result = await run(db, workspaceId, valid.definition, valid.references, context, options as EvaluateMode);
  return result as ResultOf<M>;
}

/**
 * Validates a definition against the workspace's context and resolves its references: what
 * evaluate does first, for callers that compile it into a statement of their own (the customers
 * list and export filter by a segment this way).
 */
export async function prepare(
  workspaceId: string,
  definition: unknown,
  context: WorkspaceEvaluationContext,
  self?: string,
): Promise<{ definition: SegmentDefinition; references: ReferenceSet; ctx: EvaluationContext }> {
  if (context.workspaceId !== workspaceId) throw new Error("The evaluation context belongs to another workspace.");
  const valid = await assertValidDefinition(definition, {
    catalog: context.catalog,
    loader: context.loader,
    selfId: self,
    selfKind: "segment",
  });
  return { ...valid, ctx: engineContext(context, valid.references) };
}

async function run(
  db: EvaluationClient,
  workspaceId: string,
  definition: SegmentDefinition,
  references: ReferenceSet,
  context: WorkspaceEvaluationContext,
  mode: EvaluateMode,
): Promise<EvaluationResult> {
  switch (mode.as) {
    case "count":
      return { as: "count", count: await countSegment(db, workspaceId, definition, engineContext(context, references)) };
    case "members": {
      const limit = Math.max(1, Math.min(1000, Math.floor(mode.limit ?? 50)));
      const offset = Math.max(0, Math.floor(mode.offset ?? 0));
      const members = await listSegmentMembers(db, workspaceId, definition, engineContext(context, references), {
        limit,
        offset,
        orderBy: mode.orderBy,
        direction: mode.direction,
      });
      return { as: "members", members, limit, offset };
    }
    case "overlaps": {
      if (mode.segmentIds.length > 7) throw new SegmentError("VALIDATION", "Compare at most 8 segments at a time.");
      const all = mergeReferences(references);
      const definitions = [definition, ...(await savedDefinitions(db, workspaceId, mode.segmentIds, context, all))];
      const overlap = await overlapCounts(db, workspaceId, definitions, engineContext(context, all));
      return { as: "overlaps", segmentIds: mode.segmentIds, ...overlap };
    }
    case "exclusions": {
      const segmentIds = mode.segmentIds ?? [];
      if (segmentIds.length >= MAX_EXCLUSION_BASES) throw new SegmentError("VALIDATION", `Compare at most ${MAX_EXCLUSION_BASES} segments at a time.`);
      const all = mergeReferences(references);
      const bases = [definition, ...(await savedDefinitions(db, workspaceId, segmentIds, context, all))];
      const exclusions = await exclusionDefinitions(workspaceId, mode.exclude, context, all);
      const results = await exclusionCounts(db, workspaceId, bases, exclusions, engineContext(context, all));
      return { as: "exclusions", segmentIds, exclude: mode.exclude, results };
    }
    case "waterfall": {
      const { targets, exclusions, ctx } = await waterfallParts(db, workspaceId, definition, references, context, mode.segmentIds, mode.exclude);
      const counts = await waterfallCounts(db, workspaceId, targets, exclusions, mode.holdout, ctx);
      return { as: "waterfall", segmentIds: mode.segmentIds, ...counts };
    }
    case "explain": {
      const facts = mode.facts ?? (await loadCustomerFacts(db, workspaceId, mode.customerId));
      if (!facts || facts.customer.id !== mode.customerId)
        throw new SegmentError("NOT_FOUND", "That customer could not be found in this workspace.");
      const ctx: EvaluationContext = {
        ...engineContext(context, references),
        rfm: (id) => (id === facts.customer.id ? facts.rfm : null),
        staticMember: (segmentId, id) => id === facts.customer.id && facts.staticSegments.has(segmentId),
        predictions: (id) => (id === facts.customer.id ? (facts.prediction ?? null) : null),
      };
      const result = mode.segment
        ? matchSegment({ ...mode.segment, definition }, facts.customer, facts.history, ctx)
        : match(definition, facts.customer, facts.history, ctx);
      return { as: "explain", customerId: mode.customerId, matched: result.matched, explanation: result.explanation };
    }
  }
}

/** Saved segments' definitions, their references resolved into `all`. */
async function savedDefinitions(db: EvaluationClient, workspaceId: string, ids: string[], context: WorkspaceEvaluationContext, all: ReferenceSet) {
  const definitions: SegmentDefinition[] = [];
  for (const id of ids) {
    const segment = await getSegment(db, workspaceId, id);
    await resolveInto(segment.definition, context, all);
    definitions.push(segment.definition);
  }
  return definitions;
}

async function resolveInto(definition: SegmentDefinition, context: WorkspaceEvaluationContext, all: ReferenceSet) {
  const resolved = await resolveReferences(definition, context.loader);
  if (resolved.issues.length) throw new SegmentError("VALIDATION", resolved.issues[0]!.message, resolved.issues);
  mergeInto(all, resolved.references);
}

/** An exclusion: a persona or a saved segment named by id, or rules (a suppression rule). */
export type ExclusionRef = { kind: "persona" | "segment"; id: string } | { kind: "rule"; definition: unknown };

async function exclusionDefinitions(workspaceId: string, refs: ExclusionRef[], context: WorkspaceEvaluationContext, all: ReferenceSet) {
  const out: SegmentDefinition[] = [];
  for (const ref of refs) {
    if (ref.kind === "rule") {
      const valid = await prepare(workspaceId, ref.definition, context);
      mergeInto(all, valid.references);
      out.push(valid.definition);
    } else {
      const excluded = exclusionDefinition(ref);
      await resolveInto(excluded, context, all);
      out.push(excluded);
    }
  }
  return out;
}

async function waterfallParts(
  db: EvaluationClient,
  workspaceId: string,
  definition: SegmentDefinition,
  references: ReferenceSet,
  context: WorkspaceEvaluationContext,
  segmentIds: string[],
  exclude: ExclusionRef[],
) {
  if (segmentIds.length > MAX_TARGETS) throw new SegmentError("VALIDATION", `Choose at most ${MAX_TARGETS} segments.`);
  const all = mergeReferences(references);
  const targets = segmentIds.length ? await savedDefinitions(db, workspaceId, segmentIds, context, all) : [definition];
  const exclusions = await exclusionDefinitions(workspaceId, exclude, context, all);
  return { targets, exclusions, ctx: engineContext(context, all) };
}

/**
 * The waterfall's audience customer by customer (see the "waterfall" mode): keyset pages of
 * `{ id, externalId, names, email, slot (index into segmentIds, or 0), held }`. Validated as evaluate.
 */
export async function* streamAudience(
  db: EvaluationClient,
  workspaceId: string,
  definition: unknown,
  options: { segmentIds: string[]; exclude: ExclusionRef[]; holdout: Holdout | null; context: WorkspaceEvaluationContext; batch?: number },
): AsyncGenerator<AudienceRow[]> {
  const valid = await prepare(workspaceId, definition, options.context);
  const { targets, exclusions, ctx } = await waterfallParts(db, workspaceId, valid.definition, valid.references, options.context, options.segmentIds, options.exclude);
  yield* streamWaterfall(db, workspaceId, targets, exclusions, options.holdout, ctx, options.batch);
}

/** "Matches persona p" / "is in segment s", as a definition. */
export function exclusionDefinition(ref: { kind: "persona" | "segment"; id: string }): SegmentDefinition {
  const node: Condition =
    ref.kind === "persona"
      ? { type: "membership", target: "persona", operator: "matches", id: ref.id }
      : { type: "membership", target: "segment", operator: "in", id: ref.id };
  return { version: 1, root: { type: "group", op: "and", children: [node] } };
}

function mergeReferences(references: ReferenceSet): ReferenceSet {
  const out = emptyReferences();
  mergeInto(out, references);
  return out;
}

function mergeInto(target: ReferenceSet, source: ReferenceSet): void {
  source.segments.forEach((v, k) => target.segments.set(k, v));
  source.personas.forEach((v, k) => target.personas.set(k, v));
}
