/**
 * The BG/NBD summaries built in SQL, on a tiny population checked by hand (PGlite and PostgreSQL).
 */
import { describe, expect, it } from "vitest";
import { loadClvData } from "@/lib/analytics/clv-data";
import { db } from "@/lib/db";
import { blankCustomer, createTestWorkspace, insertPopulation, type PopulationMember } from "@/lib/segments/test-fixtures";

const order = (iso: string, amount: string) => ({ orderedAt: new Date(iso), amount, category: null, channel: null });

describe("CLV summaries from orders", () => {
  it("x, t_x, T and mean repeat spend per customer, and a calibration cut-off with its hold-out", async () => {
    const population: PopulationMember[] = [
      {
        // First order day 1 Jan; repeat days 15 Jan (two orders: 30 + 10 = 40) and 29 Jan (20).
        customer: blankCustomer(1),
        history: {
          orders: [
            order("2024-01-01T09:00:00Z", "50.00"),
            order("2024-01-15T08:00:00Z", "30.00"),
            order("2024-01-15T20:00:00Z", "10.00"),
            order("2024-01-29T12:00:00Z", "20.00"),
            order("2024-03-05T12:00:00Z", "99.00"),
          ],
          events: [],
        },
      },
      // One order only.
      { customer: blankCustomer(2), history: { orders: [order("2024-02-12T23:59:00Z", "15.00")], events: [] } },
      // No orders: not a customer of the model.
      { customer: blankCustomer(3), history: { orders: [], events: [] } },
      // First order after the cut-off: only in the full summary.
      { customer: blankCustomer(4), history: { orders: [order("2024-03-01T10:00:00Z", "5.00")], events: [] } },
    ];
    const workspaceId = await createTestWorkspace(db);
    const other = await createTestWorkspace(db);
    try {
      await insertPopulation(db, workspaceId, population);
      // Another workspace's orders never count.
      await insertPopulation(db, other, [population[0]!]);
      const now = new Date("2024-03-11T12:00:00Z");

      const full = await loadClvData(db, workspaceId, { now });
      expect(full.holdoutWeeks).toBeNull();
      // Customer 1 by hand: 4 order days → x = 3; last order day 5 Mar is 64 days after 1 Jan
      // (2024 is a leap year) → t_x = 64/7; 11 Mar is 70 days after → T = 10; m = (40 + 20 + 99) / 3 = 53.
      expect(full.customers).toEqual([
        { customerId: 1, x: 3, tx: 64 / 7, T: 10, m: 53, holdout: null },
        { customerId: 2, x: 0, tx: 0, T: 28 / 7, m: null, holdout: null },
        { customerId: 4, x: 0, tx: 0, T: 10 / 7, m: null, holdout: null },
      ]);

      const calibration = await loadClvData(db, workspaceId, { now, calibrationEnd: new Date("2024-02-26T00:00:00Z") });
      expect(calibration.holdoutWeeks).toBeCloseTo(14.5 / 7, 9);
      // Before 26 Feb: customer 1 has 3 order days (x = 2, t_x = 4, T = 56/7 = 8, m = (40 + 20)/2);
      // after it, one order day (5 Mar). Customer 4 first bought after the cut-off: left out.
      expect(calibration.customers).toEqual([
        { customerId: 1, x: 2, tx: 4, T: 8, m: 30, holdout: 1 },
        { customerId: 2, x: 0, tx: 0, T: 14 / 7, m: null, holdout: 0 },
      ]);
      await expect(loadClvData(db, workspaceId, { now, calibrationEnd: now })).rejects.toThrow(/calibration end must be before today/);
    } finally {
      await db.workspace.delete({ where: { id: workspaceId } });
      await db.workspace.delete({ where: { id: other } });
    }
  });
});
