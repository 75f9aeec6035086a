import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () =>
    session.userId ? db.user.findUnique({ where: { id: session.userId }, select: { id: true, email: true, name: true } }) : null,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { addToStaticSegment, removeFromStaticSegment, staticSegmentChoices } = await import("@/lib/actions/segment-members");
const { createSegmentAction, archiveSegmentAction } = await import("@/lib/actions/segments");

const users: Record<Role | "outsider", string> = { OWNER: "", ADMIN: "", EDITOR: "", VIEWER: "", outsider: "" };
let workspaceId = "";
let workspaceSlug = "";
let otherWorkspaceId = "";
/** Customer ids of the workspace under test, in creation order. */
let ids: number[] = [];
let foreignId = 0;

const byCountry = (countries: string[]) => ({
  version: 1,
  root: { type: "group", op: "and", children: [{ type: "field", field: "country", operator: "in", value: countries }] },
});

async function memberIds(segmentId: string) {
  const rows = await db.segmentMember.findMany({ where: { workspaceId, segmentId }, orderBy: { customerId: "asc" }, select: { customerId: true } });
  return rows.map((r) => r.customerId);
}

async function sizes(segmentId: string) {
  const rows = await db.segmentSnapshot.findMany({ where: { workspaceId, segmentId }, orderBy: { takenAt: "asc" }, select: { size: true } });
  return rows.map((r) => r.size);
}

async function newStatic(name: string, customerIds: number[]) {
  session.userId = users.EDITOR;
  const result = await addToStaticSegment(workspaceId, { newSegmentName: name, customerIds });
  if (!result.ok) throw new Error(result.error);
  return result.data.segmentId;
}

beforeAll(async () => {
  const stamp = Date.now();
  const ws = await db.workspace.create({ data: { name: "Static", slug: `static-${stamp}` } });
  const other = await db.workspace.create({ data: { name: "Other", slug: `static-other-${stamp}` } });
  workspaceId = ws.id;
  workspaceSlug = ws.slug;
  otherWorkspaceId = other.id;
  for (const role of ["OWNER", "ADMIN", "EDITOR", "VIEWER", "outsider"] as const) {
    const u = await db.user.create({ data: { email: `${role.toLowerCase()}-static-${stamp}@example.test`, name: role } });
    users[role] = u.id;
    if (role !== "outsider") await db.membership.create({ data: { workspaceId, userId: u.id, role } });
  }
  await db.membership.create({ data: { workspaceId: otherWorkspaceId, userId: users.outsider, role: "OWNER" } });
  for (const [i, country] of ["US", "US", "GB", "DE", "FR"].entries()) {
    const c = await db.customer.create({ data: { workspaceId, externalId: `c${i}`, firstName: `Customer ${i}`, country } });
    ids.push(c.id);
  }
  ids = ids.sort((a, b) => a - b);
  foreignId = (await db.customer.create({ data: { workspaceId: otherWorkspaceId, externalId: "x1", country: "US" } })).id;
});

beforeEach(() => {
  session.userId = null;
});

