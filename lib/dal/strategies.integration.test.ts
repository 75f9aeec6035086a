/**
 * Strategy reads stay inside their workspace, name the owner, and read a damaged config as empty
 * instead of failing the page.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { findStrategyForPage, listStrategies, myRatings, pageStrategies, STRATEGY_PAGE_SIZE } from "@/lib/dal/strategies";
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

  it("pages the list newest first, filters by status, counts every status and clamps a page past the end", async () => {
    const [a, b] = [await createTestWorkspace(db), await createTestWorkspace(db)];
    const n = STRATEGY_PAGE_SIZE + 3;
    const base = Date.UTC(2026, 0, 1);
    // Two strategies share an updatedAt: the id breaks the tie, so no row is on two pages or none.
    await db.targetingStrategy.createMany({
      data: Array.from({ length: n }, (_, i) => ({
        workspaceId: a,
        id: `s${String(i).padStart(3, "0")}`,
        name: `Plan ${i}`,
        type: "DIFFERENTIATED" as const,
        status: i % 3 === 0 ? ("ACTIVE" as const) : ("DRAFT" as const),
        config: {},
        updatedAt: new Date(base + Math.min(i, n - 2) * 60_000),
      })),
    });
    await db.targetingStrategy.create({ data: { workspaceId: b, name: "Elsewhere", type: "CONCENTRATED", config: {} } });

    const first = await pageStrategies(a, { page: 1 });
    const second = await pageStrategies(a, { page: 2 });
    expect(first.total).toBe(n);
    expect(first.pageCount).toBe(2);
    expect(first.rows).toHaveLength(STRATEGY_PAGE_SIZE);
    expect(second.rows).toHaveLength(3);
    const all = [...first.rows, ...second.rows];
    expect(new Set(all.map((r) => r.id)).size).toBe(n);
    for (let i = 1; i < all.length; i++) {
      const [prev, cur] = [all[i - 1]!, all[i]!];
      expect(prev.updatedAt.getTime() > cur.updatedAt.getTime() || (prev.updatedAt.getTime() === cur.updatedAt.getTime() && prev.id < cur.id)).toBe(true);
    }

    const active = await pageStrategies(a, { page: 1, status: "ACTIVE" });
    const expectedActive = Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 === 0).length;
    expect(active.total).toBe(expectedActive);
    expect(active.rows.every((r) => r.status === "ACTIVE")).toBe(true);
    expect(active.counts).toEqual({ ALL: n, ACTIVE: expectedActive, DRAFT: n - expectedActive, ARCHIVED: 0 });

    const past = await pageStrategies(a, { page: 99 });
    expect(past.page).toBe(2);
    expect(past.rows.map((r) => r.id)).toEqual(second.rows.map((r) => r.id));

    const empty = await pageStrategies(a, { page: 1, status: "ARCHIVED" });
    expect(empty).toMatchObject({ total: 0, page: 1, pageCount: 1, rows: [] });
  });
});
