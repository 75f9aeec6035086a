import "server-only";
import { db } from "@/lib/db";
import { RFM_SEGMENT_LABELS } from "@/lib/analytics/rfm";
import { authorize, parseInput, type ServiceContext } from "@/lib/domain/context";
import { DEFINITION_VERSION, type SegmentDefinition } from "@/lib/segments/definition";
import { createSegment } from "@/lib/segments/service";
import { SEGMENT_NAME_MAX } from "@/lib/segments/store";
import { rfmSegmentTargetSchema, type RfmSegmentTarget } from "@/lib/validations/insights";

/**
 * "Save as segment" from Insights → RFM: a cell of the grid becomes "RFM recency = r AND RFM
 * frequency = f", a named RFM segment becomes "RFM segment is any of [name]" — conditions in the
 * engine's own language, so the saved segment stays current as scores move.
 */
export function rfmTargetDefinition(target: RfmSegmentTarget): SegmentDefinition {
  const children: SegmentDefinition["root"]["children"] =
    target.kind === "cell"
      ? [
          { type: "value", metric: "rfm_recency", operator: "eq", value: target.recency },
          { type: "value", metric: "rfm_frequency", operator: "eq", value: target.frequency },
        ]
      : [{ type: "value", metric: "rfm_segment", operator: "in", value: [target.segment] }];
  return { version: DEFINITION_VERSION, root: { type: "group", op: "and", children } };
}

/** "RFM: Champions", "RFM: R5 F4". */
export function rfmTargetName(target: RfmSegmentTarget): string {
  return target.kind === "cell" ? `RFM: R${target.recency} F${target.frequency}` : `RFM: ${RFM_SEGMENT_LABELS[target.segment]}`;
}

/** `base`, or the first of "base (2)", "base (3)" … not among `taken` (compared ignoring case). */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const names = new Set([...taken].map((n) => n.trim().toLowerCase()));
  if (!names.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base} (${i})`.slice(0, SEGMENT_NAME_MAX);
    if (!names.has(candidate.toLowerCase())) return candidate;
  }
}

function describe(target: RfmSegmentTarget): string {
  return target.kind === "cell"
    ? `Customers with recency score ${target.recency} and frequency score ${target.frequency} (saved from Insights → RFM).`
    : `Customers in the “${RFM_SEGMENT_LABELS[target.segment]}” RFM segment (saved from Insights → RFM).`;
}

/** Saves a grid cell or a named RFM segment as a dynamic segment; a taken name gets a number. */
export async function saveRfmSegment(ctx: ServiceContext, input: unknown): Promise<{ id: string; name: string; size: number }> {
  authorize(ctx, "segments.write");
  const target = parseInput(rfmSegmentTargetSchema, input);
  const base = rfmTargetName(target);
  const existing = await db.segment.findMany({
    where: { workspaceId: ctx.workspaceId, name: { startsWith: base, mode: "insensitive" } },
    select: { name: true },
  });
  const name = uniqueName(base, existing.map((s) => s.name));
  const { id, size } = await createSegment(ctx, { name, description: describe(target), definition: rfmTargetDefinition(target) });
  return { id, name, size };
}
