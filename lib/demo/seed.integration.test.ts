import { verify } from "@node-rs/argon2";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DEMO_NOW, generateDemoData } from "@/lib/demo/generate";
import {
  DEMO_EMAIL,
  DEMO_USER_NAME,
  DEMO_WORKSPACE_NAME,
  DEMO_WORKSPACE_SLUG,
  seedDemoWorkspace,
  setDemoPassword,
} from "@/lib/demo/seed";

const DEMO_PASSWORD = "harbour-violet-kettle-42";

const SIZE = { seed: 42, customers: 300, now: DEMO_NOW } as const;

/** Each test starts without the demo workspace and user (deleting the workspace cascades). */
async function reset(): Promise<void> {
  await db.workspace.deleteMany({ where: { slug: DEMO_WORKSPACE_SLUG } });
  await db.user.deleteMany({ where: { email: DEMO_EMAIL } });
}

/** jsonb does not keep key order: compare objects by their sorted entries. */
function sortedEntries(value: unknown): unknown {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? Object.entries(value).sort(([a], [b]) => a.localeCompare(b))
    : value;
}

async function demoRowCounts(workspaceId: string) {
  const where = { workspaceId };
  const [customers, orders, events, traitDefinitions, memberships, auditLogs] = await Promise.all([
    db.customer.count({ where }),
    db.order.count({ where }),
    db.event.count({ where }),
    db.customerTraitDefinition.count({ where }),
    db.membership.count({ where }),
    db.auditLog.count({ where }),
  ]);
  return { customers, orders, events, traitDefinitions, memberships, auditLogs };
}

