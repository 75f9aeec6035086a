import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { QUERY_TIMEOUT_MESSAGE } from "@/lib/db/statement-timeout";
import { resetPreviewLimitsForTesting } from "@/lib/segments/preview-limit";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () =>
    session.userId ? db.user.findUnique({ where: { id: session.userId }, select: { id: true, email: true, name: true } }) : null,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { createSegmentAction, previewSegmentAction } = await import("@/lib/actions/segments");

const saved = { ...process.env };
let workspaceId = "";
const users = { editor: "", viewer: "" };
const definition = { version: 1, root: { type: "group", op: "and", children: [{ type: "field", field: "country", operator: "eq", value: "de" }] } };

beforeAll(async () => {
  const ws = await db.workspace.create({ data: { name: "Limits", slug: `limits-${Date.now()}` } });
  workspaceId = ws.id;
  for (const role of ["EDITOR", "VIEWER"] as const) {
    const u = await db.user.create({ data: { email: `${role.toLowerCase()}-${Date.now()}@example.test`, name: role } });
    users[role === "EDITOR" ? "editor" : "viewer"] = u.id;
    await db.membership.create({ data: { workspaceId, userId: u.id, role } });
  }
  await db.customer.createMany({ data: [{ workspaceId, externalId: "c1", country: "DE" }, { workspaceId, externalId: "c2", country: "FR" }] });
});

beforeEach(() => {
  resetPreviewLimitsForTesting();
});

afterAll(() => {
  process.env = { ...saved };
  resetPreviewLimitsForTesting();
});

describe("resource limits on segment actions", () => {
  it("rate-limits live counts per user with a clear message", async () => {
    process.env.PREVIEW_RATE_LIMIT_PER_MINUTE = "2";
    session.userId = users.viewer;
    expect(await previewSegmentAction(workspaceId, { definition })).toMatchObject({ ok: true, data: { size: 1 } });
    expect(await previewSegmentAction(workspaceId, { definition })).toMatchObject({ ok: true });
    const refused = await previewSegmentAction(workspaceId, { definition });
    expect(refused).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    if (!refused.ok) expect(refused.error).toMatch(/Too many live counts/);
    session.userId = users.editor;
    expect(await previewSegmentAction(workspaceId, { definition })).toMatchObject({ ok: true });
  });

  it("answers a save whose count runs over the time limit with the timeout message, and keeps nothing", async () => {
    process.env.SEGMENT_STATEMENT_TIMEOUT_MS = "300";
    await db.$executeRaw`CREATE FUNCTION slow_snapshot() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(2); RETURN NEW; END $$ LANGUAGE plpgsql`;
    await db.$executeRaw`CREATE TRIGGER slow_snapshot BEFORE INSERT ON "SegmentSnapshot" FOR EACH ROW EXECUTE FUNCTION slow_snapshot()`;
    try {
      session.userId = users.editor;
      const result = await createSegmentAction(workspaceId, { name: "Slow one", definition });
      expect(result).toEqual({ ok: false, code: "TIMEOUT", error: QUERY_TIMEOUT_MESSAGE });
      expect(await db.segment.count({ where: { workspaceId, name: "Slow one" } })).toBe(0);
      expect(await db.auditLog.count({ where: { workspaceId, action: "segment.created" } })).toBe(0);
    } finally {
      await db.$executeRaw`DROP TRIGGER slow_snapshot ON "SegmentSnapshot"`;
      delete process.env.SEGMENT_STATEMENT_TIMEOUT_MS;
    }
    const ok = await createSegmentAction(workspaceId, { name: "Quick one", definition });
    expect(ok).toMatchObject({ ok: true, data: { size: 1 } });
  });
});