describe("addToStaticSegment", () => {
  it("creates a static segment by name and adds the customers, with audit entries and a size snapshot", async () => {
    session.userId = users.EDITOR;
    const result = await addToStaticSegment(workspaceId, { newSegmentName: "  VIPs by hand ", customerIds: [ids[0], ids[2]] });
    expect(result).toMatchObject({
      ok: true,
      data: { segmentName: "VIPs by hand", created: true, added: 2, alreadyIn: 0, size: 2, message: "2 customers added to “VIPs by hand”" },
    });
    if (!result.ok) return;
    const id = result.data.segmentId;
    const segment = await db.segment.findFirstOrThrow({ where: { workspaceId, id } });
    expect(segment).toMatchObject({ kind: "STATIC", name: "VIPs by hand", createdById: users.EDITOR });
    expect(await memberIds(id)).toEqual([ids[0], ids[2]]);
    expect(await sizes(id)).toEqual([2]);
    const audit = await db.auditLog.findMany({ where: { workspaceId, targetId: id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action).sort()).toEqual(["segment.created", "segment.members_added"]);
    expect(audit.find((a) => a.action === "segment.members_added")?.metadata).toMatchObject({ name: "VIPs by hand", count: 2, selected: 2, size: 2 });
  });

  it("counts customers already in the segment (and repeated ids) once", async () => {
    const id = await newStatic("Repeat buyers", [ids[0]!, ids[1]!]);
    session.userId = users.ADMIN;
    const result = await addToStaticSegment(workspaceId, { segmentId: id, customerIds: [ids[1], ids[2], ids[2], ids[3]] });
    expect(result).toMatchObject({
      ok: true,
      data: { created: false, added: 2, alreadyIn: 1, size: 4, message: "2 customers added to “Repeat buyers” (1 already in it)" },
    });
    expect(await memberIds(id)).toEqual(ids.slice(0, 4));
    expect(await sizes(id)).toEqual([2, 4]);
    const again = await addToStaticSegment(workspaceId, { segmentId: id, customerIds: [ids[0]] });
    expect(again).toMatchObject({ ok: true, data: { added: 0, alreadyIn: 1, size: 4 } });
  });

  it("refuses viewers on the server, and answers outsiders as for an unknown workspace", async () => {
    const id = await newStatic("Viewer proof", [ids[0]!]);
    session.userId = users.VIEWER;
    expect(await addToStaticSegment(workspaceId, { segmentId: id, customerIds: [ids[1]] })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await addToStaticSegment(workspaceId, { newSegmentName: "Viewer list", customerIds: [ids[1]] })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await removeFromStaticSegment(workspaceId, { segmentId: id, customerIds: [ids[0]] })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    session.userId = users.outsider;
    expect(await addToStaticSegment(workspaceId, { segmentId: id, customerIds: [ids[1]] })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    session.userId = null;
    expect(await addToStaticSegment(workspaceId, { segmentId: id, customerIds: [ids[1]] })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await memberIds(id)).toEqual([ids[0]]);
    expect(await db.segment.count({ where: { workspaceId, name: "Viewer list" } })).toBe(0);
  });

  it("refuses another workspace's customers with a clear message, writing nothing", async () => {
    const id = await newStatic("Mixed", [ids[0]!]);
    const auditBefore = await db.auditLog.count({ where: { workspaceId } });
    const snapshotsBefore = await sizes(id);
    const result = await addToStaticSegment(workspaceId, { segmentId: id, customerIds: [ids[1], foreignId] });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    if (!result.ok) expect(result.error).toMatch(/One of the selected customers is not in this workspace .*Nothing was changed\./);
    expect(await memberIds(id)).toEqual([ids[0]]);
    expect(await sizes(id)).toEqual(snapshotsBefore);

    const created = await addToStaticSegment(workspaceId, { newSegmentName: "Never made", customerIds: [foreignId, ids[2]] });
    expect(created).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await db.segment.count({ where: { workspaceId, name: "Never made" } })).toBe(0);
    expect(await db.auditLog.count({ where: { workspaceId } })).toBe(auditBefore);
    expect(await db.segmentMember.count({ where: { customerId: foreignId } })).toBe(0);
  });

  it("cannot reach another workspace's static segment", async () => {
    session.userId = users.outsider;
    const foreign = await addToStaticSegment(otherWorkspaceId, { newSegmentName: "Theirs", customerIds: [foreignId] });
    if (!foreign.ok) throw new Error(foreign.error);
    session.userId = users.OWNER;
    expect(await addToStaticSegment(workspaceId, { segmentId: foreign.data.segmentId, customerIds: [ids[0]] })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await removeFromStaticSegment(workspaceId, { segmentId: foreign.data.segmentId, customerIds: [ids[0]] })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await db.segmentMember.count({ where: { segmentId: foreign.data.segmentId } })).toBe(1);
  });

  it("refuses a dynamic segment and an archived static one", async () => {
    session.userId = users.EDITOR;
    const dynamic = await createSegmentAction(workspaceId, { name: "Americans", definition: byCountry(["US"]) });
    if (!dynamic.ok) throw new Error(dynamic.error);
    const refused = await addToStaticSegment(workspaceId, { segmentId: dynamic.data.id, customerIds: [ids[3]] });
    expect(refused).toMatchObject({ ok: false, code: "VALIDATION" });
    if (!refused.ok) expect(refused.error).toContain("“Americans” is a dynamic segment");
    expect(await removeFromStaticSegment(workspaceId, { segmentId: dynamic.data.id, customerIds: [ids[0]] })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await db.segmentMember.count({ where: { workspaceId, segmentId: dynamic.data.id } })).toBe(0);

    const id = await newStatic("Old list", [ids[0]!]);
    expect(await archiveSegmentAction(workspaceId, { id, archived: true })).toMatchObject({ ok: true });
    const archived = await addToStaticSegment(workspaceId, { segmentId: id, customerIds: [ids[1]] });
    expect(archived).toMatchObject({ ok: false, code: "VALIDATION" });
    if (!archived.ok) expect(archived.error).toContain("archived");
    expect(await removeFromStaticSegment(workspaceId, { segmentId: id, customerIds: [ids[0]] })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await memberIds(id)).toEqual([ids[0]]);
  });

  it("checks its input", async () => {
    session.userId = users.EDITOR;
    const id = await newStatic("Input checks", [ids[0]!]);
    expect(await addToStaticSegment(workspaceId, { segmentId: id, customerIds: [] })).toMatchObject({ ok: false, code: "VALIDATION" });
    const tooMany = Array.from({ length: 501 }, (_, i) => i + 1);
    expect(await addToStaticSegment(workspaceId, { segmentId: id, customerIds: tooMany })).toMatchObject({ ok: false, code: "VALIDATION" });
    const both = await addToStaticSegment(workspaceId, { segmentId: id, newSegmentName: "Both", customerIds: [ids[1]] });
    expect(both).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { segmentId: ["Pick a static segment or name a new one."] } });
    expect(await addToStaticSegment(workspaceId, { newSegmentName: "   ", customerIds: [ids[1]] })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await memberIds(id)).toEqual([ids[0]]);
  });
});

