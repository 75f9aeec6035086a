import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { emptyDefinition } from "@/lib/segments/definition";

const session = vi.hoisted(() => ({ userId: "" }));
vi.mock("@/lib/auth/session", () => ({
  requireUser: async () => db.user.findUniqueOrThrow({ where: { id: session.userId }, select: { id: true, email: true, name: true } }),
}));

const { parseCustomerId, requireWorkspaceCustomer, requireWorkspaceSegment } = await import("@/lib/auth/params");

let slug = "";
let otherSlug = "";
let mine = 0;
let theirs = 0;
let mySegment = "";
let theirSegment = "";

beforeAll(async () => {
  slug = `params-${Date.now()}`;
  otherSlug = `params-other-${Date.now()}`;
  const ws = await db.workspace.create({ data: { name: "Mine", slug } });
  const other = await db.workspace.create({ data: { name: "Theirs", slug: otherSlug } });
  session.userId = (await db.user.create({ data: { email: `p-${Date.now()}@example.test` } })).id;
  await db.membership.create({ data: { workspaceId: ws.id, userId: session.userId, role: "VIEWER" } });
  mine = (await db.customer.create({ data: { workspaceId: ws.id, externalId: "MINE" } })).id;
  theirs = (await db.customer.create({ data: { workspaceId: other.id, externalId: "THEIRS" } })).id;
  const empty = emptyDefinition();
  mySegment = (await db.segment.create({ data: { workspaceId: ws.id, name: "Mine", definition: empty } })).id;
  theirSegment = (await db.segment.create({ data: { workspaceId: other.id, name: "Theirs", definition: empty } })).id;
});

const is404 = (error: unknown) =>
  error instanceof Error && "digest" in error && String((error as { digest: unknown }).digest).includes("404");

describe("requireWorkspaceCustomer", () => {
  it("returns the customer when the two ids belong together", async () => {
    const result = await requireWorkspaceCustomer({ workspaceSlug: slug, customerId: String(mine) });
    expect(result.customer.externalId).toBe("MINE");
    expect(result.role).toBe("VIEWER");
  });

  it.each([
    ["another workspace's customer", () => String(theirs)],
    ["an unknown id", () => "99999999"],
    ["a malformed id", () => "1 OR 1=1"],
    ["a zero-padded id", () => `0${mine}`],
    ["an id past int32", () => "2147483648"],
  ])("404s for %s", async (_label, id) => {
    await expect(requireWorkspaceCustomer({ workspaceSlug: slug, customerId: id() })).rejects.toSatisfy(is404);
  });

  it("404s for a workspace the user is not in, even with that workspace's own customer", async () => {
    await expect(requireWorkspaceCustomer({ workspaceSlug: otherSlug, customerId: String(theirs) })).rejects.toSatisfy(is404);
  });

  it("parses only plain positive int32 ids", () => {
    expect(parseCustomerId("42")).toBe(42);
    expect(parseCustomerId("2147483647")).toBe(2147483647);
    for (const bad of ["0", "-1", "1.5", "1e3", "", " 1", "abc"]) expect(parseCustomerId(bad)).toBeNull();
  });
});

describe("requireWorkspaceSegment", () => {
  it("returns the segment when it belongs to the workspace in the URL", async () => {
    const result = await requireWorkspaceSegment({ workspaceSlug: slug, segmentId: mySegment });
    expect(result.segment.name).toBe("Mine");
  });

  it.each([
    ["another workspace's segment", () => theirSegment],
    ["an unknown id", () => "no-such-segment"],
  ])("404s for %s", async (_label, id) => {
    await expect(requireWorkspaceSegment({ workspaceSlug: slug, segmentId: id() })).rejects.toSatisfy(is404);
  });
});
