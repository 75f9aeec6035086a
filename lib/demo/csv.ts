/**
 * Demo CSV files for the import: customers, their orders and events, and a customers file with
 * deliberate problems, built from the seeded demo generator. Pure: the same constants always give
 * the same bytes, so the files committed under public/demo/ can be checked against a fresh build.
 *
 * Ids are rewritten so an import never collides with the seeded demo workspace: customers
 * `CUST-000001` → `IMP-000001`, orders `ORD-0000001` → `IMP-ORD-0000001`.
 */
import {
  generateDemoData,
  type DemoCustomer,
  type DemoData,
  type DemoEvent,
  type DemoOrder,
  type LoyaltyTier,
} from "@/lib/demo/generate";

/** Not the demo workspace's seed (42), so these customers are other people. */
export const DEMO_CSV_SEED = 7;
export const DEMO_CSV_CUSTOMERS = 1000;
export const DEMO_CSV_NOW = new Date("2026-11-01T00:00:00.000Z");
/** The customers behind customers-with-errors.csv: 30 more people, from their own seed. */
export const DEMO_CSV_ERRORS_SEED = 8;
export const DEMO_CSV_ERROR_ROWS = 30;

export const CUSTOMER_CSV_HEADER = [
  "Customer ID",
  "Email",
  "First Name",
  "Last Name",
  "Gender",
  "Date of Birth",
  "Annual Income",
  "Occupation",
  "Country",
  "Region",
  "City",
  "Industry",
  "Company Size",
  "Lifecycle Stage",
  "Acquisition Channel",
  "Email Opt-in",
  "Interests",
  "Needs",
  "Technologies",
  "Loyalty Tier",
  "NPS Score",
] as const;
export const ORDER_CSV_HEADER = ["Order ID", "Customer ID", "Order Date", "Amount", "Currency", "Category", "Channel", "Quantity"] as const;
export const EVENT_CSV_HEADER = ["Customer ID", "Event", "Timestamp", "Page", "Device"] as const;

export type CustomerCsvColumn = (typeof CUSTOMER_CSV_HEADER)[number];

export const DEMO_CSV_FILES = ["customers.csv", "orders.csv", "events.csv", "customers-with-errors.csv"] as const;
export type DemoCsvFile = (typeof DEMO_CSV_FILES)[number];

// ---------------------------------------------------------------------------------------------
// Writing CSV

/** One cell: quoted when it holds a comma, a quote or a line break; quotes inside are doubled. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows joined with `\n`, the last one ending with a newline too. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((cells) => `${cells.map(csvCell).join(",")}\n`).join("");
}

// ---------------------------------------------------------------------------------------------
// Cell formats

const TAG_SEPARATOR = "; ";

const LOYALTY_LABELS: Record<LoyaltyTier, string> = {
  bronze: "Bronze",
  silver: "Silver",
  gold: "Gold",
  platinum: "Platinum",
};

/** `CUST-000001` → `IMP-000001`. */
export function importCustomerId(externalId: string): string {
  if (!externalId.startsWith("CUST-")) throw new Error(`Unexpected customer id ${externalId}`);
  return `IMP-${externalId.slice("CUST-".length)}`;
}

