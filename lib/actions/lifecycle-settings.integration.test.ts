import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";
import { lifecycleThresholdsFromSettings } from "@/lib/analytics/lifecycle";

// The session is the only thing faked: the action runs its real chain against the database.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () =>
    session.userId ? db.user.findUnique({ where: { id: session.userId }, select: { id: true, email: true, name: true } }) : null,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { updateLifecycleThresholds } = await import("@/lib/actions/workspaces");

const ROLES: Role[] = ["OWNER", "ADMIN", "EDITOR", "VIEWER"];
const users = {} as Record<Role, string>;
let workspaceId = "";

beforeAll(async () => {
  const stamp = Date.now();
  const ws = await db.workspace.create({ data: { name: "Lifecycle settings", slug: `lc-${stamp}`, settings: { currency: "EUR" } } });
  workspaceId = ws.id;
  for (const role of ROLES) {
    const user = await db.user.create({ data: { email: `lc-${role.toLowerCase()}-${stamp}@example.test`, name: role } });
    users[role] = user.id;
    await db.membership.create({ data: { workspaceId, userId: user.id, role } });
  }
});

beforeEach(() => {
  session.userId = null;
});

const settings = async () => (await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).settings;

describe("lifecycle thresholds in workspace settings", () => {
  it.each(["EDITOR", "VIEWER"] as const)("refuses a %s on the server and changes nothing", async (role) => {
    session.userId = users[role];
    const result = await updateLifecycleThresholds(workspaceId, { newDays: 10, activeDays: 20, churnDays: 40 });
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(lifecycleThresholdsFromSettings(await settings())).toEqual({ newDays: 30, activeDays: 90, churnDays: 180 });
  });

  it("saves for an admin, keeps other settings, and audits the old and new values", async () => {
    session.userId = users.ADMIN;
    const result = await updateLifecycleThresholds(workspaceId, { newDays: "14", activeDays: "60", churnDays: "120" });
    expect(result).toMatchObject({ ok: true });
    expect(await settings()).toEqual({ currency: "EUR", lifecycle: { newDays: 14, activeDays: 60, churnDays: 120 } });
    const audit = await db.auditLog.findFirstOrThrow({ where: { workspaceId, action: "workspace.lifecycle_updated", actorId: users.ADMIN } });
    expect(audit.metadata).toEqual({
      from: { newDays: 30, activeDays: 90, churnDays: 180 },
      to: { newDays: 14, activeDays: 60, churnDays: 120 },
    });
  });

  it("accepts new = active (a new customer is active too) and the ten-year maximum", async () => {
    session.userId = users.OWNER;
    expect(await updateLifecycleThresholds(workspaceId, { newDays: 90, activeDays: 90, churnDays: 3650 })).toMatchObject({ ok: true });
  });

  it.each([
    [{ newDays: 31, activeDays: 30, churnDays: 90 }, "newDays", "Use at most the active window: a new customer is an active one too."],
    [{ newDays: 30, activeDays: 90, churnDays: 90 }, "churnDays", "Use more days than the active window."],
    [{ newDays: 30, activeDays: 90.5, churnDays: 180 }, "activeDays", "Use whole days."],
    [{ newDays: 0, activeDays: 90, churnDays: 180 }, "newDays", "Use at least 1 day."],
    [{ newDays: 30, activeDays: 90, churnDays: 3651 }, "churnDays", "Use at most 3650 days (ten years)."],
    [{ newDays: "", activeDays: 90, churnDays: 180 }, "newDays", "Enter the new window in days."],
    [{ newDays: 30, activeDays: "abc", churnDays: 180 }, "activeDays", "Enter the active window in days."],
  ])("refuses %j with a message on %s", async (input, field, message) => {
    session.userId = users.OWNER;
    const before = await settings();
    const result = await updateLifecycleThresholds(workspaceId, input);
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    if (!result.ok) expect(result.fieldErrors?.[field]).toEqual([message]);
    expect(await settings()).toEqual(before);
  });
});
