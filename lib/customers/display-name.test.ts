import { describe, expect, it } from "vitest";
import { displayName, personName, UNNAMED } from "@/lib/customers/fields";
import { initialsOf } from "@/components/customers/customer-avatar";

const c = (firstName: string | null, lastName: string | null, email: string | null = null) => ({ firstName, lastName, email, externalId: "12345" });

describe("displayName", () => {
  it("prefers the person's name, then the e-mail, and never shows the external id", () => {
    expect(displayName(c("Ada", "Lovelace", "ada@example.test"))).toBe("Ada Lovelace");
    expect(displayName(c(null, "Hopper"))).toBe("Hopper");
    expect(displayName(c(null, null, "grace@example.test"))).toBe("grace@example.test");
    expect(displayName(c(null, null))).toBe(UNNAMED);
    expect(displayName(c("  ", "", "  "))).toBe(UNNAMED);
    expect(displayName(c(null, null))).not.toContain("12345");
  });

  it("knows when there is no person name (the avatar is then neutral)", () => {
    expect(personName(c(" ", null, "x@example.test"))).toBeNull();
    expect(personName(c("Ada", null))).toBe("Ada");
    expect(initialsOf("Ada Lovelace")).toBe("AL");
    expect(initialsOf("")).toBe("?");
  });
});

describe("custom traits in list rows", () => {
  it("carries the defined traits as text, and nothing else the JSON holds", async () => {
    const { listRowForClient } = await import("@/lib/customers/list-row");
    const row = listRowForClient(
      { id: 1 } as Parameters<typeof listRowForClient>[0],
      { name: "Ada", named: true, countryName: null },
      { keys: ["tier", "score", "tags", "vip", "missing", "blank"], values: { tier: "gold", score: 0, tags: ["a", "b"], vip: false, blank: "", secret: "x" } },
    );
    expect(row.traits).toEqual({ tier: "gold", score: "0", tags: "a, b", vip: "No" });
  });
});
