import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDemoCsvFiles, CUSTOMER_ERROR_CASES, DEMO_CSV_FILES, toCsv, type DemoCsvFile } from "@/lib/demo/csv";

const DEMO_DIR = path.resolve(import.meta.dirname, "../../public/demo");

const CUSTOMER_HEADER =
  "Customer ID,Email,First Name,Last Name,Gender,Date of Birth,Annual Income,Occupation,Country,Region,City,Industry,Company Size,Lifecycle Stage,Acquisition Channel,Email Opt-in,Interests,Needs,Technologies,Loyalty Tier,NPS Score";
const ORDER_HEADER = "Order ID,Customer ID,Order Date,Amount,Currency,Category,Channel,Quantity";
const EVENT_HEADER = "Customer ID,Event,Timestamp,Page,Device";
const HEADERS: Record<DemoCsvFile, string> = {
  "customers.csv": CUSTOMER_HEADER,
  "orders.csv": ORDER_HEADER,
  "events.csv": EVENT_HEADER,
  "customers-with-errors.csv": CUSTOMER_HEADER,
};

/** Reads CSV text with csv-parse, an implementation independent of the code under test. */
function readCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: true }) as string[][];
}

/** The first line where two texts differ, for a readable failure; null when they are equal. */
function firstDifference(committedText: string, builtText: string): string | null {
  if (committedText === builtText) return null;
  const a = committedText.split("\n");
  const b = builtText.split("\n");
  const line = a.findIndex((text, i) => text !== b[i]);
  const at = line < 0 ? a.length : line;
  return `line ${at + 1}: committed ${JSON.stringify(a[at] ?? "(end of file)")}, built ${JSON.stringify(b[at] ?? "(end of file)")}`;
}

type Table = { header: string[]; rows: string[][]; column: (name: string) => number };

function table(text: string): Table {
  const [header = [], ...rows] = readCsv(text);
  return {
    header,
    rows,
    column: (name) => {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`no column ${name}`);
      return i;
    },
  };
}

const cellOf = (t: Table, row: readonly string[], name: string): string => row[t.column(name)] ?? "";

let built: Record<DemoCsvFile, string>;
let committed: Record<DemoCsvFile, Buffer>;
let customers: Table;
let orders: Table;
let events: Table;
let withErrors: Table;

beforeAll(() => {
  built = buildDemoCsvFiles();
  committed = Object.fromEntries(DEMO_CSV_FILES.map((name) => [name, readFileSync(path.join(DEMO_DIR, name))])) as Record<
    DemoCsvFile,
    Buffer
  >;
  customers = table(built["customers.csv"]);
  orders = table(built["orders.csv"]);
  events = table(built["events.csv"]);
  withErrors = table(built["customers-with-errors.csv"]);
});

describe("demo CSV files", () => {
  it("are byte-for-byte the committed files in public/demo/ (run `npx tsx scripts/generate-demo-csv.ts` after a change)", () => {
    for (const name of DEMO_CSV_FILES) {
      expect(firstDifference(committed[name].toString("utf8"), built[name]), name).toBeNull();
      expect(committed[name].equals(Buffer.from(built[name], "utf8")), name).toBe(true);
    }
  });

  it("are reproducible", () => {
    expect(buildDemoCsvFiles()).toEqual(built);
  });

  it("are UTF-8 without BOM, with \\n line endings and a trailing newline, under 2 MB in all", () => {
    let total = 0;
    for (const name of DEMO_CSV_FILES) {
      const bytes = committed[name];
      total += bytes.length;
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), name).toBe(false);
      expect(new TextDecoder("utf-8", { fatal: true }).decode(bytes), name).toBe(built[name]);
      expect(built[name].includes("\r"), name).toBe(false);
      expect(built[name].endsWith("\n") && !built[name].endsWith("\n\n"), name).toBe(true);
    }
    expect(total).toBeLessThan(2 * 1024 * 1024);
  });

  it("start with exactly the specified header rows", () => {
    for (const name of DEMO_CSV_FILES) {
      expect(built[name].slice(0, built[name].indexOf("\n")), name).toBe(HEADERS[name]);
    }
  });

  it("have one cell per column on every row of the clean files", () => {
    expect(customers.rows).toHaveLength(1000);
    expect(orders.rows.length).toBeGreaterThan(3000);
    expect(events.rows.length).toBeGreaterThan(2000);
    for (const t of [customers, orders, events]) {
      for (const row of t.rows) expect(row).toHaveLength(t.header.length);
    }
  });
});

