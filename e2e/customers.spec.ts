import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { newUserWithWorkspace } from "./helpers";

async function fillCustomer(page: Page, values: { first: string; last: string; email: string; externalId: string; country: string; tier: string }) {
  await page.getByLabel("First name").fill(values.first);
  await page.getByLabel("Last name").fill(values.last);
  await page.getByLabel("E-mail", { exact: true }).fill(values.email);
  await page.getByLabel("External id").fill(values.externalId);
  await page.getByLabel("Country").selectOption(values.country);
  await page.getByLabel("Loyalty tier").fill(values.tier);
}

test("customers: traits, create by form, search, sort, profile, edit, export, bulk delete", async ({ page }) => {
  // A long walk through the whole section, after a sign-up that now includes its own sign-in step.
  test.slow();
  const { slug } = await newUserWithWorkspace(page, "Cora Curator", "Customer Co");
  const list = `/w/${slug}/customers`;

  // The sidebar leads to an empty list that explains itself.
  await page.getByRole("link", { name: "Customers" }).click();
  await expect(page).toHaveURL(new RegExp(`${list}$`));
  await expect(page.getByRole("heading", { name: "No customers yet" })).toBeVisible();

  // A custom trait; its key follows the label.
  await page.getByRole("link", { name: "Custom traits" }).click();
  await page.getByLabel("Label").fill("Loyalty tier");
  await expect(page.getByLabel("Key")).toHaveValue("loyalty_tier");
  await page.getByLabel("Family").selectOption("VALUE");
  await page.getByRole("button", { name: "Add trait" }).click();
  await expect(page.getByText("Trait “loyalty_tier” added")).toBeVisible();
  await expect(page.getByRole("table", { name: "Custom traits" })).toContainText("Loyalty tier");

  // First customer: a bad e-mail is refused with a message next to the field, then fixed.
  await page.goto(list);
  await page.getByRole("link", { name: "Add customer" }).first().click();
  await fillCustomer(page, { first: "Ada", last: "Lovelace", email: "not-an-email", externalId: "CUS-ADA", country: "GB", tier: "gold" });
  await page.getByRole("button", { name: "Add customer" }).click();
  await expect(page.getByText("Enter a valid e-mail address, like name@company.com.")).toBeVisible();
  await expect(page.getByLabel("E-mail", { exact: true })).toBeFocused();
  await page.getByLabel("E-mail", { exact: true }).fill("ada@example.test");
  await page.getByRole("button", { name: "Add customer" }).click();
  await expect(page).toHaveURL(new RegExp(`${list}/\\d+$`));
  await expect(page.getByRole("heading", { name: "Ada Lovelace" })).toBeVisible();

  // Second customer.
  await page.goto(`${list}/new`);
  await fillCustomer(page, { first: "Grace", last: "Hopper", email: "grace@example.test", externalId: "CUS-GRACE", country: "US", tier: "silver" });
  await page.getByRole("button", { name: "Add customer" }).click();
  await expect(page.getByRole("heading", { name: "Grace Hopper" })).toBeVisible();

  // Search (case-insensitive), kept in the URL.
  await page.goto(list);
  const table = page.getByRole("table", { name: "Customers" });
  await expect(table.getByRole("row")).toHaveCount(3);
  await page.getByLabel("Search customers").fill("GRACE");
  await expect(page).toHaveURL(/q=GRACE/);
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText("Grace Hopper");
  await page.getByLabel("Search customers").fill("");
  await expect(table.getByRole("row")).toHaveCount(3);

  // Sort by name (last name), both ways.
  const firstName = () => table.getByRole("row").nth(1).getByRole("link");
  await table.getByRole("link", { name: /^Name: sort ascending/ }).click();
  await expect(page).toHaveURL(/sort=name&dir=asc/);
  await expect(firstName()).toHaveText(/Grace Hopper/);
  await table.getByRole("link", { name: /^Name: sort descending/ }).click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(firstName()).toHaveText(/Ada Lovelace/);

  // A custom trait can be shown as a column.
  await expect(table.getByRole("columnheader", { name: "Loyalty tier" })).toHaveCount(0);
  await page.getByRole("button", { name: "Columns" }).click();
  await page.getByRole("group", { name: "Columns: show, hide and reorder" }).getByRole("checkbox", { name: "Loyalty tier", exact: true }).check();
  await page.keyboard.press("Escape");
  await expect(table.getByRole("columnheader", { name: "Loyalty tier" })).toBeVisible();
  await expect(table.getByRole("row", { name: /Ada Lovelace/ }).getByRole("cell").last()).toHaveText("gold");

  // The profile shows the custom trait in its family.
  await firstName().click();
  await expect(page.getByRole("heading", { name: "Ada Lovelace" })).toBeVisible();
  const value = page.locator("section", { has: page.getByRole("heading", { name: "Value" }) });
  await expect(value).toContainText("Loyalty tier");
  await expect(value).toContainText("gold");
  await expect(page.getByText("United Kingdom (GB)")).toBeVisible();

  // Edit.
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await page.getByLabel("City").fill("London");
  await page.getByLabel("Loyalty tier").fill("platinum");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Ada Lovelace" })).toBeVisible();
  await expect(page.locator("dd", { hasText: "London" })).toBeVisible();

  // Export the list as CSV and read the file.
  await page.goto(list);
  await page.getByRole("button", { name: "Export customers" }).click();
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: /CSV/ }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^customers-${slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const csv = (await readFile(await download.path())).toString("utf8").replace(/^\uFEFF/, "");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(/^id,external_id,email,first_name,last_name,.*,trait\.loyalty_tier$/);
  expect(csv).toContain("CUS-ADA,ada@example.test,Ada,Lovelace");
  expect(csv).toContain("London");
  expect(csv).toContain("platinum");
  expect(csv).toContain("CUS-GRACE,grace@example.test,Grace,Hopper");

  // Bulk delete one, after confirming.
  await table.getByLabel("Select Grace Hopper").check();
  const bulk = page.getByRole("region", { name: "Bulk actions" });
  await expect(bulk).toContainText("1 selected");
  await bulk.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: "Delete 1 customer?" })).toBeVisible();
  await expect(dialog).toContainText("Grace Hopper will be deleted");
  await dialog.getByRole("button", { name: "Delete 1 customer" }).click();
  await expect(page.getByText("1 customer deleted")).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).not.toContainText("Grace Hopper");

  // The audit log tells the story.
  await page.goto(`/w/${slug}/settings`);
  const audit = page.getByRole("table", { name: "Audit log" });
  await expect(audit).toContainText("added the custom trait “Loyalty tier” (loyalty_tier)");
  await expect(audit).toContainText("added the customer “Ada Lovelace”");
  await expect(audit).toContainText("edited the customer “Ada Lovelace” (2 fields)");
  await expect(audit).toContainText("exported 2 customers as CSV");
  await expect(audit).toContainText("deleted 1 customer");
});

