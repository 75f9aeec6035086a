/**
 * A customer's order value — number of orders, total spent, lifetime value, average order value,
 * first and last order — computed identically in SQL and in memory.
 *
 * - In SQL the figures come from `"CustomerMetrics"` (one row per customer with orders, kept
 *   current by triggers on `"Order"`): `orderValueSql` reads them, `clvSql` turns a total into the
 *   lifetime value the `clv` rules compare (0 without orders).
 * - In memory `orderSummary` and `clvCents` compute the same from a customer's orders, in exact
 *   integer cents.
 *
 * Lifetime value is the total spent over all orders to date. clv.parity.integration.test.ts proves
 * both forms agree.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { toCents, type DecimalLike } from "@/lib/analytics/money";

const { sql } = Prisma;
type Sql = Prisma.Sql;

export type OrderSummary = {
  orderCount: number;
  /** Sum of every order's amount, in cents. */
  totalCents: number;
  firstOrderAt: Date;
  lastOrderAt: Date;
};

/** A customer's orders summed up in memory; null without orders. */
export function orderSummary(orders: readonly { orderedAt: Date; amount: DecimalLike }[]): OrderSummary | null {
  if (orders.length === 0) return null;
  let totalCents = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const o of orders) {
    totalCents += toCents(o.amount);
    const t = o.orderedAt.getTime();
    if (t < first) first = t;
    if (t > last) last = t;
  }
  return { orderCount: orders.length, totalCents, firstOrderAt: new Date(first), lastOrderAt: new Date(last) };
}

/** Lifetime value in cents: the total of every order (0 without orders). */
export function clvCents(orders: readonly { amount: DecimalLike }[]): number {
  return orders.reduce((s, o) => s + toCents(o.amount), 0);
}

/** Average order value in cents, rounded half away from zero as PostgreSQL's `round` does (null without orders). */
export function averageOrderCents(summary: OrderSummary | null): number | null {
  if (!summary) return null;
  const q = summary.totalCents / summary.orderCount;
  return Math.sign(q) * Math.round(Math.abs(q));
}

/** Lifetime value in SQL from an expression for the total spent (NULL without orders → 0). */
export function clvSql(totalSpent: Sql): Sql {
  return sql`COALESCE(${totalSpent}, 0)`;
}

/** The columns of one customer's order value, over `"CustomerMetrics"` aliased `m` (NULLs without orders). */
export function orderValueColumnsSql(m: string): Sql {
  const col = (name: string) => Prisma.raw(`"${m}"."${name}"`);
  return sql`${col("orderCount")} AS "orderCount",
             ${col("totalSpent")}::text AS "totalSpent",
             round(${col("totalSpent")} / ${col("orderCount")}, 2)::text AS "averageOrderValue",
             ${col("firstOrderAt")} AS "firstOrderAt",
             ${col("lastOrderAt")} AS "lastOrderAt"`;
}

export type OrderValueRow = {
  orderCount: number | null;
  totalSpent: string | null;
  averageOrderValue: string | null;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
};

/** One customer's order value as exact decimal text (null without orders). */
export type OrderValue = {
  orderCount: number;
  /** Sum of every order's amount, as exact decimal text (`"1234.50"`). */
  totalSpent: string;
  /** Customer lifetime value as segment rules compare it: the total spent over all orders to date. */
  clv: string;
  /** Total spent ÷ number of orders, rounded to cents, as decimal text. */
  averageOrderValue: string;
  firstOrderAt: Date;
  lastOrderAt: Date;
};

export function orderValueFromRow(row: OrderValueRow): OrderValue | null {
  if (row.orderCount === null || row.totalSpent === null || row.firstOrderAt === null || row.lastOrderAt === null) return null;
  return {
    orderCount: Number(row.orderCount),
    totalSpent: row.totalSpent,
    clv: row.totalSpent,
    averageOrderValue: row.averageOrderValue ?? row.totalSpent,
    firstOrderAt: row.firstOrderAt,
    lastOrderAt: row.lastOrderAt,
  };
}
