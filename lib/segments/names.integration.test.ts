import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ServiceContext } from "@/lib/domain/context";
import { DomainError } from "@/lib/errors";
import { addToStaticSegment, createSegment, duplicateSegment, updateSegment } from "@/lib/segments/service";
import { createTestWorkspace } from "@/lib/segments/test-fixtures";

const rules = { version: 1, root: { type: "group", op: "and", children: [{ type: "field", field: "country", operator: "eq", value: "US" }] } };
const fieldErrors = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof DomainError ? (e.fieldErrors ?? {}) : { thrown: [String(e)] }));

describe("segment names are unique in a workspace", () => {
  it("refuses a taken name on create, rename and new static list (any case), and numbers copies", async () => {
    const ws = await createTestWorkspace(db);
    const user = await db.user.create({ data: { email: `names-${Date.now()}@example.com` } });
    const ctx: ServiceContext = { workspaceId: ws, actor: { id: user.id, email: user.email }, role: "EDITOR" };
    const vips = await createSegment(ctx, { name: "VIPs", definition: rules });
    expect(await fieldErrors(createSegment(ctx, { name: "  vips ", definition: rules }))).toMatchObject({ name: [expect.stringContaining("already exists")] });
    const other = await createSegment(ctx, { name: "Others", definition: rules });
    expect(await fieldErrors(updateSegment(ctx, { id: other.id, expectedVersion: 1, name: "VIPS", definition: rules }))).toHaveProperty("name");
    // Keeping its own name is fine.
    await updateSegment(ctx, { id: vips.id, expectedVersion: 1, name: "VIPs", description: "Best customers", definition: rules });
    const copies = [await duplicateSegment(ctx, vips.id), await duplicateSegment(ctx, vips.id)];
    const names = await db.segment.findMany({ where: { workspaceId: ws, id: { in: copies.map((c) => c.id) } }, select: { name: true }, orderBy: { createdAt: "asc" } });
    expect(names.map((n) => n.name)).toEqual(["VIPs (copy)", "VIPs (copy 2)"]);
    const c = await db.customer.create({ data: { workspaceId: ws, externalId: "c1" }, select: { id: true } });
    expect(await fieldErrors(addToStaticSegment(ctx, { newSegmentName: "Others", customerIds: [c.id] }))).toHaveProperty("newSegmentName");
    // Another workspace may use the same name.
    const elsewhere = await createTestWorkspace(db);
    await createSegment({ ...ctx, workspaceId: elsewhere }, { name: "VIPs", definition: rules });
  });
});
