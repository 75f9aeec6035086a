/**
 * Share links to a persona: the token is stored only as a hash, works logged-out until it expires
 * or is revoked, stays inside its workspace, and a shared view shows aggregates over 5 or more
 * customers only — never a customer.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ServiceContext } from "@/lib/domain/context";
import { DomainError } from "@/lib/errors";
import { createPersona } from "@/lib/personas/service";
import { MAX_ACTIVE_SHARE_LINKS } from "@/lib/personas/share";
import { createShareLink, listShareLinks, resolveShareToken, revokeShareLink, sharedPersona } from "@/lib/personas/share-service";
import type { SegmentDefinition } from "@/lib/segments/definition";
import { blankCustomer, createTestWorkspace, insertPopulation } from "@/lib/segments/test-fixtures";

const byCountry = (country: string): SegmentDefinition => ({
  version: 1,
  root: { type: "group", op: "and", children: [{ type: "field", field: "country", operator: "eq", value: country }] },
});

let ws = "";
let other = "";
let editor: ServiceContext;
let outsider: ServiceContext;
let usPersona = "";
let frPersona = "";

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

beforeAll(async () => {
  ws = await createTestWorkspace(db);
  other = await createTestWorkspace(db);
  const user = await db.user.create({ data: { email: `share-${Date.now()}@example.com`, name: "Sam Sharer" } });
  editor = { workspaceId: ws, actor: { id: user.id, email: user.email }, role: "EDITOR" };
  outsider = { ...editor, workspaceId: other, role: "OWNER" };
  // 8 US customers: 6 in retail, 2 in finance (a bucket too small to show); only 3 with a birth
  // date (a median over too few); 2 FR customers (a persona too small to show at all).
  await insertPopulation(db, ws, [
    ...Array.from({ length: 8 }, (_, i) => ({
      customer: blankCustomer(i + 1, {
        country: "US",
        industry: i < 6 ? "Retail" : "Finance",
        email: `secret.person${i}@example.com`,
        firstName: "Zebulon",
        lastName: `Secretname${i}`,
        birthDate: i < 3 ? new Date("1990-01-01T00:00:00Z") : null,
      }),
      history: { orders: [], events: [] },
    })),
    ...[9, 10].map((id) => ({ customer: blankCustomer(id, { country: "FR", email: `fr${id}@example.com` }), history: { orders: [], events: [] } })),
  ]);
  usPersona = (await createPersona(editor, { name: "Retail Rita", definition: byCountry("US") })).id;
  frPersona = (await createPersona(editor, { name: "French Fran", definition: byCountry("FR") })).id;
});

describe("share links", () => {
  it("stores only a hash of the token, which opens the persona logged-out until it is revoked", async () => {
    const link = await createShareLink(editor, { personaId: usPersona, expiresInDays: null });
    expect(link.url).toMatch(new RegExp(`/share/personas/${link.token.replace(/[.]/g, "\\.")}$`));
    const secret = link.token.split(".")[1]!;
    const row = await db.personaShareLink.findFirstOrThrow({ where: { workspaceId: ws, id: link.id } });
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(link.token);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await db.auditLog.count({ where: { workspaceId: ws, action: "persona.share_link_created", targetId: usPersona } })).toBe(1);

    expect(await resolveShareToken(link.token, { countView: true })).toMatchObject({ workspaceId: ws, personaId: usPersona, linkId: link.id });
    const listed = await listShareLinks({ ...editor, role: "VIEWER" }, usPersona);
    expect(listed).toEqual([expect.objectContaining({ id: link.id, createdBy: "Sam Sharer", viewCount: 1, expiresAt: null })]);

    // A token for another workspace (same secret) and a tampered secret find nothing.
    const [, s] = link.token.split(".");
    const otherWs = Buffer.from(other.replace(/-/g, ""), "hex").toString("base64url");
    expect(await resolveShareToken(`${otherWs}.${s}`)).toBeNull();
    expect(await resolveShareToken(`${link.token.slice(0, -1)}${link.token.endsWith("A") ? "B" : "A"}`)).toBeNull();

    // Another workspace cannot revoke it; a viewer cannot either; an editor can, once.
    expect(await codeOf(revokeShareLink(outsider, { personaId: usPersona, linkId: link.id }))).toBe("NOT_FOUND");
    expect(await codeOf(revokeShareLink({ ...editor, role: "VIEWER" }, { personaId: usPersona, linkId: link.id }))).toBe("FORBIDDEN");
    await revokeShareLink(editor, { personaId: usPersona, linkId: link.id });
    expect(await resolveShareToken(link.token)).toBeNull();
    expect(await sharedPersona(link.token)).toBeNull();
    expect(await codeOf(revokeShareLink(editor, { personaId: usPersona, linkId: link.id }))).toBe("NOT_FOUND");
    expect(await listShareLinks(editor, usPersona)).toEqual([]);
  });

  it("expires, refuses viewers and other workspaces' personas, and caps active links", async () => {
    const now = new Date();
    const link = await createShareLink(editor, { personaId: usPersona, expiresInDays: 7 }, now);
    expect(await resolveShareToken(link.token, { now: new Date(now.getTime() + 6 * 86_400_000) })).not.toBeNull();
    expect(await resolveShareToken(link.token, { now: new Date(now.getTime() + 7 * 86_400_000) })).toBeNull();
    expect(await codeOf(createShareLink(editor, { personaId: usPersona, expiresInDays: 12 }))).toBe("VALIDATION");
    expect(await codeOf(createShareLink({ ...editor, role: "VIEWER" }, { personaId: usPersona, expiresInDays: null }))).toBe("FORBIDDEN");
    expect(await codeOf(createShareLink(outsider, { personaId: usPersona, expiresInDays: null }))).toBe("NOT_FOUND");
    for (let i = 1; i < MAX_ACTIVE_SHARE_LINKS; i++) await createShareLink(editor, { personaId: usPersona, expiresInDays: null });
    expect(await codeOf(createShareLink(editor, { personaId: usPersona, expiresInDays: null }))).toBe("CONFLICT");
  });

  it("shows aggregates over 5 or more customers only, and never a customer", async () => {
    const link = await createShareLink(editor, { personaId: frPersona, expiresInDays: 30 });
    const small = await sharedPersona(link.token);
    expect(small?.card.name).toBe("French Fran");
    expect(small?.evidence).toEqual({ status: "too-few", computedAt: expect.any(String) });

    await db.personaShareLink.updateMany({ where: { workspaceId: ws, personaId: usPersona }, data: { revokedAt: new Date() } });
    const us = await createShareLink(editor, { personaId: usPersona, expiresInDays: null });
    const shared = await sharedPersona(us.token);
    if (shared?.evidence.status !== "ok") throw new Error(`expected figures, got ${shared?.evidence.status}`);
    expect(shared.evidence.matching).toBe(8);
    expect(shared.evidence.industries).toEqual({ rows: [expect.objectContaining({ value: "Retail", share: 0.75 })], withheld: 1 });
    expect(shared.evidence.medianAge).toBeNull();
    expect(shared.evidence.averageClv).not.toBeNull();
    const everything = JSON.stringify(shared);
    for (const leak of ["Zebulon", "Secretname", "@example.com", "Finance", "definition", "segmentId"]) expect(everything).not.toContain(leak);
  });
});
