/**
 * Planner statistics after bulk writes. The embedded database has no autovacuum daemon, so without
 * this its planner never learns how many customers, orders or events a workspace holds and picks
 * nested loops that re-run an aggregate once per customer; on PostgreSQL, autovacuum catches up
 * only some time after a large import. `ANALYZE` samples a bounded number of rows per table, so it
 * takes well under a second even on millions of rows.
 */
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

/** The tables bulk writes fill; identifiers come only from this list. */
export const ANALYZED_TABLES = ["Customer", "Order", "Event", "CustomerMetrics", "SegmentMember"] as const;
export type AnalyzedTable = (typeof ANALYZED_TABLES)[number];

export async function refreshPlannerStatistics(
  client: Pick<PrismaClient, "$executeRaw"> | Pick<Prisma.TransactionClient, "$executeRaw">,
  tables: readonly AnalyzedTable[] = ANALYZED_TABLES,
): Promise<void> {
  const list = tables.filter((t) => (ANALYZED_TABLES as readonly string[]).includes(t));
  if (list.length === 0) return;
  // Identifiers from the fixed list above, never from input.
  await client.$executeRaw(Prisma.sql`ANALYZE ${Prisma.raw(list.map((t) => `"${t}"`).join(", "))}`);
}
