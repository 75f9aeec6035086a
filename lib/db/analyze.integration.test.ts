import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { importText } from "@/lib/imports/test-helpers";
import { createTestWorkspace } from "@/lib/segments/test-fixtures";

/** The planner's row estimate for a table (-1 or 0 until statistics are collected). */
async function estimatedRows(table: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT reltuples::float8 AS n FROM pg_class WHERE relname = ${table}`;
  return Number(row?.n ?? -1);
}

describe("planner statistics", () => {
  it("are collected when an import finishes, so the planner knows how many customers there are", async () => {
    const ws = await createTestWorkspace(db);
    const rows = Array.from({ length: 120 }, (_, i) => `C${i},c${i}@example.com,US`).join("\n");
    const before = await estimatedRows("Customer");
    const result = await importText(db, ws, "CUSTOMERS", `Customer ID,Email,Country\n${rows}\n`);
    expect(result.outcome.status).toBe("COMPLETED");
    expect(before).toBeLessThan(120);
    // Without ANALYZE a fresh table keeps its initial estimate (-1 on PostgreSQL 15, 0 on PGlite).
    expect(await estimatedRows("Customer")).toBeGreaterThanOrEqual(120);
  });
});
