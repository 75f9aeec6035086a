import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isTimeoutError, QUERY_TIMEOUT_MESSAGE, QueryTimeoutError, timeoutMs, withStatementTimeout, withTimedTransactions } from "@/lib/db/statement-timeout";
import { createSegment } from "@/lib/segments/store";

let workspaceId = "";

beforeAll(async () => {
  const ws = await db.workspace.create({ data: { name: "Slow", slug: `slow-${Date.now()}` } });
  workspaceId = ws.id;
  await db.customer.create({ data: { workspaceId, externalId: "c1", country: "DE" } });
  // A size snapshot that takes two seconds: stands in for a definition that is expensive to count.
  await db.$executeRaw`CREATE FUNCTION slow_snapshot() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(2); RETURN NEW; END $$ LANGUAGE plpgsql`;
  await db.$executeRaw`CREATE TRIGGER slow_snapshot BEFORE INSERT ON "SegmentSnapshot" FOR EACH ROW EXECUTE FUNCTION slow_snapshot()`;
});

const definition = { version: 1, root: { type: "group", op: "and", children: [{ type: "field", field: "country", operator: "eq", value: "de" }] } };

describe("statement time limit", () => {
  it("stops a slow read with the user-facing message", async () => {
    const started = Date.now();
    const error = await withStatementTimeout((tx) => tx.$queryRaw`SELECT pg_sleep(3)::text AS slept`, { ms: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryTimeoutError);
    expect((error as Error).message).toBe(QUERY_TIMEOUT_MESSAGE);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("lets a quick read through and leaves no setting behind", async () => {
    const rows = await withStatementTimeout((tx) => tx.$queryRaw<{ n: number }[]>`SELECT 1::int AS n`, { ms: 300 });
    expect(rows[0]?.n).toBe(1);
    const after = await db.$queryRaw<{ statement_timeout: string }[]>`SHOW statement_timeout`;
    expect(after[0]?.statement_timeout).toBe("0");
  });

  it("rolls a segment save back entirely when its snapshot runs over the limit", async () => {
    const error = await withTimedTransactions((client) => createSegment(client, workspaceId, { name: "Too slow", definition }), { ms: 300 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QueryTimeoutError);
    expect(await db.segment.count({ where: { workspaceId, name: "Too slow" } })).toBe(0);
    expect(await db.segmentSnapshot.count({ where: { workspaceId } })).toBe(0);
  });

  it("passes other errors through unchanged", async () => {
    const error = await withStatementTimeout((tx) => tx.$queryRaw`SELECT 1/0`, { ms: 300 }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(QueryTimeoutError);
    expect(isTimeoutError(error)).toBe(false);
  });

  it("reads its limits from the environment", () => {
    const saved = process.env.SEGMENT_STATEMENT_TIMEOUT_MS;
    try {
      process.env.SEGMENT_STATEMENT_TIMEOUT_MS = "1234";
      expect(timeoutMs("interactive")).toBe(1234);
      process.env.SEGMENT_STATEMENT_TIMEOUT_MS = "soon";
      expect(() => timeoutMs("interactive")).toThrow(/SEGMENT_STATEMENT_TIMEOUT_MS/);
    } finally {
      if (saved === undefined) delete process.env.SEGMENT_STATEMENT_TIMEOUT_MS;
      else process.env.SEGMENT_STATEMENT_TIMEOUT_MS = saved;
    }
  });
});