describe("ids", () => {
  it("are unique and never those of the seeded demo workspace", () => {
    const customerIds = customers.rows.map((r) => cellOf(customers, r, "Customer ID"));
    expect(new Set(customerIds).size).toBe(customerIds.length);
    for (const id of customerIds) expect(id).toMatch(/^IMP-\d{6}$/);

    const orderIds = orders.rows.map((r) => cellOf(orders, r, "Order ID"));
    expect(new Set(orderIds).size).toBe(orderIds.length);
    for (const id of orderIds) expect(id).toMatch(/^IMP-ORD-\d{7}$/);

    for (const name of DEMO_CSV_FILES) expect(built[name], name).not.toMatch(/\bCUST-|(^|,)ORD-/m);
  });

  it("of every order's and event's customer exist in customers.csv", () => {
    const known = new Set(customers.rows.map((r) => cellOf(customers, r, "Customer ID")));
    for (const row of orders.rows) expect(known.has(cellOf(orders, row, "Customer ID"))).toBe(true);
    for (const row of events.rows) expect(known.has(cellOf(events, row, "Customer ID"))).toBe(true);
  });
});

describe("cell formats", () => {
  it("write customers as a spreadsheet would", () => {
    let withNps = 0;
    for (const row of customers.rows) {
      const cell = (name: string) => cellOf(customers, row, name);
      // Reserved example domains only (RFC 2606): nothing here can reach a real inbox.
      expect(cell("Email")).toMatch(/^[a-z0-9._-]+@([a-z0-9-]+\.example|example\.(com|net|org))$/);
      expect(cell("Date of Birth")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(cell("Annual Income")).toMatch(/^(\d+\.\d{2})?$/);
      expect(cell("Company Size")).toMatch(/^(\d+)?$/);
      expect(["yes", "no"]).toContain(cell("Email Opt-in"));
      expect(["Bronze", "Silver", "Gold", "Platinum"]).toContain(cell("Loyalty Tier"));
      for (const tags of ["Interests", "Needs", "Technologies"]) expect(cell(tags)).toMatch(/^([a-z_-]+(; [a-z_-]+)*)?$/);
      const nps = cell("NPS Score");
      if (nps !== "") {
        withNps++;
        expect(nps).toMatch(/^(\d|10)$/);
      }
    }
    expect(withNps).toBeGreaterThan(100);
  });

  it("rank the loyalty tier by the customer's total order amount", () => {
    const totals = new Map<string, number>();
    for (const row of orders.rows) {
      const id = cellOf(orders, row, "Customer ID");
      totals.set(id, (totals.get(id) ?? 0) + Number(cellOf(orders, row, "Amount")));
    }
    const rank = { Bronze: 0, Silver: 1, Gold: 2, Platinum: 3 } as Record<string, number>;
    const tiers = customers.rows
      .map((r) => ({ total: totals.get(cellOf(customers, r, "Customer ID")) ?? 0, tier: rank[cellOf(customers, r, "Loyalty Tier")] ?? -1 }))
      .sort((a, b) => a.total - b.total);
    for (let i = 1; i < tiers.length; i++) expect(tiers[i]!.tier).toBeGreaterThanOrEqual(tiers[i - 1]!.tier);
    expect(new Set(tiers.map((t) => t.tier)).size).toBe(4);
  });

  it("write orders and events with UTC instants", () => {
    const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    for (const row of orders.rows) {
      expect(cellOf(orders, row, "Order Date")).toMatch(instant);
      expect(cellOf(orders, row, "Amount")).toMatch(/^\d+\.\d{2}$/);
      expect(cellOf(orders, row, "Currency")).toBe("USD");
      expect(cellOf(orders, row, "Quantity")).toMatch(/^[1-9]\d*$/);
    }
    for (const row of events.rows) {
      expect(cellOf(events, row, "Timestamp")).toMatch(instant);
      const page = cellOf(events, row, "Page");
      if (page !== "") expect(cellOf(events, row, "Event")).toBe("page_view");
    }
    expect(events.rows.some((r) => cellOf(events, r, "Page").startsWith("/products/"))).toBe(true);
    expect(events.rows.some((r) => cellOf(events, r, "Device") === "mobile")).toBe(true);
  });
});

describe("toCsv", () => {
  it("quotes cells with commas, quotes or line breaks and reads back the same values", () => {
    const rows = [
      ["plain", "with, comma", 'with "quotes"', "two\nlines", "", "trailing space ", "Île-de-France"],
      ['"', ",", "\n", "a\r\nb", "ünïcödé"],
    ];
    const text = toCsv(rows);
    expect(text).toBe(
      'plain,"with, comma","with ""quotes""","two\nlines",,trailing space ,Île-de-France\n"""",",","\n","a\r\nb",ünïcödé\n',
    );
    expect(readCsv(text)).toEqual(rows);
    expect(parse(text, { relax_column_count: true })).toEqual(rows);
  });
});

describe("customers-with-errors.csv", () => {
  const row = (n: number) => withErrors.rows[n - 1] ?? [];
  const cell = (n: number, name: string) => cellOf(withErrors, row(n), name);

  it("has 30 rows, one cell per column except the row with too many cells", () => {
    expect(withErrors.rows).toHaveLength(30);
    withErrors.rows.forEach((r, i) => expect(r, `row ${i + 1}`).toHaveLength(i + 1 === 26 ? 22 : 21));
  });

  it("holds each listed problem where the list says", () => {
    expect(CUSTOMER_ERROR_CASES.filter((c) => c.expectError)).toHaveLength(9);
    expect(cell(3, "Email")).not.toContain("@");
    expect(cell(6, "Date of Birth") > "2080-01-01").toBe(true);
    expect(cell(9, "Date of Birth")).toBe("03/04/1990");
    expect(cell(12, "Annual Income")).toBe("sixty thousand");
    expect(cell(14, "Country")).toBe("XX");
    expect(cell(17, "Customer ID")).toBe("");
    expect(cell(20, "Customer ID")).toBe(cell(2, "Customer ID"));
    expect(cell(23, "First Name")).toHaveLength(300);
    expect(row(26).slice(10, 12)).toEqual(["Portland", " OR"]);
    // Every other Customer ID is present and unique.
    const ids = withErrors.rows.map((r, i) => ({ id: r[0] ?? "", n: i + 1 })).filter(({ n }) => n !== 17 && n !== 20);
    expect(new Set(ids.map(({ id }) => id)).size).toBe(28);
    for (const { id } of ids) expect(id).toMatch(/^IMP-9\d{5}$/);
  });

  it("round-trips the quoted values of the rows that must import cleanly", () => {
    expect(cell(5, "Last Name")).toMatch(/^[^,"]+, Jr\.$/);
    expect(cell(10, "First Name")).toBe('Katherine "Kate"');
    expect(cell(28, "Interests")).toMatch(/^[a-z]+(;\n[a-z]+)+$/);
    expect(built["customers-with-errors.csv"]).toContain(',"Katherine ""Kate""",');
    expect(built["customers-with-errors.csv"]).toContain(`,"${cell(5, "Last Name")}",`);
    expect(built["customers-with-errors.csv"]).toContain(`,"${cell(28, "Interests")}",`);
    // The row after the multi-line cell is read whole.
    expect(cell(29, "Customer ID")).toBe("IMP-900029");
    expect(row(29)).toHaveLength(21);
  });
});
