/**
 * The demo workspace's saved segments: a handful a marketing team would really keep, each with a
 * weekly size history, so the segments list, a segment's page and the overview have something true
 * to show from the first sign-in.
 *
 * The history is computed, not invented: each weekly point is the segment's rules evaluated with
 * that week as "now" (windows such as "in the last 90 days" and lifecycle cut-offs move with it) over
 * the demo's customers and orders. Customers and orders that arrived after a point still count in
 * rules without a time window, so the history is an approximation of what the segment held then.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { countSegment } from "@/lib/segments/queries";
import { loadContext } from "@/lib/segments/context";
import { DEFINITION_VERSION, type Condition, type SegmentDefinition } from "@/lib/segments/definition";
import { createSegment } from "@/lib/segments/store";

/** Weekly history points before today. */
export const DEMO_HISTORY_WEEKS = 8;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

type DemoSegmentSpec = {
  key: string;
  name: string;
  description: string;
  /** Conditions ANDed together; `ref` conditions name another demo segment by key. */
  conditions: (Condition | { ref: string; operator: "in" | "not_in" })[];
};

export const DEMO_SEGMENTS: readonly DemoSegmentSpec[] = [
  {
    key: "champions_us",
    name: "US champions and loyal customers",
    description: "Our best customers in the United States by RFM score: recent, frequent and high-spending.",
    conditions: [
      { type: "value", metric: "rfm_segment", operator: "in", value: ["champions", "loyal"] },
      { type: "field", field: "country", operator: "eq", value: "US" },
    ],
  },
  {
    key: "outdoor_spenders",
    name: "Outdoor enthusiasts who spend",
    description: "Interested in the outdoors or fitness, with at least $300 of orders in the last 12 months.",
    conditions: [
      { type: "field", field: "interests", operator: "has_any", value: ["outdoors", "fitness"] },
      {
        type: "behavior",
        kind: "aggregate",
        subject: { source: "orders" },
        aggregate: "sum",
        window: { kind: "last", amount: 12, unit: "months" },
        operator: "gte",
        value: 300,
      },
    ],
  },
  {
    key: "lapsed",
    name: "Lapsed buyers",
    description: "Bought before, but not in the last 6 months: a win-back audience.",
    conditions: [
      {
        type: "behavior",
        kind: "aggregate",
        subject: { source: "orders" },
        aggregate: "count",
        window: { kind: "ever" },
        operator: "gte",
        value: 1,
      },
      { type: "behavior", kind: "never", subject: { source: "orders" }, window: { kind: "last", amount: 6, unit: "months" } },
    ],
  },
  {
    key: "at_risk_value",
    name: "High-value customers at risk",
    description: "Lifetime value of $500 or more, in the at-risk lifecycle stage.",
    conditions: [
      { type: "value", metric: "lifecycle_stage", operator: "in", value: ["at_risk"] },
      { type: "value", metric: "clv", operator: "gte", value: 500 },
    ],
  },
  {
    key: "new_reachable",
    name: "New and reachable by e-mail",
    description: "First seen in the last 90 days and opted in to e-mail.",
    conditions: [
      { type: "field", field: "firstSeenAt", operator: "in_last", value: { amount: 90, unit: "days" } },
      { type: "field", field: "emailOptIn", operator: "is_true" },
    ],
  },
  {
    key: "active_outdoor",
    name: "Active outdoor spenders",
    description: "Outdoor enthusiasts who spend, minus the lapsed buyers: built from two other segments.",
    conditions: [
      { ref: "outdoor_spenders", operator: "in" },
      { ref: "lapsed", operator: "not_in" },
    ],
  },
];

export type SeedDemoSegmentsResult = { created: number; snapshots: number };

/**
 * Saves the demo segments with their weekly history into `workspaceId`. Does nothing when the
 * workspace already has segments, so a second start never duplicates them.
 */
export async function seedDemoSegments(
  client: PrismaClient,
  workspaceId: string,
  options: { now?: Date; actorId?: string | null } = {},
): Promise<SeedDemoSegmentsResult> {
  if ((await client.segment.count({ where: { workspaceId } })) > 0) return { created: 0, snapshots: 0 };
  const now = options.now ?? new Date();
  const ids = new Map<string, string>();
  let snapshots = 0;

  for (const spec of DEMO_SEGMENTS) {
    const definition: SegmentDefinition = {
      version: DEFINITION_VERSION,
      root: {
        type: "group",
        op: "and",
        children: spec.conditions.map((c): Condition => {
          if (!("ref" in c)) return c;
          const id = ids.get(c.ref);
          if (!id) throw new Error(`demo segment ${spec.key} refers to ${c.ref}, which is not saved before it`);
          return { type: "membership", target: "segment", operator: c.operator, id };
        }),
      },
    };
    // Created at the first history point, so the list's "created" dates are as old as the history.
    const first = new Date(now.getTime() - DEMO_HISTORY_WEEKS * WEEK_MS);
    const { segment } = await createSegment(
      client,
      workspaceId,
      { name: spec.name, description: spec.description, definition, actorId: options.actorId ?? null },
      { now: first },
    );
    ids.set(spec.key, segment.id);
    snapshots += 1;

    const points: { size: number; takenAt: Date }[] = [];
    for (let week = DEMO_HISTORY_WEEKS - 1; week >= 0; week -= 1) {
      const at = new Date(now.getTime() - week * WEEK_MS);
      const ctx = await loadContext(client, workspaceId, [definition], { now: at });
      points.push({ size: await countSegment(client, workspaceId, definition, ctx), takenAt: at });
    }
    await client.segmentSnapshot.createMany({
      data: points.map((p) => ({ workspaceId, segmentId: segment.id, size: p.size, takenAt: p.takenAt })),
    });
    await client.segment.update({
      where: { workspaceId_id: { workspaceId, id: segment.id } },
      data: { createdAt: first, updatedAt: first },
    });
    snapshots += points.length;
  }
  return { created: DEMO_SEGMENTS.length, snapshots };
}
