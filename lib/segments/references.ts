import "server-only";
/**
 * References between saved definitions, as rows (`DefinitionReference`): a segment's or persona's
 * rule “is in segment X” / “matches persona Y”, a persona's grounding segment, and the segments and
 * personas a targeting strategy names. Every save rewrites its source's rows in the same
 * transaction (`syncReferences`), so the table always says who refers to whom:
 *
 * - “in use by …” and the refusal to delete read it (`findUsages`), and its foreign keys refuse,
 *   at the database, to delete a segment or persona that is still referred to;
 * - the cycle check on save (`findReferenceCycles`) and the expanded-size limit of the definitions
 *   that depend on a changed segment (`assertDependantsWithinLimit`, limits.ts) walk its rows with
 *   a recursive query, instead of reading every definition of the workspace.
 *
 * One row per (source, target), however often the definition repeats the reference. The
 * migration that created the table backfilled it with SQL twins of `extractReferences` /
 * `extractStrategyReferences`; references.integration.test.ts proves they agree.
 */
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { ReferenceSourceType, ReferenceTargetType } from "@/lib/generated/prisma/enums";
import { walkDefinition, type SegmentDefinition } from "@/lib/segments/definition";
import { SegmentError, type ValidationIssue } from "@/lib/segments/errors";

type Db = PrismaClient | Prisma.TransactionClient;

export type ReferenceTarget = { type: ReferenceTargetType; id: string };
export type ReferenceSource = { type: ReferenceSourceType; id: string };

/** A saved definition and what it refers to, by kind of source. */
export type ReferencingDefinition =
  /** A dynamic segment's rules; a static segment has none (null or the empty definition). */
  | { type: "SEGMENT"; id: string; definition: SegmentDefinition | null }
  | { type: "PERSONA"; id: string; definition: SegmentDefinition | null; segmentId: string | null }
  /** A strategy's config (chosen segments, weights, exclusions). */
  | { type: "STRATEGY"; id: string; config: unknown };

const byTarget = (a: ReferenceTarget, b: ReferenceTarget) =>
  a.type === b.type ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.type < b.type ? -1 : 1;

function unique(targets: Iterable<ReferenceTarget>): ReferenceTarget[] {
  const seen = new Map<string, ReferenceTarget>();
  for (const t of targets) seen.set(`${t.type}:${t.id}`, t);
  return [...seen.values()].sort(byTarget);
}

/**
 * The segments and personas a definition refers to: its membership conditions, at any depth of
 * groups (negated or not), each target once, sorted by type then id.
 */
export function extractReferences(definition: SegmentDefinition | null): ReferenceTarget[] {
  if (!definition) return [];
  const out: ReferenceTarget[] = [];
  walkDefinition(definition, (node) => {
    if (node.type === "membership") out.push({ type: node.target === "segment" ? "SEGMENT" : "PERSONA", id: node.id });
  });
  return unique(out);
}

const STRATEGY_KEYS: Record<string, ReferenceTargetType> = {
  segmentId: "SEGMENT",
  segmentIds: "SEGMENT",
  personaId: "PERSONA",
  personaIds: "PERSONA",
};

/**
 * The segments and personas a strategy's config names: the string values of `segmentId`,
 * `segmentIds`, `personaId` and `personaIds`, at any depth (`{ targets: [{ segmentId, weight }],
 * exclude: { personaIds: [...] } }`). Other strings are not references, whatever they contain.
 */
