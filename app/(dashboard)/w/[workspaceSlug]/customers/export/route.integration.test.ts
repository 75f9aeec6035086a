import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () =>
    session.userId ? db.user.findUnique({ where: { id: session.userId }, select: { id: true, email: true, name: true } }) : null,
}));

const { GET } = await import("./route");

let slug = "";
let otherSlug = "";
let member = "";
let outsider = "";

async function get(s: string, search = "") {
  return GET(new Request(`http://localhost/w/${s}/customers/export${search}`), { params: Promise.resolve({ workspaceSlug: s }) });
}

beforeAll(async () => {
  slug = `exp-${Date.now()}`;
  otherSlug = `exp-other-${Date.now()}`;
  const ws = await db.workspace.create({ data: { name: "Export", slug } });
  const other = await db.workspace.create({ data: { name: "Other", slug: otherSlug } });
  member = (await db.user.create({ data: { email: `viewer-${Date.now()}@example.test` } })).id;
  outsider = (await db.user.create({ data: { email: `outsider-${Date.now()}@example.test` } })).id;
  await db.membership.create({ data: { workspaceId: ws.id, userId: member, role: "VIEWER" } });
  await db.customerTraitDefinition.create({ data: { workspaceId: ws.id, key: "tier", label: "Tier", type: "TEXT" } });
  await db.customer.createMany({
    data: [
      { workspaceId: ws.id, externalId: "E-1", firstName: "=HYPERLINK(\"http://evil\")", lastName: "Smith", email: "a@example.test", interests: ["x", "y"], traits: { tier: "@gold" } },
      { workspaceId: ws.id, externalId: "E-2", firstName: "Line\nBreak", lastName: "Quote \"Q\"", annualIncome: "1234.50" },
      ...Array.from({ length: 1203 }, (_, i) => ({ workspaceId: ws.id, externalId: `BULK-${i}`, firstName: "Bulk" })),
      { workspaceId: other.id, externalId: "SECRET-1", firstName: "Secret" },
    ],
  });
});

beforeEach(() => {
  session.userId = null;
});

describe("customer export", () => {
  it("requires a session, and answers a non-member with 404", async () => {
    expect((await get(slug)).status).toBe(401);
    session.userId = outsider;
    const response = await get(slug, "?format=csv");
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("E-1");
    expect((await get("no-such-workspace")).status).toBe(404);
  });

  it("streams a CSV of every matching customer, neutralising formulas and quoting", async () => {
    session.userId = member;
    const response = await get(slug, "?format=csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`attachment; filename="customers-${slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"`));
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A UTF-8 byte-order mark first, so spreadsheets pick the right encoding.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
    expect(text.startsWith("id,external_id,email,first_name,last_name,")).toBe(true);
    expect(text.split("\r\n")[0]).toMatch(/,trait\.tier$/);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")",Smith`);
    expect(text).toContain(`'@gold`);
    expect(text).toContain(`"Line\nBreak","Quote ""Q"""`);
    expect(text).toContain(",1234.5,");
    expect(text).not.toContain("SECRET-1");
    // Header + 1205 rows, each ending in CRLF (the quoted line break is inside a cell).
    expect(text.match(/\r\n/g)).toHaveLength(1206);
  });

  it("applies the search, and streams JSON as one array", async () => {
    session.userId = member;
    const response = await get(slug, "?format=json&q=smith");
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body: unknown = JSON.parse(await response.text());
    expect(body).toEqual([
      expect.objectContaining({ externalId: "E-1", interests: ["x", "y"], traits: { tier: "@gold" }, annualIncome: null }),
    ]);
    const all: unknown = JSON.parse(await (await get(slug, "?format=json")).text());
    expect(Array.isArray(all) && all.length).toBe(1205);
  });

  it("refuses a segment it cannot apply rather than exporting everyone", async () => {
    session.userId = member;
    const response = await get(slug, "?format=csv&segment=unknown");
    expect(response.status).toBe(400);
  });

  it("records the export in the audit log", async () => {
    const ws = await db.workspace.findUniqueOrThrow({ where: { slug } });
    const rows = await db.auditLog.findMany({ where: { workspaceId: ws.id, action: "customers.exported" } });
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.map((r) => r.metadata)).toContainEqual(expect.objectContaining({ format: "json", count: 1, q: "smith" }));
  });
});
