import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedDemoWorkspace } from "@/lib/demo/seed";
import { DEMO_PERSONAS, seedDemoPersonas } from "@/lib/demo/personas";
import { evaluate } from "@/lib/segments/evaluate";

describe("seedDemoPersonas", () => {
  it("saves three personas and two negative personas, each matching some demo customers, once", async () => {
    const seeded = await seedDemoWorkspace({ customers: 1200 });
    expect(await seedDemoPersonas(db, seeded.workspaceId, { actorId: seeded.userId })).toEqual({ created: DEMO_PERSONAS.length });

    const personas = await db.persona.findMany({ where: { workspaceId: seeded.workspaceId }, orderBy: { name: "asc" } });
    expect(personas.filter((p) => !p.isNegative)).toHaveLength(3);
    expect(personas.filter((p) => p.isNegative)).toHaveLength(2);
    for (const p of personas) {
      expect(p.definition, p.name).not.toBeNull();
      expect(p.version).toBe(1);
      // Grounded in the data: the rules evaluate, and they match someone but not everyone.
      const { count } = await evaluate(db, seeded.workspaceId, p.definition, { as: "count" });
      expect(count, p.name).toBeGreaterThan(0);
      expect(count, p.name).toBeLessThan(1200);
    }
    // Their rules refer to no other definition: no reference rows, nothing to block deletes.
    expect(await db.definitionReference.count({ where: { workspaceId: seeded.workspaceId } })).toBe(0);

    expect(await seedDemoPersonas(db, seeded.workspaceId)).toEqual({ created: 0 });
    expect(await db.persona.count({ where: { workspaceId: seeded.workspaceId } })).toBe(DEMO_PERSONAS.length);
  });
});
