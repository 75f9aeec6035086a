/**
 * The expanded size of a definition: its conditions counted through every reference, as if each
 * referenced segment or persona were written out in place (a segment referenced twice counts
 * twice). The engine never writes them out — it compiles each referenced segment once — but the
 * expanded size bounds what a definition may mean, so a chain of references cannot grow without
 * limit, one save at a time.
 *
 * `LIMITS.maxExpandedConditions` is checked when a definition is saved and, for every segment or
 * persona that reaches it, when a segment it references is saved.
 */
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { definitionSchema, LIMITS, type Group, type SegmentDefinition } from "@/lib/segments/definition";
import { personaGroup } from "@/lib/segments/semantics";
import { SegmentError } from "@/lib/segments/errors";

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

type GraphClient = {
  segment: { findMany: PrismaClient["segment"]["findMany"] };
  persona: { findMany: PrismaClient["persona"]["findMany"] };
};

/**
 * Refuses a new definition for segment `selfId` when it would push a segment or persona that refers
 * to it (directly or through others) past the expanded-size limit, naming that dependant.
 */
export async function assertDependantsWithinLimit(
  db: GraphClient | Prisma.TransactionClient,
  workspaceId: string,
  selfId: string,
  definition: SegmentDefinition,
): Promise<void> {
  const [segments, personas] = await Promise.all([
    db.segment.findMany({ where: { workspaceId, kind: "DYNAMIC" }, select: { id: true, name: true, definition: true } }),
    db.persona.findMany({ where: { workspaceId }, select: { id: true, name: true, definition: true, segmentId: true } }),
  ]);
  const groups = new Map<ReferenceKey, Group>();
  const names = new Map<ReferenceKey, string>();
  for (const s of segments) {
    const key: ReferenceKey = `segment:${s.id}`;
    names.set(key, `segment “${s.name}”`);
    if (s.id === selfId) continue;
    const parsed = definitionSchema.safeParse(s.definition);
    if (parsed.success) groups.set(key, parsed.data.root);
  }
  groups.set(`segment:${selfId}`, definition.root);
  for (const p of personas) {
    const key: ReferenceKey = `persona:${p.id}`;
    names.set(key, `persona “${p.name}”`);
    const parsed = p.definition === null ? null : definitionSchema.safeParse(p.definition);
    if (parsed && !parsed.success) continue;
    groups.set(key, personaGroup({ definition: parsed ? parsed.data : null, segmentId: p.segmentId }));
  }

  // Who refers to whom, reversed: the dependants of `selfId` are those that reach it.
  const referrers = new Map<ReferenceKey, ReferenceKey[]>();
  for (const [key, group] of groups) {
    for (const ref of referencesOf(group)) {
      const list = referrers.get(ref) ?? [];
      list.push(key);
      referrers.set(ref, list);
    }
  }
  const self: ReferenceKey = `segment:${selfId}`;
  const seen = new Set<ReferenceKey>([self]);
  const queue: ReferenceKey[] = [self];
  const resolve: ResolveReference = (key) => groups.get(key);
  while (queue.length) {
    const key = queue.shift()!;
    for (const dependant of referrers.get(key) ?? []) {
      if (seen.has(dependant)) continue;
      seen.add(dependant);
      queue.push(dependant);
      const size = expandedSize(groups.get(dependant)!, resolve);
      if (size > LIMITS.maxExpandedConditions) {
        const message = `This change would make ${names.get(dependant) ?? "a segment"}, which refers to this segment, too large to evaluate: ${formatCount(size)} conditions with its references, at most ${LIMITS.maxExpandedConditions.toLocaleString("en-US")}. Simplify this segment, or change ${names.get(dependant) ?? "that segment"} first.`;
        throw new SegmentError("VALIDATION", message, [{ path: "root", message }]);
      }
    }
  }
}

function referencesOf(group: Group): ReferenceKey[] {
  const out: ReferenceKey[] = [];
  const walk = (g: Group) => {
    for (const child of g.children) {
      if (child.type === "group") walk(child);
      else if (child.type === "membership") out.push(`${child.target}:${child.id}`);
    }
  };
  walk(group);
  return out;
}
