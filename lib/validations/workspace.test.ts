import { describe, expect, it } from "vitest";
import { createWorkspaceSchema, slugify, workspaceSlug } from "@/lib/validations/workspace";
import { safeCallbackUrl, signUpSchema } from "@/lib/validations/auth";
import { can, canAssignRole, PERMISSIONS } from "@/lib/auth/permissions";

describe("workspace input", () => {
  it.each([
    ["Acme Growth", "acme-growth"],
    ["  Ünïcode Café & Co. ", "unicode-cafe-co"],
    ["---", ""],
    ["A".repeat(80), "a".repeat(40)],
  ])("slugify(%j) = %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it("refuses reserved, malformed and overlong addresses with a message", () => {
    expect(workspaceSlug.safeParse("settings").error?.issues[0]?.message).toBe("That address is reserved; pick another.");
    expect(workspaceSlug.safeParse("two--dashes").success).toBe(false);
    expect(workspaceSlug.safeParse("x".repeat(41)).error?.issues[0]?.message).toBe("Use at most 40 characters.");
    expect(createWorkspaceSchema.safeParse({ name: " " }).error?.issues[0]?.message).toBe("Use at least 2 characters.");
  });

  it("normalises e-mail and enforces password length", () => {
    const ok = signUpSchema.parse({ name: "A", email: "  Mixed@Case.COM ", password: "violet-kettle-harbour" });
    expect(ok.email).toBe("mixed@case.com");
    expect(signUpSchema.safeParse({ name: "A", email: "a@b.co", password: "short" }).success).toBe(false);
  });

  it("only allows same-site callback URLs", () => {
    expect(safeCallbackUrl("/w/acme")).toBe("/w/acme");
    expect(safeCallbackUrl("//evil.example")).toBe("/");
    expect(safeCallbackUrl("https://evil.example")).toBe("/");
    expect(safeCallbackUrl("/\\evil.example")).toBe("/");
  });
});

describe("roles", () => {
  it("grants each permission to a superset of the roles below", () => {
    const order = ["VIEWER", "EDITOR", "ADMIN", "OWNER"] as const;
    for (const roles of Object.values(PERMISSIONS)) {
      const lowest = Math.min(...roles.map((r) => order.indexOf(r)));
      expect([...roles].sort()).toEqual(order.slice(lowest).slice().sort());
    }
    expect(can("VIEWER", "workspace.read")).toBe(true);
    expect(can("VIEWER", "segments.write")).toBe(false);
    expect(can("ADMIN", "workspace.delete")).toBe(false);
  });

  it("lets only owners hand out the owner role", () => {
    expect(canAssignRole("OWNER", "OWNER")).toBe(true);
    expect(canAssignRole("ADMIN", "OWNER")).toBe(false);
    expect(canAssignRole("ADMIN", "EDITOR")).toBe(true);
    expect(canAssignRole("EDITOR", "VIEWER")).toBe(false);
  });
});
