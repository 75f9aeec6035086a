import { describe, expect, it } from "vitest";
import { describeAudit } from "@/components/audit/describe";

describe("describeAudit for static segments", () => {
  it("reads members added and removed as sentences", () => {
    expect(
      describeAudit({ action: "segment.members_added", targetId: "s1", metadata: { name: "VIPs by hand", count: 2, selected: 2, size: 2 } }),
    ).toBe("added 2 customers to the static segment “VIPs by hand”");
    expect(
      describeAudit({ action: "segment.members_added", targetId: "s1", metadata: { name: "VIPs by hand", count: 1, selected: 3, size: 4 } }),
    ).toBe("added 1 customer to the static segment “VIPs by hand” (2 were already in it)");
    expect(describeAudit({ action: "segment.members_removed", targetId: "s1", metadata: { name: "VIPs by hand", count: 1, selected: 1 } })).toBe(
      "removed 1 customer from the static segment “VIPs by hand”",
    );
  });

  it("names a static segment's creation", () => {
    expect(describeAudit({ action: "segment.created", targetId: "s1", metadata: { name: "VIPs by hand", kind: "STATIC" } })).toBe(
      "created the static segment “VIPs by hand”",
    );
    expect(describeAudit({ action: "segment.created", targetId: "s2", metadata: { name: "Americans", size: 2 } })).toBe("created the segment “Americans”");
  });
});

describe("describeAudit for imports", () => {
  it("says what an import did", () => {
    expect(
      describeAudit({
        action: "orders.imported",
        targetId: "j1",
        metadata: { status: "COMPLETED", fileName: "orders.csv", inserted: 5509, updated: 0, unchanged: 2, failed: 1 },
      }),
    ).toBe("imported orders from “orders.csv”: 5,509 new, 0 updated, 2 unchanged, 1 rows with problems");
    expect(describeAudit({ action: "customers.imported", targetId: "j1", metadata: { status: "CANCELLED", fileName: "c.csv" } })).toMatch(/^cancelled an import of customers/);
    expect(describeAudit({ action: "import.deleted", targetId: "j1", metadata: { fileName: "c.csv" } })).toBe("deleted the import of “c.csv”");
  });
});

describe("describeAudit for personas", () => {
  it("names the persona and, for a negative one, says so", () => {
    expect(describeAudit({ action: "persona.created", targetId: "p1", metadata: { name: "Bea", negative: false } })).toBe("created the persona “Bea”");
    expect(describeAudit({ action: "persona.created", targetId: "p2", metadata: { name: "Bart", negative: true } })).toBe(
      "created the negative persona “Bart”",
    );
    expect(describeAudit({ action: "persona.drafted", targetId: "p3", metadata: { name: "Lapsed buyers persona", segment: "Lapsed buyers", members: 412 } })).toBe(
      "drafted the persona “Lapsed buyers persona” from the segment “Lapsed buyers” (412 members)",
    );
    expect(describeAudit({ action: "persona.imported", targetId: "p4", metadata: { name: "Uma", negative: false, file: "personas.csv" } })).toBe(
      "imported the persona “Uma” from personas.csv",
    );
    expect(describeAudit({ action: "persona.updated", targetId: "p1", metadata: { name: "Bea", version: 3, fields: ["quote"] } })).toBe(
      "edited the persona “Bea” (version 3)",
    );
    expect(describeAudit({ action: "persona.reviewed", targetId: "p1", metadata: { name: "Bea", matching: 120 } })).toBe(
      "marked the persona “Bea” reviewed (120 matching customers)",
    );
    expect(describeAudit({ action: "persona.share_link_created", targetId: "p1", metadata: { name: "Bea", expiresAt: "2026-07-01T00:00:00.000Z" } })).toBe(
      "created a read-only share link to the persona “Bea” (expires 2026-07-01)",
    );
    expect(describeAudit({ action: "persona.share_link_revoked", targetId: "p1", metadata: { name: "Bea", linkId: "l1" } })).toBe("revoked a share link to the persona “Bea”");
    expect(describeAudit({ action: "persona.restored", targetId: "p1", metadata: { name: "Bea", version: 7, restoredFrom: 2 } })).toBe(
      "restored version 2 of the persona “Bea” (now version 7)",
    );
    expect(describeAudit({ action: "persona.copied", targetId: "p1", metadata: { name: "Bea", to: "Team B", rulesCopied: false } })).toBe(
      "copied the persona “Bea” to Team B (without its rules)",
    );
  });
});
