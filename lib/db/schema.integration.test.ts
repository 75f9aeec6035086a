import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { openAdapter } from "@/lib/db/adapter";
import { applyMigrations, readMigrationsList } from "@/lib/db/migrate";

describe("database schema", () => {
  it("has every migration applied", async () => {
    const rows = await db.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
      select migration_name, finished_at from _prisma_migrations order by migration_name`;
    const expected = readMigrationsList().migrationDirectories.map((d) => d.path);
    expect(rows.map((r) => r.migration_name)).toEqual(expected);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it("refuses an order that points at another workspace's customer", async () => {
    const [a, b] = await Promise.all([
      db.workspace.create({ data: { name: "A", slug: `a-${Date.now()}` } }),
      db.workspace.create({ data: { name: "B", slug: `b-${Date.now()}` } }),
    ]);
    const customer = await db.customer.create({ data: { workspaceId: a.id, externalId: "c1" } });
    await expect(
      db.order.create({
        data: { workspaceId: b.id, customerId: customer.id, orderedAt: new Date(), amount: "10.00" },
      }),
    ).rejects.toThrow();
    const ok = await db.order.create({
      data: { workspaceId: a.id, customerId: customer.id, orderedAt: new Date(), amount: "10.00" },
    });
    expect(ok.customerId).toBe(customer.id);
  });

  it("leads every index of a tenant table with workspaceId", async () => {
    const rows = await db.$queryRaw<{ table: string; index: string; first: string }[]>`
      select t.relname as "table", i.relname as "index", a.attname as "first"
      from pg_index x
      join pg_class t on t.oid = x.indrelid
      join pg_class i on i.oid = x.indexrelid
      join pg_namespace n on n.oid = t.relnamespace
      join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
      where n.nspname = 'public'
        and exists (select 1 from pg_attribute w where w.attrelid = t.oid and w.attname = 'workspaceId')`;
    const offenders = rows.filter((r) => r.first !== "workspaceId" && r.index !== "Membership_userId_idx");
    expect(rows.length).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });
});

describe("migrations", () => {
  it("reports a failing migration as failed", async () => {
    const handle = await openAdapter({ kind: "pglite", dataDir: "memory://" });
    try {
      await handle.pglite!.exec(`create table "Workspace" (id int)`); // conflicts with the first migration
      await expect(applyMigrations(handle.factory)).rejects.toThrow();
    } finally {
      await handle.close();
    }
  });
});
