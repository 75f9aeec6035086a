import { expect, test, type Page } from "@playwright/test";
import { newUserWithWorkspace } from "./helpers";

async function addCustomer(page: Page, list: string, first: string, last: string) {
  await page.goto(`${list}/new`);
  await page.getByLabel("First name").fill(first);
  await page.getByLabel("Last name").fill(last);
  await page.getByLabel("External id").fill(`CUS-${first.toUpperCase()}`);
  await page.getByRole("button", { name: "Add customer" }).click();
  await expect(page.getByRole("heading", { name: `${first} ${last}` })).toBeVisible();
}

test("static segments: add customers from the list to a new one, see exactly them, remove one", async ({ page }) => {
  const { slug } = await newUserWithWorkspace(page, "Stella Static", "Static Lists Co");
  const list = `/w/${slug}/customers`;
  await addCustomer(page, list, "Ada", "Lovelace");
  await addCustomer(page, list, "Grace", "Hopper");
  await addCustomer(page, list, "Alan", "Turing");

  // Select two customers and add them to a new static segment, from the keyboard.
  await page.goto(list);
  const table = page.getByRole("table", { name: "Customers" });
  await expect(table.getByRole("row")).toHaveCount(4);
  await table.getByLabel("Select Ada Lovelace").check();
  await table.getByLabel("Select Alan Turing").check();
  const bulk = page.getByRole("region", { name: "Bulk actions" });
  await expect(bulk).toContainText("2 selected");
  await bulk.getByRole("button", { name: "Add to static segment" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: "Add 2 customers to a static segment" })).toBeVisible();
  // There is no static segment yet, so naming a new one is offered, ready to type.
  await expect(dialog.getByRole("radio", { name: "An existing static segment" })).toBeDisabled();
  const name = dialog.getByLabel("Name of the new segment");
  await expect(name).toBeFocused();
  await page.keyboard.type("VIPs by hand");
  await page.keyboard.press("Enter");
  await expect(page.getByText("2 customers added to “VIPs by hand”")).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(bulk).toBeHidden();

  // The segment holds exactly those two, and has no rules.
  await page.getByRole("link", { name: "Segments" }).click();
  await page.getByRole("link", { name: "VIPs by hand" }).click();
  await expect(page.getByRole("heading", { name: "VIPs by hand", level: 1 })).toBeVisible();
  await expect(page.getByTestId("segment-size")).toHaveText("2");
  const members = page.getByRole("table", { name: "Segment members" });
  await expect(members.getByRole("row")).toHaveCount(3);
  await expect(members).toContainText("Ada Lovelace");
  await expect(members).toContainText("Alan Turing");
  await expect(members).not.toContainText("Grace Hopper");
  await expect(page.getByRole("heading", { name: "Rules" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Hand-picked members" })).toBeVisible();

  // Remove one, after confirming.
  await members.getByLabel("Select Alan Turing").check();
  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Remove from segment" }).click();
  const confirm = page.getByRole("dialog");
  await expect(confirm.getByRole("heading", { name: "Remove 1 customer from “VIPs by hand”?" })).toBeVisible();
  await confirm.getByRole("button", { name: "Remove 1 customer" }).click();
  await expect(page.getByText("1 customer removed from “VIPs by hand”")).toBeVisible();
  await expect(page.getByTestId("segment-size")).toHaveText("1");
  await expect(members.getByRole("row")).toHaveCount(2);
  await expect(members).toContainText("Ada Lovelace");
  await expect(members).not.toContainText("Alan Turing");

  // Adding to the existing list again counts only the newcomer.
  await page.goto(list);
  await table.getByLabel("Select Ada Lovelace").check();
  await table.getByLabel("Select Grace Hopper").check();
  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Add to static segment" }).click();
  const existing = dialog.getByLabel("Static segment", { exact: true });
  await expect(existing).toBeFocused();
  await expect(existing.locator("option:checked")).toHaveText("VIPs by hand (1 member)");
  await dialog.getByRole("button", { name: "Add 2 customers" }).click();
  await expect(page.getByText("1 customer added to “VIPs by hand” (1 already in it)")).toBeVisible();

  // The customers list filters by the static segment, and the audit log tells the story.
  await page.goto(`${list}?segment=${await segmentIdByName(page, slug, "VIPs by hand")}`);
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table).toContainText("Ada Lovelace");
  await expect(table).toContainText("Grace Hopper");
  await page.goto(`/w/${slug}/settings`);
  const audit = page.getByRole("table", { name: "Audit log" });
  await expect(audit).toContainText("created the static segment “VIPs by hand”");
  await expect(audit).toContainText("added 2 customers to the static segment “VIPs by hand”");
  await expect(audit).toContainText("removed 1 customer from the static segment “VIPs by hand”");
});

async function segmentIdByName(page: Page, slug: string, name: string): Promise<string> {
  await page.goto(`/w/${slug}/segments`);
  const href = await page.getByRole("link", { name }).getAttribute("href");
  return href?.split("/").pop() ?? "";
}
