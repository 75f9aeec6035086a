import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";

// Only the session is faked: each action runs its real chain (membership, permission, zod, DAL).
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () =>
    session.userId ? db.user.findUnique({ where: { id: session.userId }, select: { id: true, email: true, name: true } }) : null,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { createCustomer, updateCustomer, deleteCustomer, bulkDeleteCustomers } = await import("@/lib/actions/customers");
const { createTrait, updateTrait, changeTraitType, deleteTrait } = await import("@/lib/actions/traits");

const ROLES: Role[] = ["OWNER", "ADMIN", "EDITOR", "VIEWER"];
const users: Record<Role | "outsider" | "victim", string> = { OWNER: "", ADMIN: "", EDITOR: "", VIEWER: "", outsider: "", victim: "" };
let ws = "";
let victimWs = "";
let n = 0;

async function makeUser(label: string) {
  n += 1;
  return (await db.user.create({ data: { email: `${label.toLowerCase()}-${n}@example.test`, name: label } })).id;
}

async function customer(workspaceId: string, externalId: string, traits: Record<string, unknown> = {}) {
  return db.customer.create({ data: { workspaceId, externalId, firstName: externalId, traits: traits as object } });
}

const as = (who: keyof typeof users) => {
  session.userId = users[who];
};

beforeAll(async () => {
  ws = (await db.workspace.create({ data: { name: "Ours", slug: `ours-${Date.now()}` } })).id;
  victimWs = (await db.workspace.create({ data: { name: "Victim", slug: `victim-${Date.now()}` } })).id;
  for (const role of ROLES) {
    users[role] = await makeUser(role);
    await db.membership.create({ data: { workspaceId: ws, userId: users[role], role } });
  }
  users.outsider = await makeUser("Outsider");
  users.victim = await makeUser("Victim");
  await db.membership.create({ data: { workspaceId: victimWs, userId: users.victim, role: "OWNER" } });
});

beforeEach(() => {
  session.userId = null;
});

describe("create", () => {
  it("an editor adds a customer; it is audited", async () => {
    as("EDITOR");
    const result = await createCustomer(ws, { externalId: "CUS-1", email: "Ada@Example.test", firstName: "Ada", country: "gb", interests: "maths, poetry" });
    expect(result).toMatchObject({ ok: true, data: { name: "Ada" } });
    const row = await db.customer.findUniqueOrThrow({ where: { workspaceId_externalId: { workspaceId: ws, externalId: "CUS-1" } } });
    expect(row).toMatchObject({ email: "ada@example.test", country: "GB", interests: ["maths", "poetry"] });
    const audit = await db.auditLog.findFirst({ where: { workspaceId: ws, action: "customer.created", targetId: String(row.id) } });
    expect(audit?.actorId).toBe(users.EDITOR);
  });

  it.each(ROLES)("as %s follows the permission map (VIEWER refused)", async (role) => {
    as(role);
    const result = await createCustomer(ws, { externalId: `ROLE-${role}` });
    expect(result.ok).toBe(role !== "VIEWER");
    if (role === "VIEWER") expect(result).toMatchObject({ code: "FORBIDDEN", error: "Your role does not allow this." });
    expect(await db.customer.count({ where: { workspaceId: ws, externalId: `ROLE-${role}` } })).toBe(role === "VIEWER" ? 0 : 1);
  });

  it("answers a non-member like an unknown workspace, and an anonymous caller asks to sign in", async () => {
    expect(await createCustomer(ws, { externalId: "ANON" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    as("outsider");
    expect(await createCustomer(ws, { externalId: "OUT" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db.customer.count({ where: { externalId: { in: ["ANON", "OUT"] } } })).toBe(0);
  });

  it("returns a message per bad field", async () => {
    as("EDITOR");
    const result = await createCustomer(ws, {
      externalId: "BAD",
      email: "not-an-email",
      birthDate: "2999-01-01",
      annualIncome: "-1",
      country: "Germany",
      lastName: "x".repeat(500),
    });
    expect(result).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: {
        email: ["Enter a valid e-mail address, like name@company.com."],
        birthDate: ["A birth date cannot be in the future."],
        annualIncome: ["Income cannot be negative."],
        country: ["Use a two-letter ISO 3166 country code, like US or DE."],
        lastName: ["Use at most 100 characters."],
      },
    });
  });

  it("refuses an external id already used in the workspace, but not one used elsewhere", async () => {
    as("EDITOR");
    await customer(victimWs, "SHARED-ID");
    expect(await createCustomer(ws, { externalId: "SHARED-ID" })).toMatchObject({ ok: true });
    const again = await createCustomer(ws, { externalId: "SHARED-ID" });
    expect(again).toMatchObject({
      ok: false,
      code: "CONFLICT",
      fieldErrors: { externalId: ["Another customer in this workspace already has the external id “SHARED-ID”."] },
    });
  });

  it("generates an external id when none is given", async () => {
    as("EDITOR");
    const result = await createCustomer(ws, { externalId: "", firstName: "Generated" });
    if (!result.ok) throw new Error(result.error);
    const row = await db.customer.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: ws, id: result.data.id } } });
    expect(row.externalId).toMatch(/^C-[2-9A-HJ-NP-Z]{10}$/);
  });

  it("checks custom traits by their type", async () => {
    as("EDITOR");
    await db.customerTraitDefinition.createMany({
      data: [
        { workspaceId: ws, key: "nps", label: "NPS", type: "NUMBER", family: "PSYCHOGRAPHIC" },
        { workspaceId: ws, key: "app", label: "Has app", type: "BOOLEAN", family: "TECHNOGRAPHIC" },
      ],
    });
    const bad = await createCustomer(ws, { externalId: "T-1", traits: { nps: "high", app: "maybe" } });
    expect(bad).toMatchObject({
      ok: false,
      fieldErrors: { "traits.nps": ["Enter a number, like 42 or 3.5."], "traits.app": ["Choose yes or no."] },
    });
    const unknown = await createCustomer(ws, { externalId: "T-1", traits: { ghost: "x" } });
    expect(unknown).toMatchObject({ ok: false, code: "VALIDATION" });
    const good = await createCustomer(ws, { externalId: "T-1", traits: { nps: "9", app: "true" } });
    if (!good.ok) throw new Error(good.error);
    const row = await db.customer.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: ws, id: good.data.id } } });
    expect(row.traits).toEqual({ nps: 9, app: true });
  });
});

