import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createSegment } from "@/lib/segments/store";
import { DEFAULT_LIST_STATE, type CustomerListState } from "@/lib/customers/url-state";
import {
  customerOrderTotals,
  customerSpendByCategory,
  customerSpendByMonth,
  customerTimeline,
  findCustomer,
  listCustomers,
  resolveFilter,
  streamCustomers,
} from "@/lib/dal/customers";
import { countTraitValues, traitValueCounts } from "@/lib/dal/traits";

let ws = "";
let other = "";
const ids: Record<string, number> = {};

async function workspace(name: string) {
  const w = await db.workspace.create({ data: { name, slug: `${name.toLowerCase()}-${Date.now().toString(36)}` } });
  return w.id;
}

const state = (change: Partial<CustomerListState> = {}): CustomerListState => ({ ...DEFAULT_LIST_STATE, ...change });

beforeAll(async () => {
  ws = await workspace("Mine");
  other = await workspace("Theirs");
  const people = [
    { externalId: "A-1", firstName: "Ada", lastName: "Lovelace", email: "ada@example.test", country: "GB", annualIncome: "120000" },
    { externalId: "A-2", firstName: "alan", lastName: "turing", email: "alan@example.test", country: "GB", annualIncome: "90000" },
    { externalId: "A-3", firstName: "Grace", lastName: "Hopper", email: "grace@navy.example", country: "US", annualIncome: null },
    { externalId: "50%_OFF", firstName: "Disc", lastName: "Ount", email: null, country: "DE", annualIncome: "10" },
    { externalId: "A-5", firstName: null, lastName: null, email: "anon@example.test", country: null, annualIncome: "0" },
  ];
  for (const [i, p] of people.entries()) {
    const c = await db.customer.create({
      data: { workspaceId: ws, ...p, traits: i < 3 ? { tier: i === 0 ? "gold" : "silver", nps: i } : {}, createdAt: new Date(Date.UTC(2024, 0, i + 1)) },
    });
    ids[p.externalId] = c.id;
  }
  // Same names and ids in another workspace: never visible from ours.
  for (const p of people) {
    const c = await db.customer.create({ data: { workspaceId: other, ...p, externalId: `${p.externalId}`, traits: { tier: "gold" } } });
    ids[`other:${p.externalId}`] = c.id;
  }
});

describe("listCustomers", () => {
  it("lists only this workspace, newest first by default", async () => {
    const list = await listCustomers(ws, state());
    expect(list.total).toBe(5);
    expect(list.rows.map((r) => r.externalId)).toEqual(["A-5", "50%_OFF", "A-3", "A-2", "A-1"]);
  });

  it("searches name, full name, e-mail and external id, ignoring case", async () => {
    const find = async (q: string) => (await listCustomers(ws, state({ q }))).rows.map((r) => r.externalId).sort();
    expect(await find("ADA")).toEqual(["A-1"]);
    expect(await find("alan TURING")).toEqual(["A-2"]);
    expect(await find("navy.EXAMPLE")).toEqual(["A-3"]);
    expect(await find("a-")).toEqual(["A-1", "A-2", "A-3", "A-5"]);
    expect(await find("nobody")).toEqual([]);
  });

  it("treats LIKE wildcards in a search as plain characters", async () => {
    expect((await listCustomers(ws, state({ q: "%" }))).rows.map((r) => r.externalId)).toEqual(["50%_OFF"]);
    expect((await listCustomers(ws, state({ q: "_" }))).rows.map((r) => r.externalId)).toEqual(["50%_OFF"]);
    expect((await listCustomers(ws, state({ q: "'; drop table \"Customer\"; --" }))).total).toBe(0);
  });

  it("sorts by a whitelisted column either way, with missing values last", async () => {
    const names = async (dir: "asc" | "desc") => (await listCustomers(ws, state({ sort: "name", dir }))).rows.map((r) => r.externalId);
    expect(await names("asc")).toEqual(["A-3", "A-1", "50%_OFF", "A-2", "A-5"]);
    expect(await names("desc")).toEqual(["A-2", "50%_OFF", "A-1", "A-3", "A-5"]);
    const incomes = (await listCustomers(ws, state({ sort: "annualIncome", dir: "desc" }))).rows.map((r) => r.annualIncome);
    expect(incomes).toEqual(["120000.00", "90000.00", "10.00", "0.00", null]);
  });

  it("pages, and shows the last page for a page past the end", async () => {
    const p1 = await listCustomers(ws, state({ sort: "externalId", dir: "asc", size: 25, page: 1 }));
    expect(p1.pageCount).toBe(1);
    const past = await listCustomers(ws, state({ page: 40 }));
    expect(past.page).toBe(1);
    expect(past.rows).toHaveLength(5);
  });

  it("filters by a saved segment through the segment engine, and explains a segment it cannot apply", async () => {
    const { segment } = await createSegment(db, ws, {
      name: "Brits",
      definition: { version: 1, root: { type: "group", op: "and", children: [{ type: "field", field: "country", operator: "eq", value: "GB" }] } },
    });
    const list = await listCustomers(ws, state({ segment: segment.id, q: "a" }));
    expect(list.segment).toEqual({ id: segment.id, name: "Brits" });
    expect(list.rows.map((r) => r.externalId).sort()).toEqual(["A-1", "A-2"]);

    const unknown = await listCustomers(ws, state({ segment: "no-such-segment" }));
    expect(unknown.segment).toBeNull();
    expect(unknown.segmentProblem).toMatch(/could not be found/);
    expect(unknown.total).toBe(5);

    // Another workspace's segment is unknown here.
    const { segment: theirs } = await createSegment(db, other, {
      name: "Theirs",
      definition: { version: 1, root: { type: "group", op: "and", children: [] } },
    });
    const foreign = await listCustomers(ws, state({ segment: theirs.id }));
    expect(foreign.segment).toBeNull();
    expect(foreign.rows.every((r) => Object.values(ids).includes(r.id))).toBe(true);
    expect(foreign.total).toBe(5);
  });
});

