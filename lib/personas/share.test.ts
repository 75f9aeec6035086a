import { describe, expect, it } from "vitest";
import { shareLinkState, suppressMix } from "@/lib/personas/share";
import type { MixRow } from "@/lib/personas/evidence";

const row = (key: string, count: number, baseCount: number): MixRow => ({ key, label: key, count, share: 0, baseCount, baseShare: 0 });

describe("shared mixes", () => {
  it("withholds small buckets, and more until the withheld ones cannot be worked out by subtraction", () => {
    // "c" (3) alone would be total − a − b: the next smallest ("b", 6) is withheld with it.
    expect(suppressMix([row("a", 20, 100), row("b", 6, 50), row("c", 3, 40)])).toEqual({ rows: [expect.objectContaining({ key: "a" })], withheld: 2 });
    // Two small buckets that together hold 5 or more are enough on their own.
    expect(suppressMix([row("a", 20, 100), row("b", 3, 50), row("c", 2, 40)]).rows.map((r) => r.key)).toEqual(["a"]);
    // A small bucket of the base counts too; empty buckets are nobody.
    expect(suppressMix([row("a", 20, 100), row("b", 0, 2), row("c", 9, 30), row("d", 0, 0)]).rows.map((r) => r.key)).toEqual(["a", "d"]);
    expect(suppressMix([row("a", 20, 100), row("b", 9, 30)])).toEqual({ rows: [expect.objectContaining({ key: "a" }), expect.objectContaining({ key: "b" })], withheld: 0 });
  });

  it("tells revoked and expired links from active ones", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    expect(shareLinkState({ expiresAt: null, revokedAt: null }, now)).toBe("active");
    expect(shareLinkState({ expiresAt: now, revokedAt: null }, now)).toBe("expired");
    expect(shareLinkState({ expiresAt: null, revokedAt: now }, now)).toBe("revoked");
  });
});