describe("update", () => {
  it("saves changes, keeps traits without a definition, and audits the changed fields", async () => {
    as("EDITOR");
    const c = await customer(ws, "UPD-1", { nps: 3, legacy: "keep me" });
    const result = await updateCustomer(ws, { id: c.id, externalId: "UPD-1", firstName: "Renamed", annualIncome: "1,000", traits: { nps: "" } });
    expect(result).toMatchObject({ ok: true });
    const row = await db.customer.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: ws, id: c.id } } });
    expect(row.firstName).toBe("Renamed");
    expect(row.annualIncome?.toString()).toBe("1000");
    expect(row.traits).toEqual({ legacy: "keep me" });
    const audit = await db.auditLog.findFirstOrThrow({ where: { workspaceId: ws, action: "customer.updated", targetId: String(c.id) } });
    expect(audit.metadata).toMatchObject({ fields: ["firstName", "annualIncome", "traits.nps"] });
  });

  it("never reaches another workspace's customer, whatever id is sent", async () => {
    const theirs = await customer(victimWs, "VICTIM-1");
    as("OWNER");
    const viaOurs = await updateCustomer(ws, { id: theirs.id, externalId: "HACKED", firstName: "Hacked" });
    expect(viaOurs).toMatchObject({ ok: false, code: "NOT_FOUND", error: "That customer could not be found." });
    const viaTheirs = await updateCustomer(victimWs, { id: theirs.id, externalId: "HACKED" });
    expect(viaTheirs).toMatchObject({ ok: false, code: "NOT_FOUND", error: "That workspace could not be found." });
    const row = await db.customer.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: victimWs, id: theirs.id } } });
    expect(row).toMatchObject({ externalId: "VICTIM-1", firstName: "VICTIM-1" });
  });

  it("refuses a viewer and an external id taken by another customer", async () => {
    const a = await customer(ws, "UPD-A");
    await customer(ws, "UPD-B");
    as("VIEWER");
    expect(await updateCustomer(ws, { id: a.id, externalId: "UPD-A", firstName: "Viewer" })).toMatchObject({ code: "FORBIDDEN" });
    as("EDITOR");
    expect(await updateCustomer(ws, { id: a.id, externalId: "UPD-B" })).toMatchObject({ code: "CONFLICT", fieldErrors: { externalId: [expect.any(String)] } });
    expect((await db.customer.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: ws, id: a.id } } })).externalId).toBe("UPD-A");
  });
});