test("another workspace's customer, profile, edit page and export are 404", async ({ browser }) => {
  const victim = await browser.newContext();
  const vPage = await victim.newPage();
  const v = await newUserWithWorkspace(vPage, "Vic Victim", "Victim Customers");
  await vPage.goto(`/w/${v.slug}/customers/new`);
  await vPage.getByLabel("First name").fill("Private");
  await vPage.getByLabel("External id").fill("PRIVATE-1");
  await vPage.getByRole("button", { name: "Add customer" }).click();
  await expect(vPage).toHaveURL(/\/customers\/\d+$/);
  const customerId = new URL(vPage.url()).pathname.split("/").pop() ?? "";

  const attacker = await browser.newContext();
  const aPage = await attacker.newPage();
  const a = await newUserWithWorkspace(aPage, "Art Attacker", "Attacker Customers");
  // Someone else's workspace: refused by the workspace layout, before anything is sent.
  for (const path of [`/w/${v.slug}/customers`, `/w/${v.slug}/customers/${customerId}`, `/w/${v.slug}/customers/${customerId}/edit`]) {
    const response = await aPage.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(aPage.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(aPage.getByText("Private")).toHaveCount(0);
  }
  // The attacker's own workspace with the victim's customer id (or a malformed one): the same not-found page.
  for (const path of [`/w/${a.slug}/customers/${customerId}`, `/w/${a.slug}/customers/${customerId}/edit`, `/w/${a.slug}/customers/not-a-number`]) {
    await aPage.goto(path);
    await expect(aPage.getByRole("heading", { name: "Not found" }), path).toBeVisible();
    await expect(aPage.getByText("Private")).toHaveCount(0);
    await expect(aPage.getByText("PRIVATE-1")).toHaveCount(0);
  }
  const exported = await aPage.request.get(`/w/${v.slug}/customers/export?format=csv`);
  expect(exported.status()).toBe(404);
  expect(await exported.text()).not.toContain("PRIVATE-1");

  await victim.close();
  await attacker.close();
});
