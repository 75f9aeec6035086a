import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { customerSegmentMatches, previewDefinition } from "@/lib/dal/segments";
import { createSegment } from "@/lib/segments/store";
import { segmentMemberIds } from "@/lib/segments/queries";
import { loadContext } from "@/lib/segments/context";
import type { SegmentDefinition } from "@/lib/segments/definition";

let workspaceId = "";
const now = new Date("2026-06-01T00:00:00Z");
const defs: Record<string, SegmentDefinition> = {
  germans: { version: 1, root: { type: "group", op: "and", children: [{ type: "field", field: "country", operator: "eq", value: "de" }] } },
  repeat: {
    version: 1,
    root: {
      type: "group",
      op: "and",
      children: [{ type: "behavior", kind: "aggregate", subject: { source: "orders" }, aggregate: "count", window: { kind: "ever" }, operator: "gte", value: 2 }],
    },
  },
  champions: { version: 1, root: { type: "group", op: "or", children: [{ type: "value", metric: "rfm_segment", operator: "in", value: ["champions", "loyal"] }] } },
};

beforeAll(async () => {
  const ws = await db.workspace.create({ data: { name: "Why", slug: `why-${Date.now()}` } });
  workspaceId = ws.id;
  for (let i = 0; i < 12; i++) {
    const c = await db.customer.create({ data: { workspaceId, externalId: `w${i}`, country: i % 3 === 0 ? "DE" : "FR" } });
    for (let k = 0; k < i % 4; k++) {
      await db.order.create({
        data: { workspaceId, customerId: c.id, orderedAt: new Date(now.getTime() - (i * 10 + k) * 86_400_000), amount: String(20 + i * 7 + k) },
      });
    }
  }
  for (const [name, definition] of Object.entries(defs)) await createSegment(db, workspaceId, { name, definition }, { now });
});

describe("why a customer is in a segment", () => {
  it("agrees, customer by customer, with the SQL membership of every segment", async () => {
    const customers = await db.customer.findMany({ where: { workspaceId }, select: { id: true } });
    const ctx = await loadContext(db, workspaceId, Object.values(defs), { now });
    const members = Object.fromEntries(
      await Promise.all(Object.entries(defs).map(async ([name, d]) => [name, new Set(await segmentMemberIds(db, workspaceId, d, ctx))] as const)),
    );
    expect(members.germans?.size).toBe(4);
    expect((members.champions?.size ?? 0) > 0).toBe(true);
    for (const { id } of customers) {
      const matches = await customerSegmentMatches(workspaceId, id, 25, now);
      expect(matches.map((m) => m.name)).toEqual(["champions", "germans", "repeat"]);
      for (const m of matches) {
        expect(m.matched, `${m.name} / customer ${id}`).toBe(members[m.name]?.has(id));
        expect(m.explanation.matched).toBe(m.matched);
      }
    }
  });

  it("shows the compared values", async () => {
    const german = await db.customer.findFirstOrThrow({ where: { workspaceId, country: "DE" } });
    const matches = await customerSegmentMatches(workspaceId, german.id, 25, now);
    const explanation = matches.find((m) => m.name === "germans")?.explanation;
    expect(explanation?.children?.[0]).toMatchObject({ matched: true, actual: "DE" });
  });

  it("previews a definition's size against the workspace's customers", async () => {
    expect(await previewDefinition(workspaceId, defs.germans, undefined, now)).toMatchObject({ size: 4, total: 12 });
  });
});
