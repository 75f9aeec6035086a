import { expect, test, type Page } from "@playwright/test";
import { signInAsDemo } from "./helpers";

// Runs on the seeded demo workspace (5,000 customers with birth dates); nothing is saved.
test.describe.configure({ timeout: 120_000 });

async function liveSize(page: Page): Promise<number> {
  if (await page.getByText("Updating…").isVisible()) return -1;
  const text = await page.getByTestId("live-size").textContent({ timeout: 1000 }).catch(() => null);
  return text === null ? -1 : Number(text.replace(/\D/g, ""));
}

async function settledSize(page: Page): Promise<number> {
  await page.waitForTimeout(600);
  let n = -1;
  await expect.poll(async () => (n = await liveSize(page)), { timeout: 30_000 }).toBeGreaterThanOrEqual(0);
  return n;
}

test("a segment's rules read as a sentence; an Age rule counts customers in the builder", async ({ page }) => {
  await signInAsDemo(page);
  await expect(page).toHaveURL(/\/w\/demo$/, { timeout: 30_000 });
  await page.getByRole("link", { name: "Segments" }).click();
  await page.getByRole("link", { name: "US champions and loyal customers" }).click();

  const rules = page.getByTestId("rules-description");
  await expect(rules).toHaveText("Customers in RFM segment Champions or Loyal and whose country is United States");
  await page.screenshot({ path: test.info().outputPath("segment-rules.png"), fullPage: true });

  // A segment built from other segments links to them.
  await page.getByRole("link", { name: "Segments" }).click();
  await page.getByRole("link", { name: "Active outdoor spenders" }).click();
  await expect(rules).toContainText("in segment Outdoor enthusiasts who spend and not in segment Lapsed buyers");
  await expect(rules.getByRole("link", { name: "Lapsed buyers" })).toHaveAttribute("href", /\/w\/demo\/segments\/c[a-z0-9]+$/);

  await page.getByRole("link", { name: "Edit rules" }).click();
  await expect(page).toHaveURL(/\/segments\/c[a-z0-9]+\/edit$/);
  await expect(page.getByRole("group", { name: "Rules", exact: true })).toBeVisible();

  await page.goto("/w/demo/segments/new");
  expect(await settledSize(page)).toBe(5000);
  await page.getByRole("button", { name: "Add rule" }).click();
  const rule = page.getByTestId("rule").first();
  await rule.getByLabel("Field").selectOption("age");
  await rule.getByLabel("Operator").selectOption("between");
  await rule.getByLabel("Minimum").fill("25");
  await rule.getByLabel("Maximum").fill("34");
  const size = await settledSize(page);
  expect(size).toBeGreaterThan(0);
  expect(size).toBeLessThan(5000);
});
