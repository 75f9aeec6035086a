/**
 * The evaluation context: everything besides the definition that compile and match depend on.
 * `now` is injected (compile and match never read the clock), lifecycle thresholds come from the
 * workspace's settings, and referenced segments / personas are resolved up front, within the
 * workspace only, so that compile and match stay synchronous and pure.
 *
 * A referenced segment is DYNAMIC (its rules are inlined) or STATIC (its members are the customers
 * added to it by hand, the `SegmentMember` rows: SQL reads that table, match asks `staticMember`).
 */
import type { PrismaClient, Prisma } from "@/lib/generated/prisma/client";
import type { SegmentKind } from "@/lib/generated/prisma/enums";
import { definitionSchema, directReferences, walkDefinition, type SegmentDefinition } from "@/lib/segments/definition";
import {
  DEFAULT_LIFECYCLE_THRESHOLDS,
  lifecycleThresholdsFromSettings,
  type LifecycleThresholds,
} from "@/lib/analytics/lifecycle";
import type { RfmScores } from "@/lib/analytics/rfm";
import { buildCatalog, type FieldCatalog } from "@/lib/segments/catalog";
import { SegmentError, type ValidationIssue } from "@/lib/segments/errors";
import { loadTraitDefinitions } from "@/lib/segments/traits";

export type ReferencedSegment =
  | { id: string; name: string; kind: "DYNAMIC"; definition: SegmentDefinition }
  /** Hand-picked members (`SegmentMember`): there are no rules to inline. */
  | { id: string; name: string; kind: "STATIC" };
export type ReferencedPersona = {
  id: string;
  name: string;
  definition: SegmentDefinition | null;
  segmentId: string | null;
};
export type ReferenceSet = {
  segments: Map<string, ReferencedSegment>;
  personas: Map<string, ReferencedPersona>;
};

export type EvaluationContext = {
  now: Date;
  /** Resolves field keys (built-in fields and the workspace's trait definitions). */
  catalog: FieldCatalog;
  lifecycle: LifecycleThresholds;
  references: ReferenceSet;
  /** In-memory matching only: the RFM scores of a customer (null when the customer has no orders). */
  rfm?: (customerId: number) => RfmScores | null;
  /** In-memory matching only: whether a customer was added by hand to a static segment. */
  staticMember?: (segmentId: string, customerId: number) => boolean;
  /** In-memory matching only: a customer's stored lifetime-value prediction (null without one). */
  predictions?: (customerId: number) => PredictionFacts | null;
};

/** What the `predicted_clv` and `p_alive` rules read ("CustomerPrediction"). */
export type PredictionFacts = { predictedClv: number | null; pAlive: number };

export function emptyReferences(): ReferenceSet {
  return { segments: new Map(), personas: new Map() };
}

export function createContext(options: {
  now: Date;
  settings?: unknown;
  lifecycle?: LifecycleThresholds;
  references?: ReferenceSet;
  catalog?: FieldCatalog;
  rfm?: (customerId: number) => RfmScores | null;
  staticMember?: (segmentId: string, customerId: number) => boolean;
  predictions?: (customerId: number) => PredictionFacts | null;
}): EvaluationContext {
  return {
    now: options.now,
    catalog: options.catalog ?? buildCatalog(),
    lifecycle:
      options.lifecycle ??
      (options.settings === undefined ? DEFAULT_LIFECYCLE_THRESHOLDS : lifecycleThresholdsFromSettings(options.settings)),
    references: options.references ?? emptyReferences(),
    rfm: options.rfm,
    staticMember: options.staticMember,
    predictions: options.predictions,
  };
}

// ---------------------------------------------------------------------------------------------
// Reference resolution

/** A saved segment as stored; `kind` defaults to DYNAMIC. */
export type StoredSegment = { id: string; name: string; definition: unknown; kind?: SegmentKind };
export type StoredPersona = { id: string; name: string; definition: unknown; segmentId: string | null };

/** Finds saved segments / personas of one workspace; anything outside it reads as "not found". */
export type ReferenceLoader = {
  segment(id: string): Promise<StoredSegment | null>;
  persona(id: string): Promise<StoredPersona | null>;
};

