import "server-only";
import { db } from "@/lib/db";
import type { EvaluationClient } from "@/lib/segments/evaluate";
import { strategyConfigSchema, type StrategyConfig, type StrategyTypeKey } from "@/lib/validations/strategy";

export type StoredStrategy = {
  id: string;
  name: string;
  type: StrategyTypeKey;
  status: "DRAFT" | "ACTIVE" | "ARCHIVED";
  version: number;
  /** null when the stored settings no longer parse (the page asks to save them again). */
  config: StrategyConfig | null;
};

/** One strategy of the workspace, its settings read again through the schema; null when not found. */
export async function loadStrategy(workspaceId: string, id: string, client: EvaluationClient = db): Promise<StoredStrategy | null> {
  const row = await client.targetingStrategy.findFirst({ where: { workspaceId, id }, select: { id: true, name: true, type: true, status: true, version: true, config: true } });
  if (!row) return null;
  const config = strategyConfigSchema.safeParse(row.config);
  return { ...row, config: config.success ? config.data : null };
}

/** The workspace's strategies for a picker: id, name, type, status (newest first, at most 200). */
export async function strategyChoices(workspaceId: string) {
  return db.targetingStrategy.findMany({ where: { workspaceId }, select: { id: true, name: true, type: true, status: true }, orderBy: { updatedAt: "desc" }, take: 200 });
}