export function extractStrategyReferences(config: unknown): ReferenceTarget[] {
  const out: ReferenceTarget[] = [];
  const walk = (value: unknown, key: string | null): void => {
    if (typeof value === "string") {
      const type = key === null ? undefined : STRATEGY_KEYS[key];
      if (type) out.push({ type, id: value });
    } else if (Array.isArray(value)) {
      // Array elements keep the key of their array: "segmentIds": ["a", "b"].
      for (const item of value) walk(item, key);
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(config, null);
  return unique(out);
}

/** What a saved definition refers to (a persona also to its grounding segment). */
export function referencesOf(source: ReferencingDefinition): ReferenceTarget[] {
  if (source.type === "STRATEGY") return extractStrategyReferences(source.config);
  const targets = extractReferences(source.definition);
  if (source.type === "PERSONA" && source.segmentId) return unique([...targets, { type: "SEGMENT", id: source.segmentId }]);
  return targets;
}

const KIND_WORD: Record<ReferenceSourceType | ReferenceTargetType, string> = {
  SEGMENT: "segment",
  PERSONA: "persona",
  STRATEGY: "strategy",
};

/**
 * Rewrites the reference rows of `source` to what its definition now says, in the caller's
 * transaction (the one that saves the definition). Refuses a reference to itself or to a segment or
 * persona that is not in the workspace; nothing is written then. Returns the targets.
 */
export async function syncReferences(tx: Db, workspaceId: string, source: ReferencingDefinition): Promise<ReferenceTarget[]> {
  const targets = referencesOf(source);
  const word = KIND_WORD[source.type];
  if (targets.some((t) => t.type === source.type && t.id === source.id)) {
    throw new SegmentError("VALIDATION", `A ${word} can't refer to itself.`);
  }
  const segmentIds = targets.filter((t) => t.type === "SEGMENT").map((t) => t.id);
  const personaIds = targets.filter((t) => t.type === "PERSONA").map((t) => t.id);
  const [segments, personas] = await Promise.all([
    segmentIds.length ? tx.segment.findMany({ where: { workspaceId, id: { in: segmentIds } }, select: { id: true } }) : [],
    personaIds.length ? tx.persona.findMany({ where: { workspaceId, id: { in: personaIds } }, select: { id: true } }) : [],
  ]);
  const found = new Set([...segments.map((s) => `SEGMENT:${s.id}`), ...personas.map((p) => `PERSONA:${p.id}`)]);
  const missing = targets.find((t) => !found.has(`${t.type}:${t.id}`));
  if (missing) {
    throw new SegmentError("VALIDATION", `That ${KIND_WORD[missing.type]} does not exist in this workspace (it may have been deleted).`);
  }
  await tx.definitionReference.deleteMany({ where: { workspaceId, sourceType: source.type, sourceId: source.id } });
  if (targets.length) {
    await tx.definitionReference.createMany({
      data: targets.map((t) => ({
        workspaceId,
        sourceType: source.type,
        sourceId: source.id,
        targetType: t.type,
        targetId: t.id,
        sourceSegmentId: source.type === "SEGMENT" ? source.id : null,
        sourcePersonaId: source.type === "PERSONA" ? source.id : null,
        sourceStrategyId: source.type === "STRATEGY" ? source.id : null,
        targetSegmentId: t.type === "SEGMENT" ? t.id : null,
        targetPersonaId: t.type === "PERSONA" ? t.id : null,
      })),
    });
  }
  return targets;
}

/**
 * Whether a database error is a foreign key refusing a write: a delete of a segment or persona that
 * is still referenced (RESTRICT, SQLSTATE 23001 → P2039), or a reference to a missing row (P2003).
 */
export function isReferenceViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && (error.code === "P2039" || error.code === "P2003");
}

export type Usages = {
  segments: { id: string; name: string }[];
  personas: { id: string; name: string }[];
  strategies: { id: string; name: string }[];
};

/** The segments, personas and strategies of the workspace whose definitions refer to `target`, by name. */
export async function findUsages(db: Db, workspaceId: string, target: ReferenceTarget): Promise<Usages> {
  const rows = await db.definitionReference.findMany({
    where: { workspaceId, targetType: target.type, targetId: target.id },
    select: {
      sourceSegment: { select: { id: true, name: true } },
      sourcePersona: { select: { id: true, name: true } },
      sourceStrategy: { select: { id: true, name: true } },
    },
  });
  const byName = (a: { name: string; id: string }, b: { name: string; id: string }) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);
  const pick = <T>(values: (T | null)[]) => values.filter((v): v is T => v !== null);
  return {
    segments: pick(rows.map((r) => r.sourceSegment)).sort(byName),
    personas: pick(rows.map((r) => r.sourcePersona)).sort(byName),
    strategies: pick(rows.map((r) => r.sourceStrategy)).sort(byName),
  };
}

export function hasUsages(u: Usages): boolean {
  return u.segments.length + u.personas.length + u.strategies.length > 0;
}

