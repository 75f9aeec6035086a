import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { SegmentDefinition, SegmentNode } from "@/lib/segments/definition";
import { SegmentError } from "@/lib/segments/errors";
import {
  archiveSegment,
  createSegment,
  deleteSegment,
  duplicateSegment,
  findSegmentUsages,
  getSegment,
  listSegments,
  unarchiveSegment,
  updateSegment,
} from "@/lib/segments/store";
import { syncReferences } from "@/lib/segments/references";
import { blankCustomer, createTestWorkspace, insertPopulation } from "@/lib/segments/test-fixtures";

const NOW = new Date("2024-03-01T12:00:00.000Z");
const def = (...children: SegmentNode[]): SegmentDefinition => ({ version: 1, root: { type: "group", op: "and", children } });
const us = def({ type: "field", field: "country", operator: "eq", value: "US" });
const inSegment = (id: string) => def({ type: "membership", target: "segment", operator: "in", id });

let ws = "";
let otherWs = "";

beforeAll(async () => {
  ws = await createTestWorkspace(db);
  otherWs = await createTestWorkspace(db);
  const people = ["US", "us", "DE"].map((country, i) => ({
    customer: blankCustomer(i + 1, { country }),
    history: { orders: [], events: [] },
  }));
  await insertPopulation(db, ws, people);
  await insertPopulation(db, otherWs, people);
});

async function snapshots(segmentId: string) {
  return db.segmentSnapshot.findMany({ where: { workspaceId: ws, segmentId }, orderBy: { takenAt: "asc" } });
}

