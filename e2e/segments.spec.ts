import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { expect, test, type Page } from "@playwright/test";
import { newContext, signInAsDemo } from "./helpers";

// Runs on the seeded demo workspace, whose 5,000 customers give the rules something to count.
const stamp = Date.now().toString(36);

async function demo(page: Page) {
  await signInAsDemo(page);
  await expect(page).toHaveURL(/\/w\/demo$/, { timeout: 30_000 });
}

// Counting 5,000 customers over nested rules takes a moment on the embedded database.
test.describe.configure({ timeout: 120_000 });

/** The live count once it has settled (-1 while it is being counted or missing). */
async function liveSize(page: Page): Promise<number> {
  if (await page.getByText("Updating…").isVisible()) return -1;
  const text = await page.getByTestId("live-size").textContent({ timeout: 1000 }).catch(() => null);
  return text === null ? -1 : Number(text.replace(/\D/g, ""));
}

const settled = { timeout: 30_000 };

/** Waits past the builder's debounce, then for the count to settle, and returns it. */
async function settledSize(page: Page): Promise<number> {
  await page.waitForTimeout(600);
  let n = -1;
  await expect.poll(async () => (n = await liveSize(page)), settled).toBeGreaterThanOrEqual(0);
  return n;
}

test("build a nested segment with a live count, save it, review it, and edit it", async ({ page }) => {
  await demo(page);
  await page.getByRole("link", { name: "Segments" }).click();
  await page.getByRole("link", { name: "New segment" }).click();
  await page.getByLabel("Name").fill(`US or GB buyers ${stamp}`);

  // An empty rule set matches everyone.
  expect(await settledSize(page)).toBe(5000);

  // Country is US …
  await page.getByRole("button", { name: "Add rule" }).click();
  const rules = page.getByTestId("rule");
  await rules.nth(0).getByLabel("Field").selectOption("country");
  await rules.nth(0).getByLabel("Operator").selectOption("in");
  await rules.nth(0).getByLabel("Values, separated by commas").fill("US, GB");
  await rules.nth(0).getByLabel("Values, separated by commas").blur();
  const countryOnly = await settledSize(page);
  expect(countryOnly).toBeLessThan(5000);
  expect(countryOnly).toBeGreaterThan(0);

  // … AND (has ordered at least twice ever, OR is female).
  await page.getByRole("button", { name: "Add group" }).first().click();
  const group = page.getByRole("group", { name: "Rule group" });
  await group.getByTestId("rule").first().getByLabel("Rule type").selectOption("behavior");
  await group.getByTestId("rule").first().getByLabel("Time window").selectOption("ever");
  await group.getByTestId("rule").first().getByLabel("Number").fill("2");
  expect(await settledSize(page)).toBeLessThan(countryOnly);
  await expect(group.getByRole("combobox", { name: "Match all or any" })).toHaveValue("or");
  await group.getByRole("button", { name: "Add rule" }).click();
  await group.getByTestId("rule").nth(1).getByLabel("Field").selectOption("gender");
  await group.getByTestId("rule").nth(1).getByLabel("Value").fill("female");
  const nested = await settledSize(page);
  expect(nested).toBeGreaterThan(0);
  expect(nested).toBeLessThanOrEqual(countryOnly);

  // A bad value is explained at the rule, with nothing saved.
  await rules.nth(0).getByLabel("Operator").selectOption("eq");
  await rules.nth(0).getByLabel("Value").fill("x".repeat(501));
  await expect(page.getByRole("alert").filter({ hasText: /500/ }).first()).toBeVisible();
  await rules.nth(0).getByLabel("Operator").selectOption("in");
  await rules.nth(0).getByLabel("Values, separated by commas").fill("US, GB");
  await rules.nth(0).getByLabel("Values, separated by commas").blur();
  expect(await settledSize(page)).toBe(nested);

  await page.getByRole("button", { name: "Create segment" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/segments\/c[a-z0-9]{20,}$/);
  await expect(page.getByTestId("segment-size")).toHaveText(nested.toLocaleString("en-US"));
  await expect(page.getByRole("table", { name: "Segment members" }).getByRole("row")).toHaveCount(26);
  await expect(page.getByRole("img", { name: "Segment size over time" })).toBeVisible();

  // Edit: narrow to US only; the version and size change.
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await page.getByTestId("rule").nth(0).getByLabel("Values, separated by commas").fill("US");
  await page.getByTestId("rule").nth(0).getByLabel("Values, separated by commas").blur();
  const narrowed = await settledSize(page);
  expect(narrowed).toBeLessThan(nested);
  await page.getByRole("button", { name: "Save segment" }).click();
  await expect(page.getByTestId("segment-size")).toHaveText(narrowed.toLocaleString("en-US"));
  await expect(page.getByText("Version").locator("..")).toContainText("2");

  // The list shows it with its size.
  await page.getByRole("link", { name: "Segments" }).click();
  await expect(page.getByRole("table", { name: "Segments" })).toContainText(`US or GB buyers ${stamp}`);
});

test("a stale save is refused, and a segment in use cannot be deleted", async ({ browser }) => {
  const a = await newContext(browser);
  await demo(a.page);
  await a.page.goto("/w/demo/segments/new");
  await a.page.getByLabel("Name").fill(`Base ${stamp}`);
  await a.page.getByRole("button", { name: "Add rule" }).click();
  await a.page.getByRole("button", { name: "Create segment" }).click();
  await expect(a.page).toHaveURL(/\/segments\/c[a-z0-9]{20,}$/);
  const baseUrl = a.page.url();

  // Two editors open the same version; the second save is refused.
  const b = await newContext(browser);
  await demo(b.page);
  await a.page.goto(`${baseUrl}/edit`);
  await b.page.goto(`${baseUrl}/edit`);
  await a.page.getByLabel("Description").fill("Saved by the first editor");
  await a.page.getByRole("button", { name: "Save segment" }).click();
  await expect(a.page).toHaveURL(baseUrl);
  await b.page.getByLabel("Description").fill("Saved by the second editor");
  await b.page.getByRole("button", { name: "Save segment" }).click();
  await expect(b.page.getByText(/Someone else saved this segment after you opened it/).first()).toBeVisible();
  await a.page.reload();
  await expect(a.page.getByText("Saved by the first editor")).toBeVisible();

  // Another segment references it: deleting is refused, naming the user.
  await a.page.goto("/w/demo/segments/new");
  await a.page.getByLabel("Name").fill(`Referrer ${stamp}`);
  await a.page.getByRole("button", { name: "Add rule" }).click();
  await a.page.getByTestId("rule").first().getByLabel("Rule type").selectOption("membership");
  await a.page.getByTestId("rule").first().getByLabel("Segment").selectOption({ label: `Base ${stamp}` });
  await a.page.getByRole("button", { name: "Create segment" }).click();
  await expect(a.page).toHaveURL(/\/segments\/c[a-z0-9]{20,}$/);

  await a.page.goto(baseUrl);
  await a.page.getByRole("button", { name: "Delete" }).click();
  await a.page.getByRole("dialog").getByRole("button", { name: "Delete segment" }).click();
  await expect(a.page.getByRole("dialog").getByRole("alert")).toContainText(`used by segment “Referrer ${stamp}”`);

  // Archiving works and is reversible.
  await a.page.keyboard.press("Escape");
  await a.page.getByRole("button", { name: "Archive" }).click();
  await expect(a.page.getByText(/^Archived /)).toBeVisible();
  await a.page.getByRole("button", { name: "Restore" }).click();
  await expect(a.page.getByText(/^Archived /)).toHaveCount(0);

  await a.context.close();
  await b.context.close();
});

test("a member's profile says which segments they are in, and why", async ({ page }) => {
  await demo(page);
  await page.goto("/w/demo/segments/new");
  await page.getByLabel("Name").fill(`Germany ${stamp}`);
  await page.getByRole("button", { name: "Add rule" }).click();
  await page.getByTestId("rule").first().getByLabel("Field").selectOption("country");
  await page.getByTestId("rule").first().getByLabel("Operator").selectOption("eq");
  await page.getByTestId("rule").first().getByLabel("Value").fill("DE");
  await page.getByRole("button", { name: "Create segment" }).click();
  await expect(page).toHaveURL(/\/segments\/c[a-z0-9]{20,}$/);
  await page.getByRole("table", { name: "Segment members" }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/customers\/\d+$/);
  const row = page.getByRole("list", { name: "Segment membership" }).getByRole("listitem").filter({ hasText: `Germany ${stamp}` });
  await expect(row.getByText("in", { exact: true })).toBeVisible();
  await row.getByText("Why?").click();
  await expect(row.getByText(/has DE/)).toBeVisible();
});

test("export a segment's members from its page, named after it, with value metrics", async ({ page }) => {
  await demo(page);
  await page.getByRole("link", { name: "Segments" }).click();
  await page.getByRole("link", { name: "US champions and loyal customers" }).click();
  const size = Number((await page.getByTestId("segment-size").textContent())!.replace(/\D/g, ""));
  expect(size).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Export members" }).click();
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: /CSV with value metrics/ }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^segment-us-champions-and-loyal-customers-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile(await download.path())).toString("utf8").replace(/^\uFEFF/, "");
  const rows = parse(csv, { columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(size);
  expect(csv.split("\r\n")[0]).toMatch(/,orders,lifetime_value,last_order_at,rfm_recency,rfm_frequency,rfm_monetary,rfm_segment$/);
  // Every member is a champion or loyal customer in the United States.
  for (const row of rows) {
    expect(row.country).toBe("US");
    expect(["Champions", "Loyal"]).toContain(row.rfm_segment);
    expect(Number(row.orders)).toBeGreaterThan(0);
  }
});
