import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { syncReferences } from "@/lib/segments/references";
import { createStrategySchema, type CreateStrategyInput } from "@/lib/validations/strategy";

/**
 * The demo workspace's targeting strategy: a differentiated spring plan over three demo segments,
 * each with its own message, offer and channel, with the negative personas excluded (the default),
 * opted-out customers suppressed and a 10 % holdout. A draft, so nothing is stored for it yet.
 */
const DEMO_STRATEGY = {
  name: "Spring outdoor push",
  type: "DIFFERENTIATED",
  description: "Grow repeat purchases before the hiking season: reward the best, win back the lapsed, keep the valuable ones from leaving.",
  targets: [
    { segment: "US champions and loyal customers", positioning: "Thanks for hiking with us", offer: "Early access to the spring collection", channel: "E-mail", marginPercent: 45, costToServe: 1.5 },
    { segment: "High-value customers at risk", positioning: "We kept your size", offer: "Free repairs for a year", channel: "E-mail", marginPercent: 40, costToServe: 6 },
    { segment: "Lapsed buyers", positioning: "Trails are open again", offer: "15% off a first order back", channel: "Paid social", marginPercent: 30, costToServe: 3 },
  ],
} as const;

export async function seedDemoStrategy(client: PrismaClient, workspaceId: string, options: { actorId?: string | null } = {}): Promise<{ created: number }> {
  if ((await client.targetingStrategy.count({ where: { workspaceId } })) > 0) return { created: 0 };
  const segments = await client.segment.findMany({ where: { workspaceId, name: { in: DEMO_STRATEGY.targets.map((t) => t.segment) } }, select: { id: true, name: true } });
  const id = (name: string) => {
    const found = segments.find((s) => s.name === name);
    if (!found) throw new Error(`demo strategy: the demo segment “${name}” is missing`);
    return found.id;
  };
  const input: CreateStrategyInput = {
    name: DEMO_STRATEGY.name,
    type: DEMO_STRATEGY.type,
    description: DEMO_STRATEGY.description,
    ownerId: options.actorId ?? null,
    config: {
      targets: DEMO_STRATEGY.targets.map((t) => ({ segmentId: id(t.segment), positioning: t.positioning, offer: t.offer, channel: t.channel, marginPercent: t.marginPercent, costToServe: t.costToServe })),
      weights: { attractiveness: 40, profitability: 40, compatibility: 20 },
      exclusions: { personasOff: [], segmentIds: [], suppressOptedOut: true },
      holdoutPercent: 10,
    },
  };
  const data = createStrategySchema.parse(input);
  await client.$transaction(async (tx) => {
    const row = await tx.targetingStrategy.create({
      data: {
        workspaceId,
        name: data.name,
        type: data.type,
        description: data.description,
        ownerId: data.ownerId,
        config: data.config as Prisma.InputJsonValue,
        createdById: options.actorId ?? null,
        updatedById: options.actorId ?? null,
      },
      select: { id: true },
    });
    await syncReferences(tx, workspaceId, { type: "STRATEGY", id: row.id, config: data.config });
  });
  return { created: 1 };
}
