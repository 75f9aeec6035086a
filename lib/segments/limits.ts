/**
 * The expanded size of a definition: its conditions counted through every reference, as if each
 * referenced segment or persona were written out in place (a segment referenced twice counts
 * twice). The engine never writes them out — it compiles each referenced segment once — but the
 * expanded size bounds what a definition may mean, so a chain of references cannot grow without
 * limit, one save at a time.
 *
 * `LIMITS.maxExpandedConditions` is checked when a definition is saved and, for every segment or
 * persona that reaches it (found in the reference rows), when a segment it references is saved.
 */
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { definitionSchema, LIMITS, type Group, type SegmentDefinition } from "@/lib/segments/definition";
import { personaGroup } from "@/lib/segments/semantics";
import { SegmentError } from "@/lib/segments/errors";
import { extractReferences, nodeKey, reachableReferences, splitNodeKey, type NodeKey } from "@/lib/segments/references";

export type ReferenceKey = `segment:${string}` | `persona:${string}`;

/** The rules behind a reference: a group, or null for one with none (a static segment). */
export type ResolveReference = (key: ReferenceKey) => Group | null | undefined;

/** Counts saturate here: the exact figure above it does not matter. */
const SATURATED = 1e12;

/**
 * Conditions of `root`, each membership condition counting 1 plus the expanded size of what it
 * references (memoised per reference, so this runs in time linear in the distinct definitions).
 * Unknown references and cycles add nothing (validation reports those on their own).
 */
export function expandedSize(root: Group, resolve: ResolveReference): number {
  const memo = new Map<ReferenceKey, number>();
  const visiting = new Set<ReferenceKey>();
  const sizeOfReference = (key: ReferenceKey): number => {
    const known = memo.get(key);
    if (known !== undefined) return known;
    if (visiting.has(key)) return 0;
    const group = resolve(key);
    if (!group) return 0;
    visiting.add(key);
    const size = sizeOfGroup(group);
    visiting.delete(key);
    memo.set(key, size);
    return size;
  };
  const sizeOfGroup = (group: Group): number => {
    let total = 0;
    for (const child of group.children) {
      if (child.type === "group") total += sizeOfGroup(child);
      else if (child.type === "membership") total += 1 + sizeOfReference(`${child.target}:${child.id}`);
      else total += 1;
      if (total >= SATURATED) return SATURATED;
    }
    return total;
  };
  return sizeOfGroup(root);
}

export function expandedSizeMessage(size: number): string {
  return `With the segments and personas it refers to, this definition has ${formatCount(size)} conditions; at most ${LIMITS.maxExpandedConditions.toLocaleString("en-US")} are allowed. Refer to fewer or smaller segments.`;
}

function formatCount(size: number): string {
  return size >= SATURATED ? "more than a trillion" : size.toLocaleString("en-US");
}

/**
 * Refuses a new definition for segment `selfId` when it would push a segment or persona that refers
 * to it (directly or through others) past the expanded-size limit, naming that dependant.
 *
 * The dependants and everything they reach are found in the reference rows (references.ts); only
 * those definitions are read, and none at all when nothing refers to the segment.
 */
export async function assertDependantsWithinLimit(
  db: PrismaClient | Prisma.TransactionClient,
  workspaceId: string,
  selfId: string,
  definition: SegmentDefinition,
): Promise<void> {
  const self: ReferenceKey = `segment:${selfId}`;
  const stopAt = { type: "SEGMENT", id: selfId } as const;
  const backward = await reachableReferences(db, workspaceId, [stopAt], { direction: "backward" });
  if (backward.length === 0) return;

  // The dependants, nearest first (breadth-first from the segment being changed).
  const referrers = new Map<NodeKey, NodeKey[]>();
  for (const e of backward) referrers.set(e.to, [...(referrers.get(e.to) ?? []), e.from]);
  const dependants: NodeKey[] = [];
  const seen = new Set<NodeKey>([nodeKey(stopAt)]);
  const queue: NodeKey[] = [nodeKey(stopAt)];
  while (queue.length) {
    for (const from of referrers.get(queue.shift()!) ?? []) {
      if (seen.has(from)) continue;
      seen.add(from);
      dependants.push(from);
      queue.push(from);
    }
  }

  // Everything the dependants and the new definition reach, with the segment's saved references
  // replaced by the new ones.
  const start = [...dependants.map(splitNodeKey), ...extractReferences(definition)];
  const forward = await reachableReferences(db, workspaceId, start, { direction: "forward", stopAt });
  const reached = new Set<NodeKey>([...dependants, ...forward.flatMap((e) => [e.from, e.to])]);
  reached.delete(nodeKey(stopAt));
  const ids = (type: "SEGMENT" | "PERSONA") => [...reached].map(splitNodeKey).filter((k) => k.type === type).map((k) => k.id);
  const [segments, personas] = await Promise.all([
    db.segment.findMany({ where: { workspaceId, kind: "DYNAMIC", id: { in: ids("SEGMENT") } }, select: { id: true, name: true, definition: true } }),
    db.persona.findMany({ where: { workspaceId, id: { in: ids("PERSONA") } }, select: { id: true, name: true, definition: true, segmentId: true } }),
  ]);

  const groups = new Map<ReferenceKey, Group>([[self, definition.root]]);
  const names = new Map<ReferenceKey, string>();
  for (const s of segments) {
    const key: ReferenceKey = `segment:${s.id}`;
    names.set(key, `segment “${s.name}”`);
    const parsed = definitionSchema.safeParse(s.definition);
    if (parsed.success) groups.set(key, parsed.data.root);
  }
  for (const p of personas) {
    const key: ReferenceKey = `persona:${p.id}`;
    names.set(key, `persona “${p.name}”`);
    const parsed = p.definition === null ? null : definitionSchema.safeParse(p.definition);
    if (parsed && !parsed.success) continue;
    groups.set(key, personaGroup({ definition: parsed ? parsed.data : null, segmentId: p.segmentId }));
  }
  const resolve: ResolveReference = (key) => groups.get(key);
  for (const dependant of dependants) {
    const { type, id } = splitNodeKey(dependant);
    const key: ReferenceKey = `${type === "SEGMENT" ? "segment" : "persona"}:${id}`;
    const group = groups.get(key);
    if (!group) continue;
    const size = expandedSize(group, resolve);
    if (size > LIMITS.maxExpandedConditions) {
      const message = `This change would make ${names.get(key) ?? "a segment"}, which refers to this segment, too large to evaluate: ${formatCount(size)} conditions with its references, at most ${LIMITS.maxExpandedConditions.toLocaleString("en-US")}. Simplify this segment, or change ${names.get(key) ?? "that segment"} first.`;
      throw new SegmentError("VALIDATION", message, [{ path: "root", message }]);
    }
  }
}
