import { describe, expect, it } from "vitest";
import { can } from "@/lib/auth/permissions";
import { gettingStartedSteps, type WorkspaceFacts } from "@/lib/workspaces/getting-started";

const EMPTY: WorkspaceFacts = { customers: 0, orders: 0, segments: 0, personas: 0, strategies: 0, members: 1, pendingInvitations: 0 };
const done = (facts: WorkspaceFacts) =>
  Object.fromEntries(gettingStartedSteps(facts, (p) => can("OWNER", p)).map((s) => [s.key, s.done]));

describe("gettingStartedSteps", () => {
  it("starts with nothing done in a new workspace of one", () => {
    expect(done(EMPTY)).toEqual({ customers: false, orders: false, segment: false, persona: false, strategy: false, team: false });
  });

  it("ticks each step off from the workspace's own data, at the boundary of one", () => {
    expect(done({ ...EMPTY, customers: 1 })).toMatchObject({ customers: true, orders: false });
    expect(done({ ...EMPTY, orders: 1 })).toMatchObject({ orders: true });
    expect(done({ ...EMPTY, segments: 1 })).toMatchObject({ segment: true });
    expect(done({ ...EMPTY, personas: 1 })).toMatchObject({ persona: true, segment: false });
    expect(done({ ...EMPTY, strategies: 1 })).toMatchObject({ strategy: true, persona: false });
    expect(done({ ...EMPTY, members: 2 })).toMatchObject({ team: true });
    expect(done({ ...EMPTY, pendingInvitations: 1 })).toMatchObject({ team: true });
  });

  it("tells a viewer who can take the steps it cannot, and not for steps already done", () => {
    const steps = gettingStartedSteps({ ...EMPTY, customers: 10 }, (p) => can("VIEWER", p));
    const notes = Object.fromEntries(steps.map((s) => [s.key, s.blockedNote]));
    expect(notes.customers).toBeUndefined();
    expect(notes.orders).toMatch(/editor/);
    expect(notes.segment).toMatch(/editor/);
    expect(notes.persona).toMatch(/editor/);
    expect(notes.strategy).toMatch(/editor/);
    expect(notes.team).toMatch(/admin or owner/);
    const editor = gettingStartedSteps(EMPTY, (p) => can("EDITOR", p));
    expect(editor.filter((s) => s.blockedNote).map((s) => s.key)).toEqual(["team"]);
  });
});