/** `ORD-0000001` → `IMP-ORD-0000001`. */
export function importOrderId(externalId: string): string {
  if (!externalId.startsWith("ORD-")) throw new Error(`Unexpected order id ${externalId}`);
  return `IMP-${externalId}`;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function money(amount: number): string {
  return amount.toFixed(2);
}

/**
 * One customer in the customers.csv columns. The loyalty tier is the generator's, which it derives
 * from the customer's total order amount (bronze < $250 ≤ silver < $1,000 ≤ gold < $3,000 ≤ platinum);
 * the NPS score is empty for customers who never answered the survey.
 */
export function customerRow(customer: DemoCustomer, id: string): string[] {
  return [
    id,
    customer.email,
    customer.firstName,
    customer.lastName,
    customer.gender,
    day(customer.birthDate),
    customer.annualIncome === null ? "" : money(customer.annualIncome),
    customer.occupation,
    customer.country,
    customer.region,
    customer.city,
    customer.industry ?? "",
    customer.companySize === null ? "" : String(customer.companySize),
    customer.lifecycleStage,
    customer.acquisitionChannel,
    customer.emailOptIn ? "yes" : "no",
    customer.interests.join(TAG_SEPARATOR),
    customer.needs.join(TAG_SEPARATOR),
    customer.technologies.join(TAG_SEPARATOR),
    LOYALTY_LABELS[customer.traits.loyalty_tier],
    customer.traits.nps_score === undefined ? "" : String(customer.traits.nps_score),
  ];
}

export function orderRow(order: DemoOrder): string[] {
  return [
    importOrderId(order.externalId),
    importCustomerId(order.customerExternalId),
    order.orderedAt.toISOString(),
    money(order.amount),
    order.currency,
    order.category,
    order.channel,
    String(order.quantity),
  ];
}

function textProperty(event: DemoEvent, key: string): string {
  const value = event.properties[key];
  return typeof value === "string" ? value : "";
}

/** Page is the path of a page view; Device is set for page views and e-mail opens. */
export function eventRow(event: DemoEvent): string[] {
  return [
    importCustomerId(event.customerExternalId),
    event.name,
    event.occurredAt.toISOString(),
    textProperty(event, "path") || textProperty(event, "page"),
    textProperty(event, "device"),
  ];
}

// ---------------------------------------------------------------------------------------------
// customers-with-errors.csv

export type CustomerErrorCase = {
  /** Data row, 1-based (the header is not counted). */
  row: number;
  column: CustomerCsvColumn;
  problem: string;
  /** False for rows that look unusual but must import cleanly. */
  expectError: boolean;
};

type RowEdit = CustomerErrorCase & { edit: (cells: string[]) => string[] };

const col = (column: CustomerCsvColumn): number => CUSTOMER_CSV_HEADER.indexOf(column);

function setCell(column: CustomerCsvColumn, value: string): (cells: string[]) => string[] {
  return (cells) => cells.map((cell, i) => (i === col(column) ? value : cell));
}

function errorCustomerId(row: number): string {
  return `IMP-${String(900_000 + row).padStart(6, "0")}`;
}

const ROW_EDITS: readonly RowEdit[] = [
  {
    row: 3,
    column: "Email",
    problem: "invalid e-mail address (the @ typed as a dot)",
    expectError: true,
    edit: (cells) => setCell("Email", (cells[col("Email")] ?? "").replace("@", "."))(cells),
  },
  {
    row: 5,
    column: "Last Name",
    problem: "a comma inside a quoted cell",
    expectError: false,
    edit: (cells) => setCell("Last Name", `${cells[col("Last Name")] ?? ""}, Jr.`)(cells),
  },
  { row: 6, column: "Date of Birth", problem: "birth date in the future", expectError: true, edit: setCell("Date of Birth", "2090-06-15") },
  { row: 9, column: "Date of Birth", problem: "ambiguous date (day/month or month/day)", expectError: true, edit: setCell("Date of Birth", "03/04/1990") },
  { row: 10, column: "First Name", problem: "double quotes inside a quoted cell", expectError: false, edit: setCell("First Name", 'Katherine "Kate"') },
  { row: 12, column: "Annual Income", problem: "income that is not a number", expectError: true, edit: setCell("Annual Income", "sixty thousand") },
  { row: 14, column: "Country", problem: "unknown country code XX", expectError: true, edit: setCell("Country", "XX") },
  { row: 17, column: "Customer ID", problem: "missing Customer ID", expectError: true, edit: setCell("Customer ID", "") },
  {
    row: 20,
    column: "Customer ID",
    problem: "Customer ID already used on row 2 of the file",
    expectError: true,
    edit: setCell("Customer ID", errorCustomerId(2)),
  },
  { row: 23, column: "First Name", problem: "first name of 300 characters", expectError: true, edit: setCell("First Name", "Wilhelmina".repeat(30)) },
  {
    row: 26,
    column: "City",
    problem: "too many cells: an unquoted comma in the city splits it in two",
    expectError: true,
    edit: (cells) => {
      const located = setCell("Region", "Oregon")(setCell("Country", "US")(cells));
      return [...located.slice(0, col("City")), "Portland", " OR", ...located.slice(col("City") + 1)];
    },
  },
  {
    row: 28,
    column: "Interests",
    problem: "a line break inside a quoted cell (one tag per line)",
    expectError: false,
    edit: (cells) => setCell("Interests", (cells[col("Interests")] ?? "").split(TAG_SEPARATOR).join(";\n"))(cells),
  },
];

/** The rows of customers-with-errors.csv that are unusual on purpose, and why. */
export const CUSTOMER_ERROR_CASES: readonly CustomerErrorCase[] = ROW_EDITS.map(({ row, column, problem, expectError }) => ({
  row,
  column,
  problem,
  expectError,
}));

function customersWithErrors(data: DemoData): string[][] {
  return data.customers.map((customer, i) => {
    const row = i + 1;
    let cells = customerRow(customer, errorCustomerId(row));
    for (const e of ROW_EDITS) if (e.row === row) cells = e.edit(cells);
    return cells;
  });
}

// ---------------------------------------------------------------------------------------------
// All files

/** The contents of every demo CSV file, by file name. */
export function buildDemoCsvFiles(): Record<DemoCsvFile, string> {
  const data = generateDemoData({ seed: DEMO_CSV_SEED, customers: DEMO_CSV_CUSTOMERS, now: DEMO_CSV_NOW });
  const withErrors = generateDemoData({ seed: DEMO_CSV_ERRORS_SEED, customers: DEMO_CSV_ERROR_ROWS, now: DEMO_CSV_NOW });
  return {
    "customers.csv": toCsv([CUSTOMER_CSV_HEADER, ...data.customers.map((c) => customerRow(c, importCustomerId(c.externalId)))]),
    "orders.csv": toCsv([ORDER_CSV_HEADER, ...data.orders.map(orderRow)]),
    "events.csv": toCsv([EVENT_CSV_HEADER, ...data.events.map(eventRow)]),
    "customers-with-errors.csv": toCsv([CUSTOMER_CSV_HEADER, ...customersWithErrors(withErrors)]),
  };
}
