import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () =>
    session.userId ? db.user.findUnique({ where: { id: session.userId }, select: { id: true, email: true, name: true } }) : null,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { createSegmentAction, updateSegmentAction, deleteSegmentAction, archiveSegmentAction, duplicateSegmentAction, previewSegmentAction } =
  await import("@/lib/actions/segments");

const users: Record<Role | "outsider", string> = { OWNER: "", ADMIN: "", EDITOR: "", VIEWER: "", outsider: "" };
let workspaceId = "";
let otherWorkspaceId = "";

const byCountry = (countries: string[]) => ({
  version: 1,
  root: { type: "group", op: "and", children: [{ type: "field", field: "country", operator: "in", value: countries }] },
});

beforeAll(async () => {
  const ws = await db.workspace.create({ data: { name: "Segments", slug: `seg-${Date.now()}` } });
  const other = await db.workspace.create({ data: { name: "Other", slug: `seg-other-${Date.now()}` } });
  workspaceId = ws.id;
  otherWorkspaceId = other.id;
  for (const role of ["OWNER", "ADMIN", "EDITOR", "VIEWER", "outsider"] as const) {
    const u = await db.user.create({ data: { email: `${role.toLowerCase()}-${Date.now()}@example.test`, name: role } });
    users[role] = u.id;
    if (role !== "outsider") await db.membership.create({ data: { workspaceId, userId: u.id, role } });
  }
  await db.membership.create({ data: { workspaceId: otherWorkspaceId, userId: users.outsider, role: "OWNER" } });
  const countries = ["US", "US", "GB", "DE", "FR"];
  await db.customer.createMany({ data: countries.map((country, i) => ({ workspaceId, externalId: `c${i}`, country })) });
  await db.customer.createMany({ data: [{ workspaceId: otherWorkspaceId, externalId: "x1", country: "US" }] });
});

beforeEach(() => {
  session.userId = null;
});

describe("segment actions", () => {
  it("lets editors create, counting only the workspace's own customers, and writes the audit log", async () => {
    session.userId = users.EDITOR;
    const result = await createSegmentAction(workspaceId, { name: "Americans", definition: byCountry(["US"]) });
    expect(result).toMatchObject({ ok: true, data: { size: 2 } });
    if (!result.ok) return;
    const snapshot = await db.segmentSnapshot.findFirst({ where: { workspaceId, segmentId: result.data.id } });
    expect(snapshot?.size).toBe(2);
    expect(await db.auditLog.count({ where: { workspaceId, action: "segment.created", targetId: result.data.id } })).toBe(1);
  });

  it("refuses viewers, and answers outsiders as for an unknown workspace", async () => {
    session.userId = users.VIEWER;
    expect(await createSegmentAction(workspaceId, { name: "Nope", definition: byCountry(["US"]) })).toMatchObject({ code: "FORBIDDEN" });
    // …but a viewer may preview (reading is allowed).
    expect(await previewSegmentAction(workspaceId, { definition: byCountry(["US", "GB"]) })).toMatchObject({ ok: true, data: { size: 3, total: 5 } });
    session.userId = users.outsider;
    expect(await previewSegmentAction(workspaceId, { definition: byCountry(["US"]) })).toMatchObject({ code: "NOT_FOUND" });
    expect(await db.segment.count({ where: { workspaceId, name: "Nope" } })).toBe(0);
  });

  it("names the path of a bad rule", async () => {
    session.userId = users.EDITOR;
    const bad = { version: 1, root: { type: "group", op: "and", children: [{ type: "field", field: "shoe_size", operator: "eq", value: "42" }] } };
    const result = await createSegmentAction(workspaceId, { name: "Bad", definition: bad });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors ?? {})).toContain("root.children[0].field");
  });

  it("refuses a stale save without losing the first one", async () => {
    session.userId = users.EDITOR;
    const created = await createSegmentAction(workspaceId, { name: "Europe", definition: byCountry(["DE"]) });
    if (!created.ok) throw new Error(created.error);
    const id = created.data.id;
    const first = await updateSegmentAction(workspaceId, { id, expectedVersion: 1, name: "Europe", definition: byCountry(["DE", "FR"]) });
    expect(first).toMatchObject({ ok: true, data: { version: 2, size: 2 } });
    const second = await updateSegmentAction(workspaceId, { id, expectedVersion: 1, name: "Europe", definition: byCountry(["GB"]) });
    expect(second).toMatchObject({ ok: false, code: "CONFLICT" });
    if (!second.ok) expect(second.error).toMatch(/Someone else saved this segment/);
    const stored = await db.segment.findFirstOrThrow({ where: { workspaceId, id } });
    expect(stored.version).toBe(2);
    expect(JSON.stringify(stored.definition)).toContain("FR");
  });

  it("refuses to delete a segment another one uses, naming it; archive and duplicate work", async () => {
    session.userId = users.ADMIN;
    const base = await createSegmentAction(workspaceId, { name: "Base", definition: byCountry(["US"]) });
    if (!base.ok) throw new Error(base.error);
    const ref = { version: 1, root: { type: "group", op: "and", children: [{ type: "membership", target: "segment", operator: "in", id: base.data.id }] } };
    const user = await createSegmentAction(workspaceId, { name: "Uses base", definition: ref });
    expect(user.ok).toBe(true);
    const refused = await deleteSegmentAction(workspaceId, { id: base.data.id });
    expect(refused).toMatchObject({ ok: false, code: "CONFLICT" });
    if (!refused.ok) expect(refused.error).toContain("“Uses base”");
    expect(await archiveSegmentAction(workspaceId, { id: base.data.id, archived: true })).toMatchObject({ ok: true });
    const copy = await duplicateSegmentAction(workspaceId, { id: base.data.id });
    expect(copy).toMatchObject({ ok: true, data: { size: 2 } });
  });

  it("cannot touch or reference another workspace's segment", async () => {
    session.userId = users.outsider;
    const foreign = await createSegmentAction(otherWorkspaceId, { name: "Mine", definition: byCountry(["US"]) });
    if (!foreign.ok) throw new Error(foreign.error);
    session.userId = users.OWNER;
    expect(await deleteSegmentAction(workspaceId, { id: foreign.data.id })).toMatchObject({ code: "NOT_FOUND" });
    const ref = { version: 1, root: { type: "group", op: "and", children: [{ type: "membership", target: "segment", operator: "in", id: foreign.data.id }] } };
    const result = await createSegmentAction(workspaceId, { name: "Sneaky", definition: ref });
    expect(result.ok).toBe(false);
    expect(await db.segment.count({ where: { workspaceId: otherWorkspaceId } })).toBe(1);
  });
});