describe("saved segments", () => {
  it("creates with a snapshot of the current size", async () => {
    const { segment, size } = await createSegment(db, ws, { name: "  Americans ", definition: us, actorId: "u1" }, { now: NOW });
    expect(segment).toMatchObject({ name: "Americans", version: 1, createdById: "u1", definition: us });
    expect(size).toBe(2);
    expect((await snapshots(segment.id)).map((s) => s.size)).toEqual([2]);
  });

  it("refuses an invalid definition with issues by path, writing nothing", async () => {
    const before = await db.segment.count({ where: { workspaceId: ws } });
    const error = await createSegment(db, ws, {
      name: "Bad",
      definition: def({ type: "field", field: "shoeSize", operator: "eq", value: "42" }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SegmentError);
    expect(error).toMatchObject({ code: "VALIDATION", issues: [{ path: "root.children[0].field" }] });
    expect(await db.segment.count({ where: { workspaceId: ws } })).toBe(before);
    await expect(createSegment(db, ws, { name: "  ", definition: us })).rejects.toMatchObject({ issues: [{ path: "name" }] });
  });

  it("updates with optimistic concurrency: a stale save is refused and nothing is lost", async () => {
    const { segment } = await createSegment(db, ws, { name: "Editable", definition: us }, { now: NOW });
    const first = await updateSegment(db, ws, segment.id, { expectedVersion: 1, name: "Edited by A" }, { now: NOW });
    expect(first.segment.version).toBe(2);
    const stale = await updateSegment(db, ws, segment.id, {
      expectedVersion: 1,
      name: "Edited by B",
      definition: def({ type: "field", field: "country", operator: "eq", value: "DE" }),
    }).catch((e: unknown) => e);
    expect(stale).toMatchObject({ code: "STALE_VERSION" });
    expect((stale as SegmentError).message).toContain("Someone else saved this segment");
    const current = await getSegment(db, ws, segment.id);
    expect(current).toMatchObject({ name: "Edited by A", version: 2, definition: us });
    expect((await snapshots(segment.id)).length).toBe(2);
  });

  it("lets exactly one of two concurrent saves of the same version win", async () => {
    const { segment } = await createSegment(db, ws, { name: "Race", definition: us }, { now: NOW });
    const results = await Promise.allSettled([
      updateSegment(db, ws, segment.id, { expectedVersion: 1, name: "A" }),
      updateSegment(db, ws, segment.id, { expectedVersion: 1, name: "B" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected && rejected.status === "rejected" ? rejected.reason : null).toMatchObject({ code: "STALE_VERSION" });
    expect((await getSegment(db, ws, segment.id)).version).toBe(2);
  });

  it("refuses a reference cycle and a reference to another workspace's segment", async () => {
    const a = (await createSegment(db, ws, { name: "A", definition: us })).segment;
    const b = (await createSegment(db, ws, { name: "B", definition: inSegment(a.id) })).segment;
    await expect(updateSegment(db, ws, a.id, { expectedVersion: 1, definition: inSegment(b.id) })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ path: "root.children[0].id", message: expect.stringContaining("goes round in a circle") }],
    });
    const foreign = (await createSegment(db, otherWs, { name: "Foreign", definition: us })).segment;
    await expect(createSegment(db, ws, { name: "Sneaky", definition: inSegment(foreign.id) })).rejects.toMatchObject({
      issues: [{ path: "root.children[0].id", message: "That segment does not exist in this workspace (it may have been deleted)." }],
    });
    await expect(getSegment(db, ws, foreign.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateSegment(db, ws, foreign.id, { expectedVersion: 1, name: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("duplicates, archives and restores", async () => {
    const { segment } = await createSegment(db, ws, { name: "Original", definition: us });
    const copy = await duplicateSegment(db, ws, segment.id, { actorId: "u2" }, { now: NOW });
    expect(copy.segment).toMatchObject({ name: "Original (copy)", version: 1, definition: us, createdById: "u2" });
    expect(copy.size).toBe(2);
    const archived = await archiveSegment(db, ws, copy.segment.id, {}, { now: NOW });
    expect(archived.archivedAt).toEqual(NOW);
    expect((await listSegments(db, ws)).some((s) => s.id === copy.segment.id)).toBe(false);
    const listed = (await listSegments(db, ws, { includeArchived: true })).find((s) => s.id === copy.segment.id);
    expect(listed).toMatchObject({ lastSize: 2 });
    expect((await unarchiveSegment(db, ws, copy.segment.id)).archivedAt).toBeNull();
    await expect(archiveSegment(db, otherWs, segment.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses to delete a segment in use, naming the users; deletes it once unused", async () => {
    const base = (await createSegment(db, ws, { name: "Base", definition: us })).segment;
    const user = (await createSegment(db, ws, { name: "Uses base", definition: inSegment(base.id) })).segment;
    const persona = await db.persona.create({ data: { workspaceId: ws, name: "Grounded", segmentId: base.id } });
    const strategy = await db.targetingStrategy.create({
      data: { workspaceId: ws, name: "Q3 focus", type: "CONCENTRATED", config: { targets: [{ segmentId: base.id, weight: 1 }] } },
    });
    // Personas and strategies have no store yet: their references are recorded as a save would.
    await syncReferences(db, ws, { type: "PERSONA", id: persona.id, definition: null, segmentId: base.id });
    await syncReferences(db, ws, { type: "STRATEGY", id: strategy.id, config: strategy.config });
    expect(await findSegmentUsages(db, ws, base.id)).toEqual({
      segments: [{ id: user.id, name: "Uses base" }],
      personas: [{ id: persona.id, name: "Grounded" }],
      strategies: [{ id: strategy.id, name: "Q3 focus" }],
    });
    const error = await deleteSegment(db, ws, base.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "IN_USE" });
    expect((error as SegmentError).message).toBe(
      "“Base” can't be deleted: it is used by segment “Uses base”, persona “Grounded” and strategy “Q3 focus”. Remove it from there first, or archive it instead.",
    );
    await deleteSegment(db, ws, user.id);
    await db.persona.delete({ where: { workspaceId_id: { workspaceId: ws, id: persona.id } } });
    await db.targetingStrategy.delete({ where: { workspaceId_id: { workspaceId: ws, id: strategy.id } } });
    await deleteSegment(db, ws, base.id);
    await expect(getSegment(db, ws, base.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
