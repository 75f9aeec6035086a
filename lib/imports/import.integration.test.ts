import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTestWorkspace } from "@/lib/segments/test-fixtures";
import { importText, rerun, uploadText } from "@/lib/imports/test-helpers";

const CUSTOMERS = `Customer ID,Email,First Name,Date of Birth,Annual Income,Country,Email Opt-in,Interests,Loyalty Tier,NPS Score
C1,ada@example.com,Ada,1985-12-10,"85,000.50",GB,yes,"hiking; camping",Gold,9
C2,bob@example.com,Bob,03/04/1990,120000,Germany,no,,Silver,7
C3,not-an-email,Cy,1970-01-01,1000,US,yes,,Bronze,3
C4,dee@example.com,"Dee
Two-Lines",1999-02-28,,XX,no,,Gold,10
C1,ada2@example.com,Ada again,1985-12-10,1,GB,yes,,Gold,9

C5,eve@example.com,Eve,2001-07-04,500,fr,y,yoga,Platinum,4
`;

describe("customer import", () => {
  it("imports valid rows, reports every bad cell by line, and changes nothing when run again", async () => {
    const ws = await createTestWorkspace(db);
    const first = await importText(db, ws, "CUSTOMERS", CUSTOMERS);
    expect(first.outcome.status).toBe("COMPLETED");
    const problems = first.errors.map((e) => [e.row, e.column, e.message.slice(0, 30)]);
    // Line 3: ambiguous date; line 4: e-mail; lines 5–6 (a quoted newline): a name on two lines and an
    // unknown country; line 7: duplicate id; line 8 is blank; line 9 is fine.
    expect(problems).toEqual([
      [3, "Date of Birth", "“03/04/1990” is ambiguous: it "],
      [4, "Email", "“not-an-email” is not a valid "],
      [5, "First Name", "Remove the control characters "],
      [5, "Country", "“XX” is not a country. Use a t"],
      [7, "Customer ID", "Duplicate: C1 already appears "],
    ]);
    expect(first.job).toMatchObject({ rowsRead: 6, rowsInserted: 2, rowsFailed: 4, rowsUpdated: 0, errorCount: 5 });
    // The run's scratch keys are gone once it has finished.
    expect(await db.importKey.count({ where: { workspaceId: ws, jobId: first.id } })).toBe(0);
    const eve = await db.customer.findUniqueOrThrow({ where: { workspaceId_externalId: { workspaceId: ws, externalId: "C5" } } });
    expect(eve).toMatchObject({ country: "FR", emailOptIn: true, interests: ["yoga"], traits: { loyalty_tier: "Platinum", nps_score: 4 } });

    const ada = await db.customer.findUniqueOrThrow({ where: { workspaceId_externalId: { workspaceId: ws, externalId: "C1" } } });
    expect(ada).toMatchObject({ email: "ada@example.com", firstName: "Ada", country: "GB", emailOptIn: true, interests: ["hiking", "camping"] });
    expect(ada.annualIncome?.toString()).toBe("85000.5");
    expect(ada.birthDate?.toISOString().slice(0, 10)).toBe("1985-12-10");
    expect(ada.traits).toEqual({ loyalty_tier: "Gold", nps_score: 9 });
    const traitDefs = await db.customerTraitDefinition.findMany({ where: { workspaceId: ws, key: { in: ["loyalty_tier", "nps_score"] } }, orderBy: { key: "asc" } });
    expect(traitDefs.map((t) => [t.key, t.type])).toEqual([["loyalty_tier", "TEXT"], ["nps_score", "NUMBER"]]);

    const again = await rerun(db, ws, first.id);
    expect(again.outcome.status).toBe("COMPLETED");
    expect(again.job).toMatchObject({ rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: 2, rowsFailed: 4 });
    const adaAfter = await db.customer.findUniqueOrThrow({ where: { workspaceId_externalId: { workspaceId: ws, externalId: "C1" } } });
    expect(adaAfter.updatedAt.getTime()).toBe(ada.updatedAt.getTime());
  });

  it("reads ambiguous dates in the chosen order, updates changed rows and keeps unmapped columns", async () => {
    const ws = await createTestWorkspace(db);
    await importText(db, ws, "CUSTOMERS", "id,email,city\nK1,k1@example.com,Paris\nK2,k2@example.com,Rome\n");
    const second = await importText(db, ws, "CUSTOMERS", "id,birthday\nK1,03/04/1990\nK2,04/05/1991\n", (s) => ({ ...s, dateOrder: "DMY" }));
    expect(second.job).toMatchObject({ rowsInserted: 0, rowsUpdated: 2, rowsFailed: 0 });
    const k1 = await db.customer.findUniqueOrThrow({ where: { workspaceId_externalId: { workspaceId: ws, externalId: "K1" } } });
    expect(k1.birthDate?.toISOString().slice(0, 10)).toBe("1990-04-03");
    expect(k1.city).toBe("Paris");
    expect(k1.email).toBe("k1@example.com");
  });

  it("reports an id repeated in a later batch as a duplicate and keeps the first row", async () => {
    const ws = await createTestWorkspace(db);
    const lines = ["id,city", ...Array.from({ length: 10 }, (_, i) => `D${i},City ${i}`), "D1,Elsewhere", "D1,City 1"];
    const result = await importText(db, ws, "CUSTOMERS", `${lines.join("\n")}\n`, (s) => s, 3);
    expect(result.errors.map((e) => [e.row, e.message.slice(0, 23)])).toEqual([[12, "Duplicate: D1 already a"], [13, "Duplicate: D1 already a"]]);
    expect(result.job).toMatchObject({ rowsInserted: 10, rowsFailed: 2 });
    const d1 = await db.customer.findUniqueOrThrow({ where: { workspaceId_externalId: { workspaceId: ws, externalId: "D1" } } });
    expect(d1.city).toBe("City 1");
  });

  it("matches by e-mail when asked", async () => {
    const ws = await createTestWorkspace(db);
    await importText(db, ws, "CUSTOMERS", "id,email,city\nM1,m1@example.com,Oslo\n");
    const byEmail = await importText(db, ws, "CUSTOMERS", "email,city\nM1@example.com,Bergen\nnew@example.com,Lima\n", (s) => ({ ...s, matchBy: "email" }));
    expect(byEmail.job).toMatchObject({ rowsInserted: 1, rowsUpdated: 1, rowsFailed: 0 });
    const all = await db.customer.findMany({ where: { workspaceId: ws }, orderBy: { id: "asc" }, select: { externalId: true, city: true, email: true } });
    expect(all[0]).toEqual({ externalId: "M1", city: "Bergen", email: "m1@example.com" });
    expect(all[1]).toMatchObject({ city: "Lima", email: "new@example.com", externalId: expect.stringMatching(/^E-[0-9A-F]{16}$/) });
  });

  it("refuses files that are not CSV with a clear message", async () => {
    const ws = await createTestWorkspace(db);
    await expect(uploadText(ws, "CUSTOMERS", "")).rejects.toThrow(/empty/);
    await expect(uploadText(ws, "CUSTOMERS", new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0, 1, 2]))).rejects.toThrow(/PDF/);
    await expect(uploadText(ws, "CUSTOMERS", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, 8, 0, 0, 0, 0, 0]))).rejects.toThrow(/not CSV/);
    expect(await db.importJob.count({ where: { workspaceId: ws } })).toBe(0);
  });
});