type ReadClient = {
  segment: { findFirst: PrismaClient["segment"]["findFirst"] };
  persona: { findFirst: PrismaClient["persona"]["findFirst"] };
};

export function createReferenceLoader(db: ReadClient | Prisma.TransactionClient, workspaceId: string): ReferenceLoader {
  return {
    segment: (id) =>
      db.segment.findFirst({ where: { workspaceId, id }, select: { id: true, name: true, kind: true, definition: true } }),
    persona: (id) =>
      db.persona.findFirst({
        where: { workspaceId, id },
        select: { id: true, name: true, definition: true, segmentId: true },
      }),
  };
}

/** An in-memory loader (tests, previews). */
export function staticReferenceLoader(segments: StoredSegment[], personas: StoredPersona[] = []): ReferenceLoader {
  return {
    segment: async (id) => segments.find((s) => s.id === id) ?? null,
    persona: async (id) => personas.find((p) => p.id === id) ?? null,
  };
}

type RefKey = `segment:${string}` | `persona:${string}`;

/**
 * Loads every segment and persona the definition reaches, transitively. Problems are reported at
 * the path of the membership condition in `definition` through which they were reached:
 * unknown ids (including another workspace's), stored definitions that no longer parse, personas
 * without rules, and reference cycles (including one back to `selfId`, the segment being saved).
 */
export async function resolveReferences(
  definition: SegmentDefinition,
  loader: ReferenceLoader,
  options: { selfId?: string; selfKind?: "segment" | "persona" } = {},
): Promise<{ references: ReferenceSet; issues: ValidationIssue[] }> {
  const references = emptyReferences();
  const issues: ValidationIssue[] = [];
  const names = new Map<RefKey, string>();
  const edges = new Map<RefKey, RefKey[]>();
  const broken = new Map<RefKey, string>();

  const edgesOf = (def: SegmentDefinition | null, extraSegment?: string | null): RefKey[] => {
    const out: RefKey[] = [];
    if (def) {
      const refs = directReferences(def);
      out.push(...refs.segments.map((id) => `segment:${id}` as const), ...refs.personas.map((id) => `persona:${id}` as const));
    }
    if (extraSegment) out.push(`segment:${extraSegment}`);
    return out;
  };

  const load = async (key: RefKey): Promise<void> => {
    if (edges.has(key) || broken.has(key)) return;
    const [kind, id] = splitKey(key);
    if (kind === "segment") {
      const row = await loader.segment(id);
      if (!row) return void broken.set(key, "That segment does not exist in this workspace (it may have been deleted).");
      names.set(key, row.name);
      if (row.kind === "STATIC") {
        // Its members are a list, not rules: it references nothing.
        references.segments.set(id, { id, name: row.name, kind: "STATIC" });
        edges.set(key, []);
        return;
      }
      const parsed = definitionSchema.safeParse(row.definition);
      if (!parsed.success) return void broken.set(key, `Segment “${row.name}” has a definition that can no longer be read.`);
      references.segments.set(id, { id, name: row.name, kind: "DYNAMIC", definition: parsed.data });
      edges.set(key, edgesOf(parsed.data));
    } else {
      const row = await loader.persona(id);
      if (!row) return void broken.set(key, "That persona does not exist in this workspace (it may have been deleted).");
      names.set(key, row.name);
      let def: SegmentDefinition | null = null;
      if (row.definition !== null && row.definition !== undefined) {
        const parsed = definitionSchema.safeParse(row.definition);
        if (!parsed.success) return void broken.set(key, `Persona “${row.name}” has rules that can no longer be read.`);
        def = parsed.data;
      }
      if (!def && !row.segmentId) return void broken.set(key, `Persona “${row.name}” has no rules to match yet.`);
      references.personas.set(id, { id, name: row.name, definition: def, segmentId: row.segmentId });
      edges.set(key, edgesOf(def, row.segmentId));
    }
    for (const next of edges.get(key) ?? []) await load(next);
  };

  const self: RefKey | undefined = options.selfId ? `${options.selfKind ?? "segment"}:${options.selfId}` : undefined;
  const label = (key: RefKey) => {
    if (key === self) return `this ${options.selfKind ?? "segment"}`;
    const [kind] = splitKey(key);
    return `${kind} “${names.get(key) ?? splitKey(key)[1]}”`;
  };

  /** A cycle reachable from `start`, as a list of keys, or null. */
  const findCycle = (start: RefKey): RefKey[] | null => {
    const stack: RefKey[] = [];
    const onStack = new Set<RefKey>();
    const done = new Set<RefKey>();
    const dfs = (key: RefKey): RefKey[] | null => {
      if (onStack.has(key)) return [...stack.slice(stack.indexOf(key)), key];
      if (done.has(key)) return null;
      if (key === self) return [...stack, key];
      stack.push(key);
      onStack.add(key);
      for (const next of edges.get(key) ?? []) {
        const found = dfs(next);
        if (found) return found;
      }
      stack.pop();
      onStack.delete(key);
      done.add(key);
      return null;
    };
    return dfs(start);
  };

  const paths: { key: RefKey; path: string }[] = [];
  walkDefinition(definition, (node, path) => {
    if (node.type === "membership") paths.push({ key: `${node.target}:${node.id}`, path });
  });
  for (const { key, path } of paths) {
    if (key === self) {
      issues.push({ path: `${path}.id`, message: `A ${options.selfKind ?? "segment"} can't refer to itself.` });
      continue;
    }
    await load(key);
    const problem = broken.get(key);
    if (problem) {
      issues.push({ path: `${path}.id`, message: problem });
      continue;
    }
    const cycle = findCycle(key);
    if (cycle) {
      const chain = (self && cycle[cycle.length - 1] === self ? [self, ...cycle] : cycle).map(label).join(" → ");
      issues.push({
        path: `${path}.id`,
        message: `This reference goes round in a circle (${chain}); remove one of the references.`,
      });
      continue;
    }
    // Problems further down the chain (a referenced segment that references a deleted one, …).
    const nested = firstBrokenBelow(key, edges, broken);
    if (nested) issues.push({ path: `${path}.id`, message: `${label(key)[0]!.toUpperCase()}${label(key).slice(1)} depends on something broken: ${broken.get(nested)}` });
  }
  return { references, issues };
}

