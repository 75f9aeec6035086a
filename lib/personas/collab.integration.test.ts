/**
 * History, comments and copying of personas: revisions coalesced per person and bounded, a restore
 * saved as a new version without losing anyone's edit; comments by any member with mentions of
 * members only, edited by their author and deleted by the author or an admin; copies only into a
 * workspace where the actor may write, without rules that refer to the source workspace.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ServiceContext } from "@/lib/domain/context";
import { DomainError } from "@/lib/errors";
import { COMMENT_LIMIT, createComment, deleteComment, editComment, listComments } from "@/lib/personas/comments";
import { getPersonaRevision, listPersonaRevisions, REVISIONS_KEPT } from "@/lib/personas/history";
import { copyPersonaToWorkspace, copyTargets, createPersona, getPersona, restorePersonaRevision, updatePersona } from "@/lib/personas/service";
import { createSegment } from "@/lib/segments/store";
import { createTestWorkspace } from "@/lib/segments/test-fixtures";

let ws = "";
let other = "";
let ann: ServiceContext;
let ben: ServiceContext;
let viewer: ServiceContext;
let admin: ServiceContext;
let outsiderId = "";

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

async function member(workspaceId: string, name: string, role: ServiceContext["role"]): Promise<ServiceContext> {
  const user = await db.user.create({ data: { email: `${name.toLowerCase()}-${Date.now()}-${Math.random()}@example.test`, name } });
  await db.membership.create({ data: { workspaceId, userId: user.id, role } });
  return { workspaceId, actor: { id: user.id, email: user.email, name }, role };
}

beforeAll(async () => {
  ws = await createTestWorkspace(db);
  other = await createTestWorkspace(db);
  ann = await member(ws, "Ann", "EDITOR");
  ben = await member(ws, "Ben", "EDITOR");
  viewer = await member(ws, "Vic", "VIEWER");
  admin = await member(ws, "Ada", "ADMIN");
  outsiderId = (await db.user.create({ data: { email: `out-${Date.now()}@example.test`, name: "Out" } })).id;
  await db.membership.create({ data: { workspaceId: other, userId: ann.actor.id, role: "EDITOR" } });
  await db.membership.create({ data: { workspaceId: other, userId: ben.actor.id, role: "VIEWER" } });
});

describe("history", () => {
  it("coalesces one person's autosaves, separates people and old sessions, and restores without losing an edit", async () => {
    const { id } = await createPersona(ann, { name: "Hist", quote: "First" });
    await updatePersona(ann, { id, expectedVersion: 1, quote: "Second" });
    await updatePersona(ann, { id, expectedVersion: 2, goals: ["Save"] });
    let revisions = (await listPersonaRevisions(viewer, id)).revisions;
    // The creation stays its own revision; Ann's two saves are one.
    expect(revisions.map((r) => [r.version, r.actor, r.changedFields])).toEqual([
      [3, "Ann", ["quote", "goals"]],
      [1, "Ann", []],
    ]);
    // Ben's save is a revision of its own; so is Ann's after her session is older than 10 minutes.
    await updatePersona(ben, { id, expectedVersion: 3, quote: "Ben's" });
    await db.personaRevision.updateMany({ where: { workspaceId: ws, personaId: id }, data: { createdAt: new Date(Date.now() - 11 * 60_000) } });
    await updatePersona(ben, { id, expectedVersion: 4, headline: "Later" });
    revisions = (await listPersonaRevisions(viewer, id)).revisions;
    expect(revisions.map((r) => r.version)).toEqual([5, 4, 3, 1]);
    const detail = await getPersonaRevision(viewer, { personaId: id, revisionId: revisions[1]!.id });
    expect(detail.snapshot.quote).toBe("Ben's");
    expect(detail.previous?.quote).toBe("Second");
    expect(detail.snapshot).not.toHaveProperty("photo");
    // Another workspace's member cannot read or restore this persona's versions by their ids.
    const elsewhere = { ...ann, workspaceId: other };
    expect(await codeOf(getPersonaRevision(elsewhere, { personaId: id, revisionId: revisions[1]!.id }))).toBe("NOT_FOUND");
    expect(await codeOf(restorePersonaRevision(elsewhere, { personaId: id, revisionId: revisions[1]!.id, expectedVersion: 5 }))).toBe("NOT_FOUND");

    // Restore version 1: a viewer may not, a stale version is refused, the right one saves v6.
    const first = revisions.at(-1)!.id;
    expect(await codeOf(restorePersonaRevision(viewer, { personaId: id, revisionId: first, expectedVersion: 5 }))).toBe("FORBIDDEN");
    expect(await codeOf(restorePersonaRevision(ann, { personaId: id, revisionId: first, expectedVersion: 4 }))).toBe("CONFLICT");
    const restored = await restorePersonaRevision(ann, { personaId: id, revisionId: first, expectedVersion: 5 });
    expect(restored).toMatchObject({ version: 6, restoredFrom: 1 });
    expect(await getPersona(viewer, id)).toMatchObject({ quote: "First", goals: [], headline: null, version: 6 });
    const latest = ((await listPersonaRevisions(viewer, id)).revisions)[0]!;
    expect(latest).toMatchObject({ version: 6, restoredFrom: 1, actor: "Ann" });
    expect(latest.changedFields).toEqual(expect.arrayContaining(["headline", "quote", "goals"]));
    expect(await db.auditLog.count({ where: { workspaceId: ws, action: "persona.restored", targetId: id } })).toBe(1);
    // Ann's next autosave is not merged into the restore.
    await updatePersona(ann, { id, expectedVersion: 6, quote: "After" });
    expect(((await listPersonaRevisions(viewer, id)).revisions).map((r) => r.version).slice(0, 2)).toEqual([7, 6]);
  });

  it("keeps at most REVISIONS_KEPT revisions, dropping the oldest", async () => {
    const { id } = await createPersona(ann, { name: "Bounded" });
    await db.personaRevision.createMany({
      data: Array.from({ length: REVISIONS_KEPT }, (_, i) => ({ workspaceId: ws, personaId: id, version: i + 2, snapshot: { name: "Bounded" }, actorId: null })),
    });
    await db.persona.updateMany({ where: { workspaceId: ws, id }, data: { version: REVISIONS_KEPT + 1 } });
    await updatePersona(ben, { id, expectedVersion: REVISIONS_KEPT + 1, quote: "Newest" });
    const versions = (await db.personaRevision.findMany({ where: { workspaceId: ws, personaId: id }, select: { version: true } })).map((r) => r.version);
    expect(versions).toHaveLength(REVISIONS_KEPT);
    expect(Math.min(...versions)).toBe(3);
    expect(Math.max(...versions)).toBe(REVISIONS_KEPT + 2);
  });
});

describe("comments", () => {
  it("any member comments and mentions members only; authors edit, authors and admins delete", async () => {
    const { id } = await createPersona(ann, { name: "Talked about" });
    const c = await createComment(viewer, { personaId: id, body: `What do you think, <@${ben.actor.id}>?` });
    expect(c.mentions).toEqual([ben.actor.id]);
    expect(c.emailed).toBe(0); // no SMTP in tests
    // A mention of someone outside the workspace is refused, and so is an empty or long comment.
    expect(await codeOf(createComment(ann, { personaId: id, body: `Hi <@${outsiderId}>` }))).toBe("VALIDATION");
    expect(await codeOf(createComment(ann, { personaId: id, body: "x".repeat(2001) }))).toBe("VALIDATION");
    // A persona of another workspace cannot be commented on from this one.
    const elsewhere = await createPersona({ ...ann, workspaceId: other }, { name: "Elsewhere" });
    expect(await codeOf(createComment(ann, { personaId: elsewhere.id, body: "Leak?" }))).toBe("NOT_FOUND");
    const second = await createComment(ann, { personaId: id, body: "Second" });

    expect(await codeOf(editComment(ann, { id: c.id, body: "Not mine" }))).toBe("FORBIDDEN");
    await editComment(viewer, { id: c.id, body: `Edited for <@${ann.actor.id}>` });
    expect(await codeOf(deleteComment(ben, { id: second.id }))).toBe("FORBIDDEN");
    // Another workspace's member cannot reach this workspace's comment by its id.
    expect(await codeOf(deleteComment({ ...ann, workspaceId: other }, { id: c.id }))).toBe("NOT_FOUND");

    const page = await listComments(ben, { personaId: id });
    expect(page.comments.map((x) => x.body)).toEqual(["Second", `Edited for <@${ann.actor.id}>`]);
    expect(page.comments[1]).toMatchObject({ author: "Vic", mentions: { [ann.actor.id]: "Ann" }, canEdit: false, canDelete: false });
    expect(page.comments[1]!.editedAt).not.toBeNull();

    await deleteComment(admin, { id: c.id });
    await deleteComment(ann, { id: second.id });
    expect((await listComments(ben, { personaId: id })).comments).toEqual([]);
    expect(await db.auditLog.count({ where: { workspaceId: ws, action: "persona.comment_deleted" } })).toBe(1);
  });

  it("limits how fast one person comments", async () => {
    const { id } = await createPersona(ann, { name: "Busy" });
    const fast = await member(ws, "Fay", "VIEWER");
    for (let i = 0; i < COMMENT_LIMIT.points; i++) await createComment(fast, { personaId: id, body: `#${i}` });
    expect(await codeOf(createComment(fast, { personaId: id, body: "One more" }))).toBe("RATE_LIMITED");
    const page = await listComments(fast, { personaId: id });
    expect(page.comments).toHaveLength(COMMENT_LIMIT.points);
  });
});

describe("copy to another workspace", () => {
  it("copies the card where the actor may write, leaving rules that refer to this workspace behind", async () => {
    const { segment } = await createSegment(db, ws, { name: "Loyal", definition: { version: 1, root: { type: "group", op: "and", children: [{ type: "field", field: "country", operator: "eq", value: "US" }] } } });
    const byRef = await createPersona(ann, {
      name: "Ref Rita",
      goals: ["Grow"],
      tags: ["vip"],
      segmentId: segment.id,
      definition: { version: 1, root: { type: "group", op: "and", children: [{ type: "membership", target: "segment", operator: "in", id: segment.id }] } },
    });
    expect((await copyTargets(ann)).map((w) => w.id)).toEqual([other]);
    expect(await copyTargets(ben)).toEqual([]); // a viewer there

    // Ben is a viewer in the target: refused. An outsider's workspace: not found.
    expect(await codeOf(copyPersonaToWorkspace(ben, { personaId: byRef.id, targetWorkspaceId: other }))).toBe("FORBIDDEN");
    const foreign = await createTestWorkspace(db);
    expect(await codeOf(copyPersonaToWorkspace(ann, { personaId: byRef.id, targetWorkspaceId: foreign }))).toBe("NOT_FOUND");

    const copy = await copyPersonaToWorkspace(ann, { personaId: byRef.id, targetWorkspaceId: other });
    expect(copy.notes.join(" ")).toMatch(/Rules were not copied: they refer to segments of/);
    expect(copy.notes.join(" ")).toMatch(/link to the segment “Loyal” was not kept/);
    const copied = await getPersona({ ...ann, workspaceId: other }, copy.id);
    expect(copied).toMatchObject({ name: "Ref Rita", goals: ["Grow"], tags: ["vip"], definition: null, segmentId: null, version: 1 });
    expect(await db.auditLog.count({ where: { workspaceId: ws, action: "persona.copied", targetId: byRef.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { workspaceId: other, action: "persona.copied_in", targetId: copy.id } })).toBe(1);

    // Rules without references come along.
    const plain = await createPersona(ann, { name: "Plain Pia", definition: { version: 1, root: { type: "group", op: "and", children: [{ type: "field", field: "country", operator: "eq", value: "DE" }] } } });
    const second = await copyPersonaToWorkspace(ann, { personaId: plain.id, targetWorkspaceId: other });
    expect(second.notes).toEqual([]);
    expect((await getPersona({ ...ann, workspaceId: other }, second.id)).definition?.root.children).toHaveLength(1);
  });
});