describe("order and event import", () => {
  it("links orders to customers by external id, reports unknown ids, keeps metrics current, and is idempotent", async () => {
    const ws = await createTestWorkspace(db);
    await importText(db, ws, "CUSTOMERS", "id,email\nA,a@example.com\nB,b@example.com\n");
    const orders = `Order ID,Customer ID,Order Date,Amount,Currency\nO1,A,2024-01-05T10:00:00Z,10.50,usd\nO2,A,2024-02-05,"$1,234.00",EUR\nO3,NOPE,2024-02-05,5,USD\nO4,B,31/12/2024,7,USD\nO5,B,2024-03-01,ten,USD\n`;
    const first = await importText(db, ws, "ORDERS", orders);
    expect(first.errors.map((e) => [e.row, e.column])).toEqual([[4, "Customer ID"], [6, "Amount"]]);
    expect(first.job).toMatchObject({ rowsInserted: 3, rowsFailed: 2 });
    const metrics = await db.customerMetrics.findMany({ where: { workspaceId: ws }, orderBy: { customerId: "asc" } });
    expect(metrics.map((m) => [m.orderCount, m.totalSpent.toString()])).toEqual([[2, "1244.5"], [1, "7"]]);
    const o1 = await db.order.findUniqueOrThrow({ where: { workspaceId_externalId: { workspaceId: ws, externalId: "O1" } } });
    expect(o1.currency).toBe("USD");

    const again = await rerun(db, ws, first.id);
    expect(again.job).toMatchObject({ rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: 3, rowsFailed: 2 });
    expect(await db.order.count({ where: { workspaceId: ws } })).toBe(3);
  });

  it("derives ids for events without one, so a second import adds nothing", async () => {
    const ws = await createTestWorkspace(db);
    await importText(db, ws, "CUSTOMERS", "id\nA\n");
    const events = "Customer ID,Event,Timestamp,Page\nA,page_view,2024-03-01T09:00:00Z,/home\nA,page_view,2024-03-01T09:05:00Z,/pricing\nA,page_view,2024-03-01T09:05:00Z,/pricing\n";
    const first = await importText(db, ws, "EVENTS", events);
    expect(first.job).toMatchObject({ rowsInserted: 2, rowsFailed: 1 });
    expect(first.errors[0]?.message).toMatch(/Duplicate/);
    const stored = await db.event.findMany({ where: { workspaceId: ws }, orderBy: { occurredAt: "asc" } });
    expect(stored.map((e) => e.properties)).toEqual([{ page: "/home" }, { page: "/pricing" }]);
    const second = await importText(db, ws, "EVENTS", events);
    expect(second.job).toMatchObject({ rowsInserted: 0, rowsUnchanged: 2 });
    expect(await db.event.count({ where: { workspaceId: ws } })).toBe(2);
  });
});
