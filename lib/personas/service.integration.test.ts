/**
 * The persona service: card saves with optimistic concurrency, permission refusals, the audit
 * entry written in the save's transaction, reference rows written with every save, photos checked
 * by content, and "mark reviewed" storing the evidence.
 */
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ServiceContext } from "@/lib/domain/context";
import { DomainError } from "@/lib/errors";
import {
  createPersona,
  deletePersona,
  getPersona,
  markPersonaReviewed,
  removePersonaPhoto,
  setPersonaPhoto,
  updatePersona,
} from "@/lib/personas/service";
import type { SegmentDefinition } from "@/lib/segments/definition";
import { createSegment } from "@/lib/segments/store";
import { blankCustomer, createTestWorkspace, insertPopulation } from "@/lib/segments/test-fixtures";

const US: SegmentDefinition = { version: 1, root: { type: "group", op: "and", children: [{ type: "field", field: "country", operator: "eq", value: "US" }] } };

let ws = "";
let editor: ServiceContext;
let viewer: ServiceContext;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

const refsOf = async (personaId: string) =>
  (
    await db.definitionReference.findMany({
      where: { workspaceId: ws, sourceType: "PERSONA", sourceId: personaId },
      select: { targetType: true, targetId: true },
      orderBy: { targetId: "asc" },
    })
  ).map((r) => `${r.targetType}:${r.targetId}`);

beforeAll(async () => {
  ws = await createTestWorkspace(db);
  const user = await db.user.create({ data: { email: `persona-${Date.now()}@example.com`, name: "Pat Editor" } });
  editor = { workspaceId: ws, actor: { id: user.id, email: user.email }, role: "EDITOR" };
  viewer = { ...editor, role: "VIEWER" };
  await insertPopulation(
    db,
    ws,
    ["US", "DE", "US", "FR"].map((country, i) => ({ customer: blankCustomer(i + 1, { country }), history: { orders: [], events: [] } })),
  );
});

