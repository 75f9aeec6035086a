/**
 * Persona upload: export → import round trip (card, rules, linked segment, photo), all-or-nothing
 * (a file with a problem writes nothing; a failure half-way rolls every persona back), workspace
 * scoping (rules and links that do not hold in the target workspace are left out, with a warning)
 * and the audit entry of each imported persona.
 */
import sharp from "sharp";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { ServiceContext } from "@/lib/domain/context";
import { DomainError } from "@/lib/errors";
import { createPersona, setPersonaPhoto } from "@/lib/personas/service";
import { exportPersonas, importPersonas, previewPersonaUpload } from "@/lib/personas/upload/service";
import type { SegmentDefinition } from "@/lib/segments/definition";
import { createSegment } from "@/lib/segments/store";
import { blankCustomer, createTestWorkspace, insertPopulation } from "@/lib/segments/test-fixtures";

const failAudit = vi.hoisted(() => ({ after: Infinity }));
vi.mock("@/lib/dal/audit", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/dal/audit")>();
  return {
    ...actual,
    recordAudit: async (...args: Parameters<typeof actual.recordAudit>) => {
      if (failAudit.after-- <= 0) throw new Error("audit log unavailable");
      return actual.recordAudit(...args);
    },
  };
});

let a: ServiceContext;
let b: ServiceContext;
let segmentId = "";
const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });
const count = (ctx: ServiceContext) => db.persona.count({ where: { workspaceId: ctx.workspaceId } });

beforeAll(async () => {
  const user = await db.user.create({ data: { email: `upload-${Date.now()}@example.com`, name: "Uli" } });
  a = { workspaceId: await createTestWorkspace(db), actor: { id: user.id, email: user.email }, role: "EDITOR" };
  b = { ...a, workspaceId: await createTestWorkspace(db) };
  await insertPopulation(db, a.workspaceId, [{ customer: blankCustomer(1, { country: "US" }), history: { orders: [], events: [] } }]);
  segmentId = (
    await createSegment(db, a.workspaceId, {
      name: "Americans",
      definition: { version: 1, root: { type: "group", op: "and", children: [{ type: "field", field: "country", operator: "eq", value: "US" }] } },
    })
  ).segment.id;
});

describe("persona upload", () => {
  it("round-trips our JSON export; in another workspace the rules and link that do not hold there are left out", async () => {
    const rules: SegmentDefinition = { version: 1, root: { type: "group", op: "and", children: [{ type: "membership", target: "segment", operator: "in", id: segmentId }] } };
    const { id } = await createPersona(a, { name: "Urban Uma", goals: ["Look good"], tags: ["urban"], quote: "Worth it", definition: rules, segmentId });
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#f00" } }).png().toBuffer();
    await setPersonaPhoto(a, { id, bytes: new Uint8Array(png) });

    const exported = JSON.stringify(await exportPersonas(a, [id]));
    const preview = await previewPersonaUpload(a, file("uma.json", exported));
    expect(preview).toMatchObject({ importable: true, personas: [{ name: "Urban Uma", photo: true, rules: true, linkedSegment: true, warnings: [], problems: [] }] });

    const { created } = await importPersonas(a, file("uma.json", exported));
    const copy = await db.persona.findFirstOrThrow({ where: { workspaceId: a.workspaceId, id: created[0]!.id } });
    expect(copy).toMatchObject({ name: "Urban Uma", goals: ["Look good"], tags: ["urban"], quote: "Worth it", segmentId, definition: rules, photoType: "image/webp" });
    expect(await db.definitionReference.count({ where: { workspaceId: a.workspaceId, sourceType: "PERSONA", sourceId: copy.id } })).toBe(1);
    expect(await db.auditLog.findFirst({ where: { workspaceId: a.workspaceId, action: "persona.imported", targetId: copy.id }, select: { metadata: true } })).toMatchObject({
      metadata: { name: "Urban Uma", file: "uma.json", format: "json", photo: true },
    });

    // Workspace B has no such segment: the persona comes in as a card, with warnings.
    const elsewhere = await previewPersonaUpload(b, file("uma.json", exported));
    expect(elsewhere.importable).toBe(true);
    expect(elsewhere.personas[0]).toMatchObject({ rules: false, linkedSegment: false });
    expect(elsewhere.personas[0]!.warnings).toHaveLength(2);
    const { created: inB } = await importPersonas(b, file("uma.json", exported));
    expect(await db.persona.findFirst({ where: { workspaceId: b.workspaceId, id: inB[0]!.id }, select: { segmentId: true, definition: true, photoType: true } })).toEqual({
      segmentId: null,
      definition: null,
      photoType: "image/webp",
    });
    expect(await db.persona.count({ where: { workspaceId: a.workspaceId, id: inB[0]!.id } })).toBe(0);
  });

  it("writes nothing for a file with a problem, or when a write fails half-way; viewers are refused", async () => {
    const before = await count(a);
    const csv = "Name,Goals\nAda,Ship it\n,Nameless\n";
    await expect(importPersonas(a, file("p.csv", csv))).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { "personas.1.name": ["Give the persona a name."] } });

    failAudit.after = 1; // the second persona's audit entry fails
    await expect(importPersonas(a, file("p.csv", "Name\nAda\nBea\nCid\n"))).rejects.toThrow("audit log unavailable");
    failAudit.after = Infinity;
    expect(await count(a)).toBe(before);

    await expect(importPersonas({ ...a, role: "VIEWER" }, file("p.csv", "Name\nAda\n"))).rejects.toBeInstanceOf(DomainError);
    expect(await count(a)).toBe(before);
  });
});