/** “segment “A”, persona “B” and strategy “C””. */
export function describeUsages(u: Usages): string {
  const parts = [
    ...u.segments.map((s) => `segment “${s.name}”`),
    ...u.personas.map((p) => `persona “${p.name}”`),
    ...u.strategies.map((s) => `strategy “${s.name}”`),
  ];
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------
// Walking the graph

/** A node of the reference graph: `SEGMENT:<id>`, `PERSONA:<id>` or `STRATEGY:<id>`. */
export type NodeKey = `${ReferenceSourceType}:${string}`;
export type ReferenceEdge = { from: NodeKey; to: NodeKey };

export const nodeKey = (node: { type: ReferenceSourceType | ReferenceTargetType; id: string }): NodeKey => `${node.type}:${node.id}`;

export function splitNodeKey(key: NodeKey): { type: ReferenceSourceType; id: string } {
  const i = key.indexOf(":");
  return { type: key.slice(0, i) as ReferenceSourceType, id: key.slice(i + 1) };
}

/**
 * Every reference row reachable from `start` in one recursive query: following references forward
 * (what the start nodes refer to, and so on) or backward (the segments and personas that refer to
 * them, and so on: strategies are left out, nothing evaluates through them). The walk
 * does not continue through `stopAt` (the definition being saved, whose stored rows are about to be
 * replaced). Linear in the rows reached: nodes are visited once, whatever the number of paths.
 */
export async function reachableReferences(
  db: Db,
  workspaceId: string,
  start: { type: ReferenceSourceType | ReferenceTargetType; id: string }[],
  options: { direction: "forward" | "backward"; stopAt?: ReferenceSource },
): Promise<ReferenceEdge[]> {
  // Nothing refers to a strategy: backward, only segments and personas can be started from.
  const nodes = options.direction === "backward" ? start.filter((n) => n.type !== "STRATEGY") : start;
  if (nodes.length === 0) return [];
  const seeds = JSON.stringify(nodes.map((n) => ({ type: n.type, id: n.id })));
  const stopType = options.stopAt?.type ?? "";
  const stopId = options.stopAt?.id ?? "";
  const rows =
    options.direction === "forward"
      ? await db.$queryRaw<{ sourceType: string; sourceId: string; targetType: string; targetId: string }[]>(Prisma.sql`
          WITH RECURSIVE node("type", "id") AS (
            SELECT s."type", s."id" FROM jsonb_to_recordset(${seeds}::jsonb) AS s("type" text, "id" text)
            UNION
            SELECT r."targetType"::text, r."targetId"
            FROM node
            JOIN "DefinitionReference" AS r
              ON r."workspaceId" = ${workspaceId}::uuid
             AND r."sourceType" = node."type"::"ReferenceSourceType"
             AND r."sourceId" = node."id"
            WHERE NOT (node."type" = ${stopType} AND node."id" = ${stopId})
          )
          SELECT r."sourceType"::text AS "sourceType", r."sourceId", r."targetType"::text AS "targetType", r."targetId"
          FROM node
          JOIN "DefinitionReference" AS r
            ON r."workspaceId" = ${workspaceId}::uuid
           AND r."sourceType" = node."type"::"ReferenceSourceType"
           AND r."sourceId" = node."id"
          WHERE NOT (node."type" = ${stopType} AND node."id" = ${stopId})`)
      : await db.$queryRaw<{ sourceType: string; sourceId: string; targetType: string; targetId: string }[]>(Prisma.sql`
          WITH RECURSIVE node("type", "id") AS (
            SELECT s."type", s."id" FROM jsonb_to_recordset(${seeds}::jsonb) AS s("type" text, "id" text)
            UNION
            SELECT r."sourceType"::text, r."sourceId"
            FROM node
            JOIN "DefinitionReference" AS r
              ON r."workspaceId" = ${workspaceId}::uuid
             AND r."targetType" = node."type"::"ReferenceTargetType"
             AND r."targetId" = node."id"
            WHERE r."sourceType" <> 'STRATEGY' AND NOT (node."type" = ${stopType} AND node."id" = ${stopId})
          )
          SELECT r."sourceType"::text AS "sourceType", r."sourceId", r."targetType"::text AS "targetType", r."targetId"
          FROM node
          JOIN "DefinitionReference" AS r
            ON r."workspaceId" = ${workspaceId}::uuid
           AND r."targetType" = node."type"::"ReferenceTargetType"
           AND r."targetId" = node."id"
          WHERE r."sourceType" <> 'STRATEGY' AND NOT (node."type" = ${stopType} AND node."id" = ${stopId})`);
  return rows.map((r) => ({
    from: `${r.sourceType as ReferenceSourceType}:${r.sourceId}`,
    to: `${r.targetType as ReferenceTargetType}:${r.targetId}`,
  }));
}

/**
 * The reference cycles a new definition of `source` would close: for each membership condition (by
 * its path in the definition) whose target already reaches `source` through saved references,
 * the chain from `source` back to itself. Reads the reference rows, not the definitions.
 */
export async function findReferenceCycles(
  db: Db,
  workspaceId: string,
  source: ReferenceSource,
  definition: SegmentDefinition,
): Promise<ValidationIssue[]> {
  const conditions: { path: string; target: ReferenceTarget }[] = [];
  walkDefinition(definition, (node, path) => {
    if (node.type === "membership") conditions.push({ path, target: { type: node.target === "segment" ? "SEGMENT" : "PERSONA", id: node.id } });
  });
  const self = nodeKey(source);
  const targets = unique(conditions.map((c) => c.target)).filter((t) => nodeKey(t) !== self);
  const edges = await reachableReferences(db, workspaceId, targets, { direction: "forward", stopAt: source });
  if (!edges.some((e) => e.to === self)) return [];

  const next = new Map<NodeKey, NodeKey[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  /** The shortest chain from `start` to `self`, or null. */
  const chainFrom = (start: NodeKey): NodeKey[] | null => {
    const parent = new Map<NodeKey, NodeKey | null>([[start, null]]);
    const queue: NodeKey[] = [start];
    while (queue.length) {
      const key = queue.shift()!;
      if (key === self) {
        const chain: NodeKey[] = [];
        for (let k: NodeKey | null = key; k !== null; k = parent.get(k) ?? null) chain.unshift(k);
        return chain;
      }
      for (const to of next.get(key) ?? []) {
        if (parent.has(to)) continue;
        parent.set(to, key);
        queue.push(to);
      }
    }
    return null;
  };

  const chains = conditions
    .filter((c) => nodeKey(c.target) !== self)
    .map((c) => ({ path: c.path, chain: chainFrom(nodeKey(c.target)) }))
    .filter((c): c is { path: string; chain: NodeKey[] } => c.chain !== null);
  const names = await namesOf(db, workspaceId, [...new Set(chains.flatMap((c) => c.chain))].filter((k) => k !== self));
  const label = (key: NodeKey) => {
    const { type, id } = splitNodeKey(key);
    return key === self ? `this ${KIND_WORD[type]}` : `${KIND_WORD[type]} “${names.get(key) ?? id}”`;
  };
  return chains.map(({ path, chain }) => ({
    path: `${path}.id`,
    message: `This reference goes round in a circle (${[self, ...chain].map(label).join(" → ")}); remove one of the references.`,
  }));
}

async function namesOf(db: Db, workspaceId: string, keys: NodeKey[]): Promise<Map<NodeKey, string>> {
  const ids = (type: ReferenceSourceType) => keys.map(splitNodeKey).filter((k) => k.type === type).map((k) => k.id);
  const [segments, personas, strategies] = await Promise.all([
    ids("SEGMENT").length ? db.segment.findMany({ where: { workspaceId, id: { in: ids("SEGMENT") } }, select: { id: true, name: true } }) : [],
    ids("PERSONA").length ? db.persona.findMany({ where: { workspaceId, id: { in: ids("PERSONA") } }, select: { id: true, name: true } }) : [],
    ids("STRATEGY").length
      ? db.targetingStrategy.findMany({ where: { workspaceId, id: { in: ids("STRATEGY") } }, select: { id: true, name: true } })
      : [],
  ]);
  return new Map<NodeKey, string>([
    ...segments.map((s): [NodeKey, string] => [`SEGMENT:${s.id}`, s.name]),
    ...personas.map((p): [NodeKey, string] => [`PERSONA:${p.id}`, p.name]),
    ...strategies.map((s): [NodeKey, string] => [`STRATEGY:${s.id}`, s.name]),
  ]);
}

/** Throws SegmentError("VALIDATION") with one issue per condition that would close a cycle. */
export async function assertNoReferenceCycle(
  db: Db,
  workspaceId: string,
  source: ReferenceSource,
  definition: SegmentDefinition,
): Promise<void> {
  const issues = await findReferenceCycles(db, workspaceId, source, definition);
  if (issues.length) throw new SegmentError("VALIDATION", issues[0]!.message, issues);
}
