/**
 * A small, seeded population of buyers for the lifetime-value tests: customers 1…n, each with a
 * first order day and some repeat order days in 2025, plus a few customers without orders.
 */
import { seededRng } from "@/lib/analytics/random";
import { blankCustomer, type PopulationMember } from "@/lib/segments/test-fixtures";

const DAY = 86_400_000;
export const CLV_FIXTURE_NOW = new Date("2026-01-01T12:00:00Z");

export function clvPopulation(buyers: number, withoutOrders = 3, seed = 7): PopulationMember[] {
  const rng = seededRng(seed);
  const start = new Date("2025-01-01T10:00:00Z").getTime();
  const members: PopulationMember[] = [];
  for (let id = 1; id <= buyers; id++) {
    const first = Math.floor(rng() * 300);
    // About half buy again, a few times, at a customer-specific rate.
    const repeats = rng() < 0.5 ? 0 : 1 + Math.floor(rng() * 6);
    const gap = 5 + Math.floor(rng() * 40);
    const base = 20 + Math.round(rng() * 80);
    const orders = [{ orderedAt: new Date(start + first * DAY), amount: `${base}.00`, category: null, channel: null }];
    for (let k = 1; k <= repeats; k++) {
      const day = first + k * gap;
      if (day >= 364) break;
      orders.push({ orderedAt: new Date(start + day * DAY), amount: `${base + Math.round(rng() * 30)}.50`, category: null, channel: null });
    }
    members.push({ customer: blankCustomer(id), history: { orders, events: [] } });
  }
  for (let k = 1; k <= withoutOrders; k++) members.push({ customer: blankCustomer(buyers + k), history: { orders: [], events: [] } });
  return members;
}