describe("createPersona / updatePersona", () => {
  it("creates a card with its fields, an audit entry and no references", async () => {
    const { id, version } = await createPersona(editor, { name: "  Budget Betty ", headline: "Buys on sale", goals: ["Save", " ", "Plan"] });
    expect(version).toBe(1);
    const card = await getPersona(viewer, id);
    expect(card).toMatchObject({ name: "Budget Betty", headline: "Buys on sale", goals: ["Save", "Plan"], isNegative: false, version: 1 });
    expect(card.personality).toHaveLength(5);
    expect(await db.auditLog.count({ where: { workspaceId: ws, action: "persona.created", targetId: id } })).toBe(1);
    expect(await refsOf(id)).toEqual([]);
  });

  it("saves with the expected version and refuses a stale save (CONFLICT), keeping the first edit", async () => {
    const { id } = await createPersona(editor, { name: "Careful Carl" });
    const first = await updatePersona(editor, { id, expectedVersion: 1, quote: "Show me the numbers." });
    expect(first.version).toBe(2);
    // A second editor who opened version 1 saves: refused, nothing changes.
    expect(await codeOf(updatePersona(editor, { id, expectedVersion: 1, quote: "Mine" }))).toBe("CONFLICT");
    const card = await getPersona(editor, id);
    expect(card.quote).toBe("Show me the numbers.");
    expect(card.version).toBe(2);
    // Overwriting knowingly: a save based on the version now stored.
    expect((await updatePersona(editor, { id, expectedVersion: 2, quote: "Mine" })).version).toBe(3);
    expect((await getPersona(editor, id)).quote).toBe("Mine");
    expect(await db.auditLog.count({ where: { workspaceId: ws, action: "persona.updated", targetId: id } })).toBe(2);
  });

  it("of two concurrent saves of the same version, exactly one wins", async () => {
    const { id } = await createPersona(editor, { name: "Racing Rita" });
    const results = await Promise.all([
      codeOf(updatePersona(editor, { id, expectedVersion: 1, headline: "A" })),
      codeOf(updatePersona(editor, { id, expectedVersion: 1, headline: "B" })),
    ]);
    expect(results.sort()).toEqual(["CONFLICT", "ok"]);
    expect((await getPersona(editor, id)).version).toBe(2);
  });

  it("refuses a viewer every write, and writes no audit entry", async () => {
    const before = await db.auditLog.count({ where: { workspaceId: ws } });
    expect(await codeOf(createPersona(viewer, { name: "Nope" }))).toBe("FORBIDDEN");
    const { id } = await createPersona(editor, { name: "Viewer target" });
    const after = await db.auditLog.count({ where: { workspaceId: ws } });
    expect(after).toBe(before + 1);
    expect(await codeOf(updatePersona(viewer, { id, expectedVersion: 1, name: "x" }))).toBe("FORBIDDEN");
    expect(await codeOf(markPersonaReviewed(viewer, id))).toBe("FORBIDDEN");
    expect(await codeOf(deletePersona(viewer, id))).toBe("FORBIDDEN");
    expect(await codeOf(setPersonaPhoto(viewer, { id, bytes: new Uint8Array([1]) }))).toBe("FORBIDDEN");
    expect(await db.auditLog.count({ where: { workspaceId: ws } })).toBe(after);
  });

  it("another workspace's persona is not found", async () => {
    const other = await createTestWorkspace(db);
    const { id } = await createPersona({ ...editor, workspaceId: other }, { name: "Elsewhere" });
    expect(await codeOf(getPersona(editor, id))).toBe("NOT_FOUND");
    expect(await codeOf(updatePersona(editor, { id, expectedVersion: 1, name: "Mine now" }))).toBe("NOT_FOUND");
  });

  it("writes reference rows for the rules and the linked segment in the save, and rewrites them on change", async () => {
    const seg = await createSegment(db, ws, { name: "US", definition: US });
    const target = await createPersona(editor, { name: "Target" , definition: US });
    const withRefs: SegmentDefinition = {
      version: 1,
      root: { type: "group", op: "and", children: [{ type: "membership", target: "persona", operator: "matches", id: target.id }] },
    };
    const { id } = await createPersona(editor, { name: "Grounded", segmentId: seg.segment.id, definition: withRefs });
    expect(await refsOf(id)).toEqual([`PERSONA:${target.id}`, `SEGMENT:${seg.segment.id}`].sort((a, b) => a.split(":")[1]!.localeCompare(b.split(":")[1]!)));
    await updatePersona(editor, { id, expectedVersion: 1, segmentId: null });
    expect(await refsOf(id)).toEqual([`PERSONA:${target.id}`]);
    await updatePersona(editor, { id, expectedVersion: 2, definition: null });
    expect(await refsOf(id)).toEqual([]);
    // A persona used by another persona cannot be deleted.
    await updatePersona(editor, { id, expectedVersion: 3, definition: withRefs });
    expect(await codeOf(deletePersona(editor, target.id))).toBe("CONFLICT");
  });

  it("refuses rules that would refer back to the persona (a cycle), saving nothing", async () => {
    const a = await createPersona(editor, { name: "Cycle A", definition: US });
    const b = await createPersona(editor, {
      name: "Cycle B",
      definition: { version: 1, root: { type: "group", op: "and", children: [{ type: "membership", target: "persona", operator: "matches", id: a.id }] } },
    });
    const back: SegmentDefinition = { version: 1, root: { type: "group", op: "and", children: [{ type: "membership", target: "persona", operator: "matches", id: b.id }] } };
    expect(await codeOf(updatePersona(editor, { id: a.id, expectedVersion: 1, definition: back }))).toBe("VALIDATION");
    expect((await getPersona(editor, a.id)).version).toBe(1);
    expect(await refsOf(a.id)).toEqual([]);
  });

  it("refuses invalid rules with the field's path, and an unknown segment", async () => {
    const bad = { version: 1, root: { type: "group", op: "and", children: [{ type: "field", field: "nope", operator: "eq", value: "x" }] } };
    const { id } = await createPersona(editor, { name: "Strict" });
    let error: unknown;
    try {
      await updatePersona(editor, { id, expectedVersion: 1, definition: bad });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("VALIDATION");
    expect(Object.keys((error as DomainError).fieldErrors ?? {}).some((k) => k.startsWith("definition.root.children[0]"))).toBe(true);
    expect(await codeOf(updatePersona(editor, { id, expectedVersion: 1, segmentId: "missing-segment" }))).toBe("VALIDATION");
    expect((await getPersona(editor, id)).version).toBe(1);
  });
});

describe("photos", () => {
  it("checks the type by content, resizes to 512 px WebP, and removes", async () => {
    const { id } = await createPersona(editor, { name: "Photo Phil" });
    const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#4f46e5" } }).png().toBuffer();
    const result = await setPersonaPhoto(editor, { id, bytes: new Uint8Array(png) });
    expect(result.type).toBe("image/webp");
    const row = await db.persona.findFirst({ where: { workspaceId: ws, id }, select: { photo: true, photoType: true } });
    const meta = await sharp(Buffer.from(row!.photo!)).metadata();
    expect(meta.format).toBe("webp");
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(512);
    // Text claiming to be an image, and an oversized file, are refused.
    expect(await codeOf(setPersonaPhoto(editor, { id, bytes: new TextEncoder().encode("<svg onload=alert(1)>") }))).toBe("VALIDATION");
    expect(await codeOf(setPersonaPhoto(editor, { id, bytes: new Uint8Array(2 * 1024 * 1024 + 1) }))).toBe("PAYLOAD_TOO_LARGE");
    await removePersonaPhoto(editor, id);
    expect((await db.persona.findFirst({ where: { workspaceId: ws, id }, select: { photo: true } }))!.photo).toBeNull();
  });
});

describe("markPersonaReviewed", () => {
  it("stores the evidence snapshot without changing the card's version", async () => {
    const { id } = await createPersona(editor, { name: "Reviewed Rob", definition: US });
    const { snapshot } = await markPersonaReviewed(editor, id, new Date("2024-03-01T00:00:00Z"));
    expect(snapshot).toMatchObject({ matching: 2, base: 4, share: 0.5 });
    const row = await db.persona.findFirst({ where: { workspaceId: ws, id }, select: { version: true, reviewedAt: true, reviewedSnapshot: true } });
    expect(row!.version).toBe(1);
    expect(row!.reviewedAt?.toISOString()).toBe("2024-03-01T00:00:00.000Z");
    expect(row!.reviewedSnapshot).toMatchObject({ matching: 2 });
    const ungrounded = await createPersona(editor, { name: "Floating" });
    expect(await codeOf(markPersonaReviewed(editor, ungrounded.id))).toBe("BAD_REQUEST");
  });
});
