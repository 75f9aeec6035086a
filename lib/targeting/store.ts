import "server-only";
import { db } from "@/lib/db";
import { readStrategyConfig } from "@/lib/dal/strategies";
import type { EvaluationClient } from "@/lib/segments/evaluate";
import type { StrategyConfig, StrategyTypeKey } from "@/lib/validations/strategy";

export type StoredStrategy = {
  id: string;
  name: string;
  type: StrategyTypeKey;
  status: "DRAFT" | "ACTIVE" | "ARCHIVED";
  version: number;
  /** null when the stored settings no longer parse (the page asks to save them again). */
  config: StrategyConfig | null;
};

/** One strategy of the workspace with its settings read through the schema; null when not found. */
export async function loadStrategy(workspaceId: string, id: string, client: EvaluationClient = db): Promise<StoredStrategy | null> {
  if (id.length > 64) return null;
  const row = await client.targetingStrategy.findFirst({ where: { workspaceId, id }, select: { id: true, name: true, type: true, status: true, version: true, config: true } });
  if (!row) return null;
  const { config, readable } = readStrategyConfig(row.config);
  return { ...row, config: readable ? config : null };
}
