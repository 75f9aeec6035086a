import sharp from "sharp";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () =>
    session.userId ? db.user.findUnique({ where: { id: session.userId }, select: { id: true, email: true, name: true } }) : null,
}));

const { GET, POST } = await import("./route");

let slug = "";
let personaId = "";
let otherPersonaId = "";
let editor = "";
let viewer = "";
let outsider = "";

const params = (persona: string) => ({ params: Promise.resolve({ workspaceSlug: slug, personaId: persona }) });
const url = (persona: string) => `http://localhost/w/${slug}/personas/${persona}/photo`;
const get = (persona: string) => GET(new Request(url(persona)), params(persona));
const post = (persona: string, body: Uint8Array, origin = "http://localhost") =>
  POST(new Request(url(persona), { method: "POST", body: Buffer.from(body), headers: { origin, host: "localhost" } }), params(persona));

beforeAll(async () => {
  slug = `persona-photo-${Date.now()}`;
  const ws = await db.workspace.create({ data: { name: "Photos", slug } });
  const other = await db.workspace.create({ data: { name: "Other", slug: `${slug}-other` } });
  const user = (tag: string) => db.user.create({ data: { email: `${slug}-${tag}@example.test` } }).then((u) => u.id);
  [editor, viewer, outsider] = await Promise.all([user("e"), user("v"), user("o")]);
  await db.membership.createMany({
    data: [
      { workspaceId: ws.id, userId: editor, role: "EDITOR" },
      { workspaceId: ws.id, userId: viewer, role: "VIEWER" },
      { workspaceId: other.id, userId: outsider, role: "OWNER" },
    ],
  });
  personaId = (await db.persona.create({ data: { workspaceId: ws.id, name: "Pia" } })).id;
  otherPersonaId = (await db.persona.create({ data: { workspaceId: other.id, name: "Theirs" } })).id;
});

beforeEach(() => {
  session.userId = editor;
});

describe("persona photo route", () => {
  it("stores an uploaded image re-encoded, and serves it with its type and nosniff to members only", async () => {
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#10b981" } }).jpeg().toBuffer();
    expect((await post(personaId, new Uint8Array(jpeg))).status).toBe(200);
    session.userId = viewer;
    const res = await get(personaId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/webp");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).format).toBe("webp");
    session.userId = outsider;
    expect((await get(personaId)).status).toBe(404);
    session.userId = null;
    expect((await get(personaId)).status).toBe(401);
  });

  it("refuses a viewer, another origin, another workspace's persona and a file that is not an image", async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } }).png().toBuffer();
    session.userId = viewer;
    expect((await post(personaId, new Uint8Array(png))).status).toBe(403);
    session.userId = editor;
    expect((await post(personaId, new Uint8Array(png), "https://evil.example")).status).toBe(403);
    expect((await post(otherPersonaId, new Uint8Array(png))).status).toBe(404);
    expect((await get(otherPersonaId)).status).toBe(404);
    const html = await post(personaId, new TextEncoder().encode("<html><script>alert(1)</script></html>"));
    expect(html.status).toBe(422);
    expect((await post(personaId, new Uint8Array(2 * 1024 * 1024 + 10))).status).toBe(413);
  });
});
