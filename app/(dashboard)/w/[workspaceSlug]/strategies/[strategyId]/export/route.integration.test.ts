import { beforeAll, describe, expect, it, vi } from "vitest";
import { parse } from "csv-parse/sync";
import { db } from "@/lib/db";
import { createSegment } from "@/lib/segments/store";
import { createStrategy } from "@/lib/targeting/service";
import { strategyPlan } from "@/lib/targeting/plan";
import type { StrategyConfig } from "@/lib/validations/strategy";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () =>
    session.userId ? db.user.findUnique({ where: { id: session.userId }, select: { id: true, email: true, name: true } }) : null,
}));

const { GET } = await import("./route");

let slug = "";
let workspaceId = "";
let strategyId = "";
let config: StrategyConfig;
let member = "";
let outsider = "";

const get = (id: string, search = "") =>
  GET(new Request(`http://localhost/w/${slug}/strategies/${id}/export${search}`), { params: Promise.resolve({ workspaceSlug: slug, strategyId: id }) });
const rows = async (response: Response) => parse((await response.text()).replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];

beforeAll(async () => {
  slug = `strat-exp-${Date.now()}`;
  workspaceId = (await db.workspace.create({ data: { name: "Strategy export", slug } })).id;
  member = (await db.user.create({ data: { email: `strat-exp-${Date.now()}@example.test` } })).id;
  outsider = (await db.user.create({ data: { email: `strat-exp-out-${Date.now()}@example.test` } })).id;
  await db.membership.create({ data: { workspaceId, userId: member, role: "EDITOR" } });
  await db.customer.createMany({
    data: Array.from({ length: 40 }, (_, i) => ({
      workspaceId,
      externalId: `C-${i}`,
      firstName: i === 3 ? "=HYPERLINK(\"http://x\")" : `Cust${i}`,
      country: i % 2 ? "US" : "DE",
      industry: i % 3 ? "Retail" : null,
      emailOptIn: true,
    })),
  });
  const seg = async (name: string, children: object[]) =>
    (await createSegment(db, workspaceId, { name, definition: { version: 1, root: { type: "group", op: "and", children } } as never })).segment.id;
  const us = await seg("US", [{ type: "field", field: "country", operator: "eq", value: "US" }]);
  const retail = await seg("Retail", [{ type: "field", field: "industry", operator: "eq", value: "Retail" }]);
  config = {
    targets: [
      { segmentId: us, positioning: "Made for you", offer: "+@10% off", channel: "E-mail", personaId: null, marginPercent: null, costToServe: null },
      { segmentId: retail, positioning: null, offer: "Bundle", channel: "Ads", personaId: null, marginPercent: null, costToServe: null },
    ],
    weights: { attractiveness: 40, profitability: 40, compatibility: 20 },
    exclusions: { personasOff: [], segmentIds: [], suppressOptedOut: true },
    holdoutPercent: 30,
  };
  const user = await db.user.findUniqueOrThrow({ where: { id: member } });
  strategyId = (await createStrategy({ workspaceId, actor: { id: user.id, email: user.email }, role: "EDITOR" }, { name: "Spring win-back", type: "DIFFERENTIATED", config })).id;
});

describe("GET strategies/[id]/export", () => {
  it("streams the audience without the holdout, with assigned segment, offer and channel, formula-safe", async () => {
    session.userId = member;
    const response = await get(strategyId);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toContain(`audience-spring-win-back-`);
    const plan = await strategyPlan(workspaceId, { id: strategyId, type: "DIFFERENTIATED", config });
    const out = await rows(response);
    expect(out).toHaveLength(plan.contacted);
    expect(out.every((r) => r.holdout === "false")).toBe(true);
    expect(out.filter((r) => r.assigned_segment === "US")).toHaveLength(plan.targets[0]!.contacted);
    expect(out.find((r) => r.assigned_segment === "US")).toMatchObject({ message: "Made for you", offer: "'+@10% off", channel: "E-mail" });

    const all = await rows(await get(strategyId, "?holdout=1"));
    expect(all).toHaveLength(plan.audience.customers);
    expect(all.filter((r) => r.holdout === "true")).toHaveLength(plan.heldOut.customers);
    expect(all.find((r) => r.external_id === "C-3")?.first_name).toBe(`'=HYPERLINK("http://x")`);
    expect(plan.heldOut.customers).toBeGreaterThan(0);
  });

  it("answers 404 to an outsider and for an unknown strategy", async () => {
    session.userId = outsider;
    expect((await get(strategyId)).status).toBe(404);
    session.userId = member;
    expect((await get("nope")).status).toBe(404);
  });

  it("fills each customer's own offer from a trait (a customized strategy), with the fallback where the trait is missing", async () => {
    session.userId = member;
    const user = await db.user.findUniqueOrThrow({ where: { id: member } });
    const ctx = { workspaceId, actor: { id: user.id, email: user.email }, role: "EDITOR" as const };
    await db.customerTraitDefinition.create({ data: { workspaceId, key: "next_offer", label: "Next offer", type: "TEXT" } });
    const vips = await db.customer.findMany({ where: { workspaceId, externalId: { in: ["C-1", "C-5", "C-7"] } }, select: { id: true, externalId: true } });
    for (const c of vips.filter((v) => v.externalId !== "C-7")) {
      await db.customer.update({ where: { workspaceId_id: { workspaceId, id: c.id } }, data: { traits: { next_offer: `Gift for ${c.externalId}` } } });
    }
    const list = (await createSegment(db, workspaceId, { name: "VIP list", definition: { version: 1, root: { type: "group", op: "and", children: [{ type: "field", field: "externalId", operator: "in", value: ["C-1", "C-5", "C-7"] }] } } as never })).segment.id;
    const target = { segmentId: list, positioning: "Hi {{first_name}}", offer: "{{traits.next_offer | 10% off}}", channel: "Call", personaId: null, marginPercent: null, costToServe: null };

    // An unknown field is refused with a message on the field, before anything is saved
    await expect(
      createStrategy(ctx, { name: "VIP offers (bad)", type: "CUSTOMIZED", config: { ...config, holdoutPercent: 0, targets: [{ ...target, offer: "{{traits.colour}}" }] } }),
    ).rejects.toMatchObject({ fieldErrors: { "config.targets.0.offer": [expect.stringContaining("no trait “colour”")] } });
    expect(await db.targetingStrategy.count({ where: { workspaceId, name: "VIP offers (bad)" } })).toBe(0);

    const id = (await createStrategy(ctx, { name: "VIP offers", type: "CUSTOMIZED", config: { ...config, holdoutPercent: 0, targets: [target] } })).id;
    const out = await rows(await get(id));
    expect(out.map((r) => [r.external_id, r.message, r.offer]).sort()).toEqual([
      ["C-1", "Hi Cust1", "Gift for C-1"],
      ["C-5", "Hi Cust5", "Gift for C-5"],
      ["C-7", "Hi Cust7", "10% off"],
    ]);
  });
});
