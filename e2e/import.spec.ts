import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { newUserWithWorkspace } from "./helpers";
import { parse as parseCsvText } from "csv-parse/sync";

// One editor imports the demo files into a fresh workspace, step by step: customers, their orders,
// a file with mistakes, then exports a segment of what was imported.
const demoFile = (name: string) => fileURLToPath(new URL(`../public/demo/${name}`, import.meta.url));

/** Reads CSV text with csv-parse, an implementation independent of the code under test. */
function parseCsv(text: string): string[][] {
  return parseCsvText(text, { bom: true, relax_column_count: true }) as string[][];
}

/** A demo file as objects keyed by its header. */
function readDemo(name: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(demoFile(name), "utf8"));
  return rows.map((cells) => Object.fromEntries((header ?? []).map((h, i) => [h, cells[i] ?? ""])));
}

const customers = readDemo("customers.csv");
const orders = readDemo("orders.csv");
const firstCustomer = customers[0]!;
const firstName = `${firstCustomer["First Name"]} ${firstCustomer["Last Name"]}`;

// A slow machine needs time for the build's first renders and for the background import.
const IMPORT_DONE = { timeout: 90_000 };

test.describe.configure({ mode: "serial", timeout: 240_000 });

let context: BrowserContext;
let page: Page;
let slug = "";

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext();
  page = await context.newPage();
  ({ slug } = await newUserWithWorkspace(page, "Ivy Importer", "Import Co"));
});

test.afterAll(async () => {
  await context.close();
});