describe("removeFromStaticSegment", () => {
  it("removes the members named (ignoring non-members), with an audit entry and a snapshot", async () => {
    const id = await newStatic("Shortlist", [ids[0]!, ids[1]!, ids[2]!]);
    session.userId = users.OWNER;
    const result = await removeFromStaticSegment(workspaceId, { segmentId: id, customerIds: [ids[1], ids[4]] });
    expect(result).toMatchObject({ ok: true, data: { removed: 1, size: 2, message: "1 customer removed from “Shortlist”" } });
    expect(await memberIds(id)).toEqual([ids[0], ids[2]]);
    expect(await sizes(id)).toEqual([3, 2]);
    const entry = await db.auditLog.findFirst({ where: { workspaceId, targetId: id, action: "segment.members_removed" } });
    expect(entry?.metadata).toMatchObject({ name: "Shortlist", count: 1, selected: 2, size: 2 });
    expect(await removeFromStaticSegment(workspaceId, { segmentId: id, customerIds: [foreignId] })).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await memberIds(id)).toEqual([ids[0], ids[2]]);
  });
});

describe("creating a static segment from the segment form", () => {
  it("starts empty and takes no rules", async () => {
    session.userId = users.EDITOR;
    const empty = { version: 1, root: { type: "group", op: "and", children: [] } };
    const created = await createSegmentAction(workspaceId, { name: "Press contacts", kind: "STATIC", definition: empty });
    expect(created).toMatchObject({ ok: true, data: { size: 0 } });
    if (created.ok) expect(await db.segment.findFirstOrThrow({ where: { workspaceId, id: created.data.id } })).toMatchObject({ kind: "STATIC" });
    const ruled = await createSegmentAction(workspaceId, { name: "Ruled list", kind: "STATIC", definition: byCountry(["US"]) });
    expect(ruled).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await db.segment.count({ where: { workspaceId, name: "Ruled list" } })).toBe(0);
  });
});

describe("staticSegmentChoices", () => {
  it("lists the workspace's active static segments, says whether the caller may add, and hides the workspace from outsiders", async () => {
    session.userId = users.EDITOR;
    const result = await staticSegmentChoices({ workspaceSlug });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.workspaceId).toBe(workspaceId);
    expect(result.data.canWrite).toBe(true);
    const names = result.data.segments.map((s) => s.name);
    expect(names).toContain("VIPs by hand");
    expect(names).not.toContain("Americans");
    expect(names).not.toContain("Old list");
    expect(names).not.toContain("Theirs");
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(result.data.segments.find((s) => s.name === "VIPs by hand")?.size).toBe(2);

    session.userId = users.VIEWER;
    expect(await staticSegmentChoices({ workspaceSlug })).toMatchObject({ ok: true, data: { canWrite: false } });
    session.userId = users.outsider;
    expect(await staticSegmentChoices({ workspaceSlug })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});
