import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedDemoWorkspace } from "@/lib/demo/seed";
import { seedDemoSegments } from "@/lib/demo/segments";
import { seedDemoPersonas } from "@/lib/demo/personas";
import { seedDemoStrategy } from "@/lib/demo/strategies";
import { strategyPlan } from "@/lib/targeting/plan";
import { strategyConfigSchema } from "@/lib/validations/strategy";

describe("seedDemoStrategy", () => {
  it("saves one differentiated strategy over three demo segments whose plan excludes the negative personas, once", async () => {
    const seeded = await seedDemoWorkspace({ customers: 1200 });
    await seedDemoSegments(db, seeded.workspaceId, { actorId: seeded.userId });
    await seedDemoPersonas(db, seeded.workspaceId, { actorId: seeded.userId });
    expect(await seedDemoStrategy(db, seeded.workspaceId, { actorId: seeded.userId })).toEqual({ created: 1 });
    expect(await seedDemoStrategy(db, seeded.workspaceId)).toEqual({ created: 0 });

    const row = await db.targetingStrategy.findFirstOrThrow({ where: { workspaceId: seeded.workspaceId } });
    const config = strategyConfigSchema.parse(row.config);
    const plan = await strategyPlan(seeded.workspaceId, { id: row.id, type: row.type, config });
    expect(plan.targets).toHaveLength(3);
    expect(plan.audience.customers).toBeGreaterThan(0);
    expect(plan.exclusions.filter((e) => e.kind === "persona").map((e) => e.name).sort()).toEqual(["Bargain-only Ben", "One-and-done Olga"]);
    expect(plan.heldOut.customers).toBeGreaterThan(0);
    // The chosen segments are referenced: they cannot be deleted while the strategy names them.
    expect(await db.definitionReference.count({ where: { workspaceId: seeded.workspaceId, sourceType: "STRATEGY" } })).toBe(3);
  });
});
