import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { computeRfmScores, rfmInput, rfmSegment, RFM_SEGMENT_LABELS } from "@/lib/analytics/rfm";
import { orderSummary } from "@/lib/analytics/clv";
import { DEFINITION_VERSION } from "@/lib/segments/definition";
import { createSegment } from "@/lib/segments/store";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () =>
    session.userId ? db.user.findUnique({ where: { id: session.userId }, select: { id: true, email: true, name: true } }) : null,
}));

const { GET } = await import("./route");

let slug = "";
let segmentId = "";
let otherSegmentId = "";
let member = "";
let outsider = "";
let workspaceId = "";

const get = (segment: string, search = "") =>
  GET(new Request(`http://localhost/w/${slug}/segments/${segment}/export${search}`), {
    params: Promise.resolve({ workspaceSlug: slug, segmentId: segment }),
  });

const DAY = 86_400_000;

beforeAll(async () => {
  slug = `seg-exp-${Date.now()}`;
  const ws = await db.workspace.create({ data: { name: "Segment export", slug } });
  const other = await db.workspace.create({ data: { name: "Other", slug: `${slug}-other` } });
  workspaceId = ws.id;
  member = (await db.user.create({ data: { email: `seg-exp-${Date.now()}@example.test` } })).id;
  outsider = (await db.user.create({ data: { email: `seg-exp-out-${Date.now()}@example.test` } })).id;
  await db.membership.create({ data: { workspaceId, userId: member, role: "VIEWER" } });
  // Twelve customers in the US, with 0–5 orders of varied amounts and ages (ties included), two elsewhere.
  for (let i = 0; i < 14; i++) {
    const c = await db.customer.create({
      data: { workspaceId, externalId: `C-${i}`, firstName: `Cust${i}`, country: i < 12 ? "US" : "DE" },
    });
    const orders = i % 6;
    for (let k = 0; k < orders; k++) {
      await db.order.create({
        data: { workspaceId, customerId: c.id, orderedAt: new Date(Date.now() - ((i * 7 + k * 3) % 40) * DAY), amount: String(10 + ((i * k) % 4) * 25) },
      });
    }
  }
  const definition = {
    version: DEFINITION_VERSION,
    root: { type: "group", op: "and", children: [{ type: "field", field: "country", operator: "eq", value: "US" }] },
  };
  segmentId = (await createSegment(db, workspaceId, { name: "Big Spenders: Ünited States!", definition })).segment.id;
  otherSegmentId = (await createSegment(db, other.id, { name: "Theirs", definition })).segment.id;
});

beforeEach(() => {
  session.userId = member;
});

function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter(Boolean)
    .map((line) => line.split(","));
}

describe("segment export", () => {
  it("answers an outsider, an unknown segment and another workspace's segment with 404", async () => {
    session.userId = outsider;
    expect((await get(segmentId)).status).toBe(404);
    session.userId = member;
    expect((await get("no-such-segment")).status).toBe(404);
    expect((await get(otherSegmentId)).status).toBe(404);
    session.userId = null;
    expect((await get(segmentId)).status).toBe(401);
  });

  it("exports the segment's members in a file named after the segment, without metric columns by default", async () => {
    const response = await get(segmentId, "?format=csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/filename="segment-big-spenders-united-states-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = parseCsv(await response.text());
    expect(rows).toHaveLength(13);
    expect(rows[0]).not.toContain("rfm_segment");
  });

  it("adds orders, lifetime value, last order and the workspace-wide RFM scores on request", async () => {
    const rows = parseCsv(await (await get(segmentId, "?format=csv&metrics=1")).text());
    const header = rows[0]!;
    for (const h of ["orders", "lifetime_value", "last_order_at", "rfm_recency", "rfm_frequency", "rfm_monetary", "rfm_segment"]) {
      expect(header).toContain(h);
    }
    // The expected scores come from the in-memory form over every customer of the workspace.
    const customers = await db.customer.findMany({ where: { workspaceId }, include: { orders: true } });
    const summaries = new Map(customers.map((c) => [c.id, orderSummary(c.orders)]));
    const scores = computeRfmScores(customers.flatMap((c) => rfmInput(c.id, summaries.get(c.id) ?? null) ?? []));
    const col = (name: string) => header.indexOf(name);
    for (const row of rows.slice(1)) {
      const id = Number(row[col("id")]);
      const summary = summaries.get(id) ?? null;
      const s = scores.get(id);
      expect(Number(row[col("orders")])).toBe(summary?.orderCount ?? 0);
      expect(Math.round(Number(row[col("lifetime_value")]) * 100)).toBe(summary?.totalCents ?? 0);
      if (!s) {
        expect(row[col("rfm_recency")]).toBe("");
        expect(row[col("rfm_segment")]).toBe("");
      } else {
        expect([row[col("rfm_recency")], row[col("rfm_frequency")], row[col("rfm_monetary")]].map(Number)).toEqual([s.recency, s.frequency, s.monetary]);
        expect(row[col("rfm_segment")]).toBe(RFM_SEGMENT_LABELS[rfmSegment(s)]);
      }
    }
  });

  it("nests the metrics in JSON", async () => {
    const body = JSON.parse(await (await get(segmentId, "?format=json&metrics=1")).text()) as { metrics: { orders: number; rfm: unknown } }[];
    expect(body).toHaveLength(12);
    expect(body.some((c) => c.metrics.orders === 0 && c.metrics.rfm === null)).toBe(true);
    expect(body.some((c) => c.metrics.orders > 0 && c.metrics.rfm !== null)).toBe(true);
  });
});
