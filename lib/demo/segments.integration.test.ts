import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedDemoWorkspace } from "@/lib/demo/seed";
import { DEMO_HISTORY_WEEKS, DEMO_SEGMENTS, seedDemoSegments } from "@/lib/demo/segments";
import { countSegment } from "@/lib/segments/queries";
import { loadContext } from "@/lib/segments/context";
import { getSegment } from "@/lib/segments/store";

const NOW = new Date("2026-06-15T12:00:00.000Z");

describe("seedDemoSegments", () => {
  it("saves every demo segment with a weekly history whose last point is today's count, once", async () => {
    const seeded = await seedDemoWorkspace({ customers: 600, now: NOW });
    const result = await seedDemoSegments(db, seeded.workspaceId, { now: NOW, actorId: seeded.userId });
    expect(result).toEqual({ created: DEMO_SEGMENTS.length, snapshots: DEMO_SEGMENTS.length * (DEMO_HISTORY_WEEKS + 1) });

    const segments = await db.segment.findMany({
      where: { workspaceId: seeded.workspaceId },
      include: { snapshots: { orderBy: { takenAt: "asc" } } },
    });
    expect(segments.map((s) => s.name).sort()).toEqual(DEMO_SEGMENTS.map((s) => s.name).sort());
    const sizes = new Map<string, number>();
    for (const row of segments) {
      expect(row.snapshots).toHaveLength(DEMO_HISTORY_WEEKS + 1);
      const last = row.snapshots.at(-1)!;
      expect(last.takenAt.toISOString()).toBe(NOW.toISOString());
      // The last point is the segment evaluated now: recount it through the engine.
      const { definition } = await getSegment(db, seeded.workspaceId, row.id);
      const ctx = await loadContext(db, seeded.workspaceId, [definition], { now: NOW });
      expect(last.size).toBe(await countSegment(db, seeded.workspaceId, definition, ctx));
      expect(row.createdAt.getTime()).toBe(row.snapshots[0]!.takenAt.getTime());
      sizes.set(row.name, last.size);
    }
    // Something true to show: most segments hold customers on the demo data.
    expect([...sizes.values()].filter((n) => n > 0).length).toBeGreaterThanOrEqual(DEMO_SEGMENTS.length - 1);
    // The combined segment is outdoor spenders minus lapsed buyers, through references.
    expect(sizes.get("Active outdoor spenders")!).toBeLessThanOrEqual(sizes.get("Outdoor enthusiasts who spend")!);

    expect(await seedDemoSegments(db, seeded.workspaceId, { now: NOW })).toEqual({ created: 0, snapshots: 0 });
    expect(await db.segment.count({ where: { workspaceId: seeded.workspaceId } })).toBe(DEMO_SEGMENTS.length);
  });
});