function firstBrokenBelow(start: RefKey, edges: Map<RefKey, RefKey[]>, broken: Map<RefKey, string>): RefKey | null {
  const seen = new Set<RefKey>();
  const queue = [...(edges.get(start) ?? [])];
  while (queue.length) {
    const key = queue.shift()!;
    if (seen.has(key)) continue;
    seen.add(key);
    if (broken.has(key)) return key;
    queue.push(...(edges.get(key) ?? []));
  }
  return null;
}

function splitKey(key: RefKey): ["segment" | "persona", string] {
  const i = key.indexOf(":");
  return [key.slice(0, i) as "segment" | "persona", key.slice(i + 1)];
}

type ContextClient = ReadClient & {
  workspace: { findUnique: PrismaClient["workspace"]["findUnique"] };
  customerTraitDefinition: { findMany: PrismaClient["customerTraitDefinition"]["findMany"] };
};

/**
 * The context for evaluating `definitions` in a workspace: its lifecycle thresholds and every
 * reference they reach. Throws SegmentError("VALIDATION") when a reference cannot be resolved.
 */
export async function loadContext(
  db: ContextClient | Prisma.TransactionClient,
  workspaceId: string,
  definitions: SegmentDefinition[],
  options: { now: Date },
): Promise<EvaluationContext> {
  const workspace = await db.workspace.findUnique({ where: { id: workspaceId }, select: { settings: true } });
  const traits = await loadTraitDefinitions(db, workspaceId);
  const loader = createReferenceLoader(db, workspaceId);
  const references = emptyReferences();
  for (const definition of definitions) {
    const resolved = await resolveReferences(definition, loader);
    if (resolved.issues.length) {
      throw new SegmentError("VALIDATION", resolved.issues[0]!.message, resolved.issues);
    }
    resolved.references.segments.forEach((v, k) => references.segments.set(k, v));
    resolved.references.personas.forEach((v, k) => references.personas.set(k, v));
  }
  return createContext({ now: options.now, settings: workspace?.settings ?? {}, references, catalog: buildCatalog(traits) });
}