describe("delete", () => {
  it("deletes one customer with its history, audited; another workspace's id is not found", async () => {
    const mine = await customer(ws, "DEL-1");
    await db.order.create({ data: { workspaceId: ws, customerId: mine.id, orderedAt: new Date(), amount: "10" } });
    const theirs = await customer(victimWs, "DEL-VICTIM");
    as("EDITOR");
    expect(await deleteCustomer(ws, { id: theirs.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db.customer.count({ where: { workspaceId: victimWs, id: theirs.id } })).toBe(1);
    expect(await deleteCustomer(ws, { id: mine.id })).toMatchObject({ ok: true, data: { deleted: 1 } });
    expect(await db.customer.count({ where: { workspaceId: ws, id: mine.id } })).toBe(0);
    expect(await db.order.count({ where: { workspaceId: ws, customerId: mine.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { workspaceId: ws, action: "customer.deleted", targetId: String(mine.id) } })).toBe(1);
  });

  it("a viewer cannot delete", async () => {
    const mine = await customer(ws, "DEL-2");
    as("VIEWER");
    expect(await deleteCustomer(ws, { id: mine.id })).toMatchObject({ code: "FORBIDDEN" });
    expect(await bulkDeleteCustomers(ws, { ids: [mine.id] })).toMatchObject({ code: "FORBIDDEN" });
    expect(await db.customer.count({ where: { workspaceId: ws, id: mine.id } })).toBe(1);
  });

  it("bulk delete removes only this workspace's rows among the ids sent", async () => {
    const mine = [await customer(ws, "BULK-1"), await customer(ws, "BULK-2")];
    const theirs = [await customer(victimWs, "BULK-V1"), await customer(victimWs, "BULK-V2")];
    as("EDITOR");
    const result = await bulkDeleteCustomers(ws, { ids: [...mine, ...theirs].map((c) => c.id) });
    expect(result).toMatchObject({ ok: true, data: { deleted: 2 } });
    expect(await db.customer.count({ where: { workspaceId: ws, id: { in: mine.map((c) => c.id) } } })).toBe(0);
    expect(await db.customer.count({ where: { workspaceId: victimWs, id: { in: theirs.map((c) => c.id) } } })).toBe(2);
    const audit = await db.auditLog.findFirstOrThrow({ where: { workspaceId: ws, action: "customer.bulk_deleted" }, orderBy: { createdAt: "desc" } });
    expect(audit.metadata).toMatchObject({ count: 2, externalIds: ["BULK-1", "BULK-2"] });

    const onlyTheirs = await bulkDeleteCustomers(ws, { ids: theirs.map((c) => c.id) });
    expect(onlyTheirs).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db.customer.count({ where: { workspaceId: victimWs } })).toBeGreaterThanOrEqual(2);
  });

  it("validates the id list", async () => {
    as("EDITOR");
    expect(await bulkDeleteCustomers(ws, { ids: [] })).toMatchObject({ code: "VALIDATION", fieldErrors: { ids: ["Select at least one customer."] } });
    expect(await bulkDeleteCustomers(ws, { ids: ["1; drop"] })).toMatchObject({ code: "VALIDATION" });
  });
});

describe("custom traits", () => {
  it("adds a trait; a duplicate key and a bad key get field messages; viewers are refused", async () => {
    as("EDITOR");
    expect(await createTrait(ws, { key: "tier", label: "Tier", type: "TEXT", family: "VALUE" })).toMatchObject({ ok: true });
    expect(await createTrait(ws, { key: "tier", label: "Tier again", type: "TEXT", family: "VALUE" })).toMatchObject({
      code: "CONFLICT",
      fieldErrors: { key: ["A trait with the key “tier” already exists."] },
    });
    expect(await createTrait(ws, { key: "Bad Key", label: "x", type: "TEXT", family: "VALUE" })).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { key: [expect.stringMatching(/lowercase/)] },
    });
    as("VIEWER");
    expect(await createTrait(ws, { key: "viewer_trait", label: "x", type: "TEXT", family: "VALUE" })).toMatchObject({ code: "FORBIDDEN" });
  });

  it("relabels and moves a trait to another family, audited", async () => {
    as("EDITOR");
    const def = await db.customerTraitDefinition.findUniqueOrThrow({ where: { workspaceId_key: { workspaceId: ws, key: "tier" } } });
    expect(await updateTrait(ws, { id: def.id, label: "Loyalty tier", family: "BEHAVIORAL" })).toMatchObject({ ok: true });
    expect(await db.customerTraitDefinition.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: ws, id: def.id } } })).toMatchObject({
      label: "Loyalty tier",
      family: "BEHAVIORAL",
    });
    expect(await db.auditLog.count({ where: { workspaceId: ws, action: "trait.updated", targetId: def.id } })).toBe(1);
  });

  it("refuses a type change while any value does not convert, naming how many customers block it", async () => {
    as("EDITOR");
    const def = await db.customerTraitDefinition.create({ data: { workspaceId: ws, key: "score", label: "Score", type: "TEXT" } });
    const ok = await customer(ws, "SCORE-1", { score: "7" });
    await customer(ws, "SCORE-2", { score: "high" });
    await customer(ws, "SCORE-3", { score: "n/a" });
    const refused = await changeTraitType(ws, { id: def.id, type: "NUMBER" });
    expect(refused).toMatchObject({ ok: false, code: "CONFLICT" });
    if (!refused.ok) {
      expect(refused.error).toMatch(/^2 customers have values that cannot be read as Number \(for example “high”, “n\/a”\)/);
      expect(refused.fieldErrors?.type?.[0]).toBe(refused.error);
    }
    expect((await db.customerTraitDefinition.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: ws, id: def.id } } })).type).toBe("TEXT");
    expect((await db.customer.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: ws, id: ok.id } } })).traits).toEqual({ score: "7" });
  });

  it("converts every value when they all convert, in this workspace only", async () => {
    as("EDITOR");
    const def = await db.customerTraitDefinition.create({ data: { workspaceId: ws, key: "visits", label: "Visits", type: "TEXT" } });
    const a = await customer(ws, "VISITS-1", { visits: "12" });
    const b = await customer(ws, "VISITS-2", { visits: " 3 " });
    const theirs = await customer(victimWs, "VISITS-V", { visits: "not a number" });
    const result = await changeTraitType(ws, { id: def.id, type: "NUMBER" });
    expect(result).toMatchObject({ ok: true, data: { converted: 2 } });
    const read = async (wsId: string, id: number) => (await db.customer.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: wsId, id } } })).traits;
    expect(await read(ws, a.id)).toEqual({ visits: 12 });
    expect(await read(ws, b.id)).toEqual({ visits: 3 });
    expect(await read(victimWs, theirs.id)).toEqual({ visits: "not a number" });
    expect(await db.auditLog.findFirst({ where: { workspaceId: ws, action: "trait.type_changed", targetId: def.id } })).toMatchObject({
      metadata: { from: "TEXT", to: "NUMBER", converted: 2 },
    });
  });

  it("deletes a definition and clears its key from this workspace's customers in one go", async () => {
    as("EDITOR");
    const def = await db.customerTraitDefinition.create({ data: { workspaceId: ws, key: "colour", label: "Colour", type: "TEXT" } });
    const a = await customer(ws, "COLOUR-1", { colour: "red", other: 1 });
    const theirs = await customer(victimWs, "COLOUR-V", { colour: "blue" });
    const result = await deleteTrait(ws, { id: def.id });
    expect(result).toMatchObject({ ok: true, data: { key: "colour", cleared: 1 } });
    expect(await db.customerTraitDefinition.count({ where: { workspaceId: ws, key: "colour" } })).toBe(0);
    expect((await db.customer.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: ws, id: a.id } } })).traits).toEqual({ other: 1 });
    expect((await db.customer.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: victimWs, id: theirs.id } } })).traits).toEqual({ colour: "blue" });
    expect(await db.auditLog.findFirst({ where: { workspaceId: ws, action: "trait.deleted", targetId: def.id } })).toMatchObject({
      metadata: { key: "colour", customers: 1 },
    });
  });

  it("another workspace's trait id is not found by any trait action", async () => {
    const theirs = await db.customerTraitDefinition.create({ data: { workspaceId: victimWs, key: "secret", label: "Secret", type: "TEXT" } });
    as("OWNER");
    expect(await updateTrait(ws, { id: theirs.id, label: "Mine now", family: "VALUE" })).toMatchObject({ code: "NOT_FOUND" });
    expect(await changeTraitType(ws, { id: theirs.id, type: "TAGS" })).toMatchObject({ code: "NOT_FOUND" });
    expect(await deleteTrait(ws, { id: theirs.id })).toMatchObject({ code: "NOT_FOUND" });
    expect(await db.customerTraitDefinition.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: victimWs, id: theirs.id } } })).toMatchObject({
      label: "Secret",
      type: "TEXT",
    });
  });

  it("viewers cannot change or delete traits", async () => {
    const def = await db.customerTraitDefinition.create({ data: { workspaceId: ws, key: "locked", label: "Locked", type: "TEXT" } });
    as("VIEWER");
    expect(await updateTrait(ws, { id: def.id, label: "x", family: "VALUE" })).toMatchObject({ code: "FORBIDDEN" });
    expect(await changeTraitType(ws, { id: def.id, type: "TAGS" })).toMatchObject({ code: "FORBIDDEN" });
    expect(await deleteTrait(ws, { id: def.id })).toMatchObject({ code: "FORBIDDEN" });
    expect(await db.customerTraitDefinition.count({ where: { workspaceId: ws, id: def.id } })).toBe(1);
  });
});
