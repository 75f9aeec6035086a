import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { blankCustomer, createTestWorkspace, insertPopulation } from "@/lib/segments/test-fixtures";

/** "CustomerMetrics" next to the same figures aggregated from "Order" directly. */
async function compare(workspaceId: string) {
  const kept = await db.customerMetrics.findMany({ where: { workspaceId }, orderBy: { customerId: "asc" } });
  const fresh = await db.$queryRaw<{ customerId: number; orderCount: number; totalSpent: string; minAmount: string; maxAmount: string; firstOrderAt: Date; lastOrderAt: Date }[]>(
    Prisma.sql`select "customerId", count(*)::int as "orderCount", sum("amount")::text as "totalSpent", min("amount")::text as "minAmount",
      max("amount")::text as "maxAmount", min("orderedAt") as "firstOrderAt", max("orderedAt") as "lastOrderAt"
      from "Order" where "workspaceId" = ${workspaceId}::uuid group by 1 order by 1`,
  );
  const norm = (r: { customerId: number; orderCount: number; totalSpent: unknown; minAmount: unknown; maxAmount: unknown; firstOrderAt: Date; lastOrderAt: Date }) => ({
    customerId: Number(r.customerId),
    orderCount: Number(r.orderCount),
    totalSpent: Number(String(r.totalSpent)).toFixed(2),
    minAmount: Number(String(r.minAmount)).toFixed(2),
    maxAmount: Number(String(r.maxAmount)).toFixed(2),
    firstOrderAt: r.firstOrderAt.toISOString(),
    lastOrderAt: r.lastOrderAt.toISOString(),
  });
  expect(kept.map(norm)).toEqual(fresh.map(norm));
  return kept.length;
}

describe("CustomerMetrics", () => {
  it("follows inserts, updates and deletes of orders and customers in the same transaction", async () => {
    const ws = await createTestWorkspace(db);
    const at = (d: string) => new Date(`${d}T10:00:00.000Z`);
    await insertPopulation(db, ws, [
      { customer: blankCustomer(1), history: { orders: [{ orderedAt: at("2024-01-01"), amount: "10.00", category: null, channel: null }], events: [] } },
      { customer: blankCustomer(2), history: { orders: [], events: [] } },
      { customer: blankCustomer(3), history: { orders: [{ orderedAt: at("2024-02-01"), amount: "5.50", category: null, channel: null }], events: [] } },
    ]);
    expect(await compare(ws)).toBe(2);

    await db.order.createMany({
      data: [
        { workspaceId: ws, customerId: 1, orderedAt: at("2023-06-01"), amount: "99.99" },
        { workspaceId: ws, customerId: 2, orderedAt: at("2024-03-01"), amount: "0.01" },
      ],
    });
    expect(await compare(ws)).toBe(3);

    await db.order.updateMany({ where: { workspaceId: ws, customerId: 1, amount: "99.99" }, data: { amount: "1.00", customerId: 3 } });
    expect(await compare(ws)).toBe(3);

    await db.order.deleteMany({ where: { workspaceId: ws, customerId: 2 } });
    expect(await compare(ws)).toBe(2);

    await expect(
      db.$transaction(async (tx) => {
        await tx.order.create({ data: { workspaceId: ws, customerId: 2, orderedAt: at("2024-03-02"), amount: "7.00" } });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await compare(ws)).toBe(2);

    await db.customer.delete({ where: { workspaceId_id: { workspaceId: ws, id: 3 } } });
    expect(await compare(ws)).toBe(1);
  });
});