/** Opens the import page, picks what the file holds and uploads it; ends on the mapping step. */
async function upload(kind: "Customers" | "Orders" | "Events", file: string) {
  await page.goto(`/w/${slug}/customers/import`);
  await expect(page.getByRole("heading", { name: "Import CSV", level: 1 })).toBeVisible();
  await page.getByRole("radio", { name: kind }).check();
  await page.locator('input[type="file"]').setInputFiles(demoFile(file));
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/customers/import/[A-Za-z0-9-]+$`), { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: file, level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Start import" })).toBeEnabled({ timeout: 30_000 });
}

test("import customers.csv: mapping with preview, progress, summary, then find the first customer", async () => {
  // The customers list offers the import, in its header and in its empty state.
  await page.goto(`/w/${slug}/customers`);
  await expect(page.getByRole("heading", { name: "No customers yet" })).toBeVisible();
  await page.getByRole("link", { name: "Import CSV" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/customers/import$`));
  await expect(page.getByRole("heading", { name: "No imports yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "customers-with-errors.csv" })).toHaveAttribute("href", "/demo/customers-with-errors.csv");

  await upload("Customers", "customers.csv");

  // The mapping was guessed from the header: Customer ID is the external id, NPS Score a new trait.
  await expect(page.getByLabel("Import “Customer ID” as")).toHaveValue("field:externalId");
  await expect(page.getByLabel("Import “Email” as")).toHaveValue("field:email");
  await expect(page.getByLabel("Import “NPS Score” as")).toHaveValue("new-trait");
  const nps = page.getByRole("group", { name: "New custom trait from “NPS Score”" });
  await expect(nps.getByLabel("Key")).toHaveValue("nps_score");
  await expect(nps.getByLabel("Label")).toHaveValue("NPS Score");
  await expect(page.getByLabel("Match existing customers by")).toHaveValue("externalId");

  // The preview shows the first rows, checked.
  const preview = page.getByRole("table", { name: "Preview of the first rows" });
  await expect(preview.getByRole("row")).toHaveCount(21);
  await expect(preview).toContainText(firstCustomer["Customer ID"]!);
  await expect(page.getByTestId("preview-summary")).toContainText("20 preview rows are ready to import");

  // A mapping mistake is explained at the column and blocks the start; undoing it clears it.
  await page.getByLabel("Import “Email” as").selectOption("field:externalId");
  await expect(page.getByText(/“Email” and “Customer ID” go to the same place/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Start import" })).toBeDisabled();
  await page.getByLabel("Import “Email” as").selectOption("field:email");
  await expect(page.getByText(/go to the same place/)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Start import" })).toBeEnabled();

  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toBeVisible();
  await expect(page.getByTestId("import-summary")).toHaveText(
    `Imported ${customers.length.toLocaleString("en-US")} rows: ${customers.length.toLocaleString("en-US")} new, 0 updated, 0 unchanged.`,
    IMPORT_DONE,
  );
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByRole("heading", { name: "Import finished", exact: true })).toBeVisible();

  // The first customer of the file is there.
  await page.getByRole("link", { name: "View customers" }).click();
  await page.getByLabel("Search customers").fill(firstCustomer["Customer ID"]!);
  const table = page.getByRole("table", { name: "Customers" });
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText(firstName);
  await expect(table).toContainText(firstCustomer["Email"]!);
});

test("import orders.csv: linked to the customers, shown on the profile", async () => {
  await upload("Orders", "orders.csv");
  await expect(page.getByLabel("Import “Customer ID” as")).toHaveValue("field:customerExternalId");
  await expect(page.getByLabel("Import “Order ID” as")).toHaveValue("field:externalId");
  await expect(page.getByLabel("Import “Amount” as")).toHaveValue("field:amount");
  await page.getByRole("button", { name: "Start import" }).click();
  const n = orders.length.toLocaleString("en-US");
  await expect(page.getByTestId("import-summary")).toHaveText(`Imported ${n} rows: ${n} new, 0 updated, 0 unchanged.`, IMPORT_DONE);

  // The profile of the customer of the file's first order lists their latest orders.
  const buyerId = orders[0]!["Customer ID"]!;
  const buyer = customers.find((c) => c["Customer ID"] === buyerId)!;
  const theirs = orders.filter((o) => o["Customer ID"] === buyerId).sort((a, b) => (a["Order Date"]! < b["Order Date"]! ? 1 : -1));
  await page.goto(`/w/${slug}/customers?q=${encodeURIComponent(buyerId)}`);
  await page.getByRole("table", { name: "Customers" }).getByRole("link", { name: `${buyer["First Name"]} ${buyer["Last Name"]}` }).click();
  await expect(page.getByRole("heading", { name: `${buyer["First Name"]} ${buyer["Last Name"]}` })).toBeVisible();
  const timeline = page.getByRole("list", { name: "Timeline" });
  for (const order of theirs.slice(0, 5)) await expect(timeline).toContainText(order["Order ID"]!);
  await expect(timeline.locator('[data-kind="order"]')).toHaveCount(Math.min(theirs.length, 20));
});

test("import customers-with-errors.csv: the good rows go in, the problems are reported and downloadable", async () => {
  await upload("Customers", "customers-with-errors.csv");
  // The trait created by the first import is now an existing trait.
  await expect(page.getByLabel("Import “NPS Score” as")).toHaveValue("trait:nps_score");
  // The preview already flags the bad e-mail.
  const preview = page.getByRole("table", { name: "Preview of the first rows" });
  await expect(preview.locator("tr[data-problem]").first()).toBeVisible();
  await expect(preview).toContainText("guilherme.martins.example.com");
  await expect(page.getByTestId("preview-summary")).toContainText(/\d+ of 20 preview rows are ready to import/);

  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByRole("heading", { name: "Import finished with problems" })).toBeVisible(IMPORT_DONE);
  await expect(page.getByTestId("import-summary")).toContainText(/had problems and were skipped/);
  const problems = page.getByRole("table", { name: "Import problems" });
  await expect(problems).toContainText("guilherme.martins.example.com");

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download error report (CSV)" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("customers-with-errors-errors.csv");
  const report = (await readFile(await download.path())).toString("utf8").replace(/^\uFEFF/, "");
  expect(report.startsWith("row,column,value,error")).toBe(true);
  const lines = parseCsv(report).slice(1);
  expect(lines.some(([, column, value]) => column === "Email" && value === "guilherme.martins.example.com")).toBe(true);

  // All three imports are listed.
  await page.goto(`/w/${slug}/customers/import`);
  const recent = page.getByRole("table", { name: "Recent imports" });
  await expect(recent.getByRole("row")).toHaveCount(4);
  await expect(recent).toContainText("Completed with problems");
});

test("export a segment of the imported customers: only its members", async () => {
  const stamp = Date.now().toString(36);
  const german = customers.filter((c) => c["Country"] === "DE");
  expect(german.length).toBeGreaterThan(0);

  await page.goto(`/w/${slug}/segments/new`);
  await page.getByLabel("Name").fill(`Germany ${stamp}`);
  await page.getByRole("button", { name: "Add rule" }).click();
  const rule = page.getByTestId("rule").first();
  await rule.getByLabel("Field").selectOption("country");
  await rule.getByLabel("Operator").selectOption("eq");
  await rule.getByLabel("Value").fill("DE");
  await page.getByRole("button", { name: "Create segment" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/segments/[a-z0-9]{20,}$`), { timeout: 30_000 });
  const size = Number((await page.getByTestId("segment-size").textContent())?.replace(/\D/g, ""));
  expect(size).toBeGreaterThanOrEqual(german.length);

  // Customers filtered by the segment, then Export → CSV.
  await page.goto(`/w/${slug}/customers`);
  await page.getByLabel("In segment").selectOption({ label: `Germany ${stamp}` });
  await expect(page).toHaveURL(/segment=/);
  await expect(page.getByText(`${size.toLocaleString("en-US")} customers match`)).toBeVisible();
  await page.getByRole("button", { name: "Export customers" }).click();
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: /CSV/ }).click();
  const download = await downloadPromise;
  const [header, ...rows] = parseCsv((await readFile(await download.path())).toString("utf8")).filter((r) => r.some((c) => c !== ""));
  const country = header!.indexOf("country");
  const externalId = header!.indexOf("external_id");
  expect(country).toBeGreaterThan(-1);
  expect(rows).toHaveLength(size);
  expect(rows.every((r) => r[country] === "DE")).toBe(true);
  const exported = new Set(rows.map((r) => r[externalId]));
  for (const c of german) expect(exported.has(c["Customer ID"])).toBe(true);
  expect(exported.has(customers.find((c) => c["Country"] !== "DE")!["Customer ID"])).toBe(false);
});
