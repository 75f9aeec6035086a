/**
 * Strategy reads stay inside their workspace, name the owner, and read a damaged config as empty
 * instead of failing the page.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { findStrategyForPage, listStrategies, myRatings } from "@/lib/dal/strategies";
import { createTestWorkspace } from "@/lib/segments/test-fixtures";

async function member(workspaceId: string, name: string) {
  const user = await db.user.create({ data: { name, email: `${name.toLowerCase()}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test` } });
  await db.membership.create({ data: { workspaceId, userId: user.id, role: "EDITOR" } });
  return user.id;
}

describe("strategy reads", () => {
  it("lists with owner names, finds by id only in its workspace, and falls back on an unreadable config", async () => {
    const [a, b] = [await createTestWorkspace(db), await createTestWorkspace(db)];
    const owner = await member(a, "Olga");
    const good = await db.targetingStrategy.create({
      data: { workspaceId: a, name: "Spring", type: "CONCENTRATED", ownerId: owner, config: { targets: [], exclusions: { personasOff: [], segmentIds: [], suppressOptedOut: false }, holdoutPercent: 5 } },
    });
    const broken = await db.targetingStrategy.create({ data: { workspaceId: a, name: "Broken", type: "DIFFERENTIATED", config: { targets: "nope" } } });
    await db.strategyRating.create({ data: { workspaceId: a, strategyId: good.id, segmentId: "s1", userId: owner, score: 4, note: "fits" } });

    const list = await listStrategies(a);
    expect(list.map((s) => [s.name, s.owner]).sort()).toEqual([
      ["Broken", null],
      ["Spring", "Olga"],
    ]);
    expect(await listStrategies(b)).toEqual([]);

    const page = await findStrategyForPage(a, good.id);
    expect(page?.configReadable).toBe(true);
    expect(page?.config.holdoutPercent).toBe(5);
    expect(page?.config.weights).toEqual({ attractiveness: 40, profitability: 40, compatibility: 20 });
    expect(await findStrategyForPage(b, good.id)).toBeNull();

    const damaged = await findStrategyForPage(a, broken.id);
    expect(damaged?.configReadable).toBe(false);
    expect(damaged?.config.targets).toEqual([]);

    expect(await myRatings(a, good.id, owner)).toEqual({ s1: { score: 4, note: "fits" } });
    expect(await myRatings(b, good.id, owner)).toEqual({});
  });
});