describe("streamCustomers", () => {
  it("walks every matching customer in id order, batch by batch, within the workspace", async () => {
    const filter = await resolveFilter(ws, { q: "", segment: null });
    const batches: number[][] = [];
    for await (const batch of streamCustomers(filter, { batchSize: 2 })) batches.push(batch.map((r) => r.id));
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
    const all = batches.flat();
    expect(all).toEqual([...all].sort((a, b) => a - b));
    expect(all.sort()).toEqual(["A-1", "A-2", "A-3", "50%_OFF", "A-5"].map((e) => ids[e]).sort());
  });

  it("applies the search, and returns full rows", async () => {
    const filter = await resolveFilter(ws, { q: "ada", segment: null });
    const rows: unknown[] = [];
    for await (const batch of streamCustomers(filter)) rows.push(...batch);
    expect(rows).toEqual([expect.objectContaining({ externalId: "A-1", traits: { tier: "gold", nps: 0 }, interests: [], annualIncome: "120000.00" })]);
  });
});

describe("one customer", () => {
  it("is found only through its own workspace", async () => {
    expect(await findCustomer(ws, ids["A-1"]!)).toMatchObject({ externalId: "A-1" });
    expect(await findCustomer(other, ids["A-1"]!)).toBeNull();
    expect(await findCustomer(ws, ids["other:A-1"]!)).toBeNull();
  });

  it("totals orders, spend by month and category, and merges the timeline newest first", async () => {
    const id = ids["A-1"]!;
    const now = new Date("2026-06-15T00:00:00Z");
    await db.order.createMany({
      data: [
        { workspaceId: ws, customerId: id, orderedAt: new Date("2026-05-02T10:00:00Z"), amount: "100.50", category: "books" },
        { workspaceId: ws, customerId: id, orderedAt: new Date("2026-06-01T10:00:00Z"), amount: "49.50", category: "apparel" },
        { workspaceId: ws, customerId: id, orderedAt: new Date("2024-01-01T10:00:00Z"), amount: "50", category: "books" },
      ],
    });
    await db.event.createMany({
      data: [
        { workspaceId: ws, customerId: id, name: "email_open", occurredAt: new Date("2026-06-10T00:00:00Z") },
        { workspaceId: ws, customerId: id, name: "page_view", occurredAt: new Date("2026-05-20T00:00:00Z") },
      ],
    });
    // Another workspace's order for the customer with the same id must not count.
    await db.order.create({ data: { workspaceId: other, customerId: ids["other:A-1"]!, orderedAt: now, amount: "999" } });

    const totals = await customerOrderTotals(ws, id);
    expect(totals).toMatchObject({ orders: 3, events: 2, revenue: 200, averageOrderValue: 200 / 3 });
    expect(totals.firstOrderAt?.toISOString()).toBe("2024-01-01T10:00:00.000Z");

    const months = await customerSpendByMonth(ws, id, now);
    expect(months).toHaveLength(12);
    expect(months.at(-1)).toEqual({ month: "2026-06", revenue: 49.5, orders: 1 });
    expect(months.at(-2)).toEqual({ month: "2026-05", revenue: 100.5, orders: 1 });

    expect(await customerSpendByCategory(ws, id)).toEqual([
      { category: "books", revenue: 150.5, orders: 2 },
      { category: "apparel", revenue: 49.5, orders: 1 },
    ]);

    const timeline = await customerTimeline(ws, id, 3);
    expect(timeline.items.map((i) => (i.kind === "order" ? `order ${i.amount}` : i.name))).toEqual(["email_open", "order 49.5", "page_view"]);
    expect(timeline.hasMore).toBe(true);
    expect((await customerTimeline(ws, id, 10)).hasMore).toBe(false);
  });
});

describe("trait value counts", () => {
  it("counts customers with a value per key, in this workspace only", async () => {
    const counts = await traitValueCounts(ws);
    expect(counts.get("tier")).toBe(3);
    expect(counts.get("nps")).toBe(3);
    expect(await countTraitValues(ws, "tier")).toBe(3);
    expect(await countTraitValues(other, "tier")).toBe(5);
    expect(await countTraitValues(ws, "missing")).toBe(0);
  });
});