describe("seedDemoWorkspace", () => {
  beforeEach(reset);

  it("writes exactly the generated data", async () => {
    const expected = generateDemoData(SIZE);
    const result = await seedDemoWorkspace(SIZE);

    expect(result.created).toBe(true);
    expect(result.userId).not.toBeNull();
    expect(result.elapsedMs).toBeGreaterThan(0);
    expect(result.counts).toEqual({
      traitDefinitions: expected.traitDefinitions.length,
      customers: 300,
      orders: expected.orders.length,
      events: expected.events.length,
      auditLogs: 1,
    });
    expect(await demoRowCounts(result.workspaceId)).toEqual({
      customers: 300,
      orders: expected.orders.length,
      events: expected.events.length,
      traitDefinitions: expected.traitDefinitions.length,
      memberships: 1,
      auditLogs: 1,
    });

    const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEMO_WORKSPACE_SLUG } });
    expect(workspace).toMatchObject({ id: result.workspaceId, name: DEMO_WORKSPACE_NAME });

    // Customers: every column round-trips.
    const customers = await db.customer.findMany({ where: { workspaceId: workspace.id }, orderBy: { externalId: "asc" } });
    expect(
      customers.map((c) => ({
        externalId: c.externalId,
        email: c.email,
        firstName: c.firstName,
        lastName: c.lastName,
        gender: c.gender,
        birthDate: c.birthDate?.toISOString(),
        annualIncome: c.annualIncome === null ? null : c.annualIncome.toNumber(),
        occupation: c.occupation,
        country: c.country,
        region: c.region,
        city: c.city,
        industry: c.industry,
        companySize: c.companySize,
        lifecycleStage: c.lifecycleStage,
        acquisitionChannel: c.acquisitionChannel,
        emailOptIn: c.emailOptIn,
        firstSeenAt: c.firstSeenAt?.toISOString(),
        interests: c.interests,
        needs: c.needs,
        technologies: c.technologies,
        traits: c.traits,
      })),
    ).toEqual(
      expected.customers.map((c) => ({
        ...c,
        birthDate: c.birthDate.toISOString(),
        firstSeenAt: c.firstSeenAt.toISOString(),
      })),
    );
    expect(customers.every((c) => c.createdAt.getTime() > Date.now() - 600_000)).toBe(true);

    // Orders: every order belongs to the right customer, with the same values.
    const externalIdOf = new Map(customers.map((c) => [c.id, c.externalId]));
    const orders = await db.order.findMany({ where: { workspaceId: workspace.id }, orderBy: { externalId: "asc" } });
    expect(
      orders.map((o) => ({
        externalId: o.externalId,
        customerExternalId: externalIdOf.get(o.customerId),
        orderedAt: o.orderedAt.toISOString(),
        amount: o.amount.toFixed(2),
        currency: o.currency,
        category: o.category,
        channel: o.channel,
        quantity: o.quantity,
      })),
    ).toEqual(
      expected.orders.map((o) => ({ ...o, orderedAt: o.orderedAt.toISOString(), amount: o.amount.toFixed(2) })),
    );
    const revenue = await db.order.aggregate({ where: { workspaceId: workspace.id }, _sum: { amount: true } });
    const expectedRevenue = expected.orders.reduce((s, o) => s + Math.round(o.amount * 100), 0) / 100;
    expect(revenue._sum.amount?.toFixed(2)).toBe(expectedRevenue.toFixed(2));

    // Events: the same multiset (no external id, so compare sorted).
    const events = await db.event.findMany({ where: { workspaceId: workspace.id }, orderBy: { id: "asc" } });
    const key = (e: { customerExternalId: string | undefined; name: string; occurredAt: string; properties: unknown }) =>
      JSON.stringify([e.customerExternalId, e.occurredAt, e.name, sortedEntries(e.properties)]);
    expect(
      events
        .map((e) =>
          key({
            customerExternalId: externalIdOf.get(e.customerId),
            name: e.name,
            occurredAt: e.occurredAt.toISOString(),
            properties: e.properties,
          }),
        )
        .sort(),
    ).toEqual(expected.events.map((e) => key({ ...e, occurredAt: e.occurredAt.toISOString() })).sort());

    const definitions = await db.customerTraitDefinition.findMany({
      where: { workspaceId: workspace.id },
      orderBy: { key: "asc" },
    });
    expect(definitions.map((d) => ({ key: d.key, label: d.label, type: d.type, family: d.family }))).toEqual(
      [...expected.traitDefinitions].sort((a, b) => a.key.localeCompare(b.key)),
    );

    const audit = await db.auditLog.findMany({ where: { workspaceId: workspace.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "workspace.seeded", actorId: result.userId, actorEmail: DEMO_EMAIL });
    expect(audit[0]?.metadata).toMatchObject({ customers: 300, orders: expected.orders.length, events: expected.events.length });
  });

  it("creates the demo user as the workspace's owner, able to sign in with the demo password", async () => {
    const result = await seedDemoWorkspace({ ...SIZE, password: DEMO_PASSWORD });
    const user = await db.user.findUnique({
      where: { email: DEMO_EMAIL },
      include: { memberships: { include: { workspace: { select: { slug: true } } } } },
    });
    expect(user).not.toBeNull();
    expect(user?.id).toBe(result.userId);
    expect(user?.name).toBe(DEMO_USER_NAME);
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verify(user?.passwordHash ?? "", DEMO_PASSWORD)).toBe(true);
    expect(await verify(user?.passwordHash ?? "", "wrong-password-123")).toBe(false);
    expect(user?.memberships.map((m) => ({ role: m.role, slug: m.workspace.slug }))).toEqual([
      { role: "OWNER", slug: DEMO_WORKSPACE_SLUG },
    ]);
  });

  it("has no built-in demo password: without one the user gets a random password", async () => {
    await seedDemoWorkspace({ ...SIZE, customers: 10 });
    const first = (await db.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL } })).passwordHash ?? "";
    await reset();
    await seedDemoWorkspace({ ...SIZE, customers: 10 });
    const second = (await db.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL } })).passwordHash ?? "";
    expect(first).toMatch(/^\$argon2id\$/);
    expect(await verify(first, "demo-password-123")).toBe(false);
    // Two seeds, two different random passwords: neither hash accepts the other's password shape.
    expect(first).not.toBe(second);
  });

  it("sets a new password on an existing demo user and ends their sessions", async () => {
    await seedDemoWorkspace({ ...SIZE, customers: 10, password: DEMO_PASSWORD });
    const before = await db.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL } });
    expect(await setDemoPassword(db, "kettle-harbour-violet-7")).toBe(true);
    const after = await db.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL } });
    expect(await verify(after.passwordHash ?? "", "kettle-harbour-violet-7")).toBe(true);
    expect(await verify(after.passwordHash ?? "", DEMO_PASSWORD)).toBe(false);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    await reset();
    expect(await setDemoPassword(db, "kettle-harbour-violet-7")).toBe(false);
  });

  it("does nothing when the demo workspace exists", async () => {
    const first = await seedDemoWorkspace(SIZE);
    const before = await demoRowCounts(first.workspaceId);
    const users = await db.user.count();

    const second = await seedDemoWorkspace({ ...SIZE, seed: 7 });
    expect(second).toMatchObject({
      created: false,
      workspaceId: first.workspaceId,
      userId: first.userId,
      counts: { traitDefinitions: 0, customers: 0, orders: 0, events: 0, auditLogs: 0 },
    });
    expect(await demoRowCounts(first.workspaceId)).toEqual(before);
    expect(await db.user.count()).toBe(users);
    expect(await db.workspace.count({ where: { slug: DEMO_WORKSPACE_SLUG } })).toBe(1);
  });

  it("reuses a demo user who already exists (signed up before the seed)", async () => {
    const existing = await db.user.create({ data: { email: DEMO_EMAIL, name: "Signed Up", passwordHash: "kept-as-is" } });
    const result = await seedDemoWorkspace({ ...SIZE, customers: 40 });
    expect(result.created).toBe(true);
    expect(result.userId).toBe(existing.id);
    const user = await db.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL } });
    expect(user).toMatchObject({ id: existing.id, name: "Signed Up", passwordHash: "kept-as-is" });
    const membership = await db.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: result.workspaceId, userId: existing.id } },
    });
    expect(membership?.role).toBe("OWNER");
  });

  it("writes nothing when part of the seed fails", async () => {
    const data = generateDemoData(SIZE);
    expect(data.events.some((e) => e.name === "webinar_attended")).toBe(true);
    const customersBefore = await db.customer.count();
    // Make the event insert, late in the transaction, fail.
    await db.$executeRaw`alter table "Event" add constraint "demo_test_no_webinars" check ("name" <> 'webinar_attended')`;
    try {
      await expect(seedDemoWorkspace(SIZE)).rejects.toThrow();
    } finally {
      await db.$executeRaw`alter table "Event" drop constraint "demo_test_no_webinars"`;
    }
    expect(await db.workspace.findUnique({ where: { slug: DEMO_WORKSPACE_SLUG } })).toBeNull();
    expect(await db.user.findUnique({ where: { email: DEMO_EMAIL } })).toBeNull();
    expect(await db.customer.count()).toBe(customersBefore);
    expect(await db.order.count({ where: { externalId: data.orders[0]?.externalId } })).toBe(0);

    // And a later attempt succeeds.
    expect((await seedDemoWorkspace({ ...SIZE, customers: 20 })).created).toBe(true);
  });

  it("lets only one of two simultaneous seeds create the workspace", async () => {
    const results = await Promise.all([
      seedDemoWorkspace({ ...SIZE, customers: 60 }),
      seedDemoWorkspace({ ...SIZE, customers: 60 }),
    ]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(results[0]?.workspaceId).toBe(results[1]?.workspaceId);
    expect(await db.workspace.count({ where: { slug: DEMO_WORKSPACE_SLUG } })).toBe(1);
    expect(await db.user.count({ where: { email: DEMO_EMAIL } })).toBe(1);
    expect(await db.customer.count({ where: { workspaceId: results[0]?.workspaceId } })).toBe(60);
  });

  // The full demo, as `npm start` seeds it (its speed is a benchmark matter, not asserted here).
  it(
    "seeds the full demo",
    async () => {
      const result = await seedDemoWorkspace({ now: DEMO_NOW });
      const expected = generateDemoData();
      expect(result.created).toBe(true);
      expect(result.counts.customers).toBe(5000);
      expect(result.counts.orders).toBe(expected.orders.length);
      expect(result.counts.events).toBe(expected.events.length);
    },
    120_000,
  );
});
