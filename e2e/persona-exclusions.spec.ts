import { expect, test, type Page } from "@playwright/test";
import { signInAsDemo } from "./helpers";

// Runs on the seeded demo workspace, which ships two negative personas with rules.
test.describe.configure({ timeout: 180_000 });

const num = async (page: Page, testId: string) => Number((await page.getByTestId(testId).innerText()).replace(/[^\d]/g, ""));

test("negative personas become exclusions: segment page, segments list and the builder", async ({ page }, testInfo) => {
  const stamp = Date.now().toString(36);
  await signInAsDemo(page);
  await expect(page).toHaveURL(/\/w\/demo$/, { timeout: 30_000 });

  // The segment page: size after exclusions = size − removed, one row per negative persona
  await page.goto("/w/demo/segments");
  await page.getByRole("link", { name: "Lapsed buyers" }).click();
  await expect(page.getByTestId("size-after-exclusions")).toBeVisible({ timeout: 30_000 });
  const size = await num(page, "segment-size");
  const after = await num(page, "size-after-exclusions");
  const removed = await num(page, "removed-by-exclusions");
  expect(removed).toBeGreaterThan(0);
  expect(after + removed).toBe(size);
  const table = page.getByRole("table", { name: "What each negative persona removes from this segment" });
  await expect(table.getByRole("link", { name: "Bargain-only Ben" })).toBeVisible();
  await expect(table.getByRole("link", { name: "One-and-done Olga" })).toBeVisible();
  const segmentUrl = page.url();

  // A new negative persona grounded in another segment removes more from this one
  await page.goto("/w/demo/personas?tab=negative");
  await page.getByRole("button", { name: "New negative persona" }).first().click();
  await page.getByRole("dialog").getByLabel("Name").fill(`High-value churners ${stamp}`);
  await page.getByRole("button", { name: "Create persona" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/personas\/c[a-z0-9]{20,}$/);
  const personaUrl = page.url();
  await expect(page.getByTestId("negative-fields")).toBeVisible();
  await page.getByRole("group", { name: "Why not a fit" }).getByRole("button", { name: "Add", exact: true }).click();
  await page.getByRole("textbox", { name: "Why not a fit 1", exact: true }).fill("Discount-only buyers");
  await page.getByLabel("Linked segment").selectOption({ label: "High-value customers at risk" });
  await page.getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByText("Rules saved — the evidence is up to date.")).toBeVisible({ timeout: 30_000 });

  await page.goto(segmentUrl);
  const row = table.getByRole("row").filter({ hasText: `High-value churners ${stamp}` });
  await expect(row).toBeVisible({ timeout: 30_000 });
  const afterWithNew = await num(page, "size-after-exclusions");
  expect(afterWithNew).toBeLessThanOrEqual(after);
  expect(afterWithNew + (await num(page, "removed-by-exclusions"))).toBe(size);
  await page.screenshot({ path: testInfo.outputPath("segment-after-exclusions.png"), fullPage: true });

  // The segments list: live sizes after exclusions, the segment's one the same as on its page
  await page.goto("/w/demo/segments");
  await page.getByRole("link", { name: "Show sizes after exclusions" }).click();
  await expect(page.getByTestId("exclusions-summary")).toContainText(/Leaving out 3 negative personas .* removes [\d,]+ of [\d,]+ customers\./, { timeout: 30_000 });
  const segmentId = segmentUrl.split("/").pop()!;
  await expect(page.getByTestId(`after-exclusions-${segmentId}`)).toContainText(afterWithNew.toLocaleString("en-US"));
  const summary = await page.getByTestId("exclusions-summary").innerText();
  const [, baseRemoved, baseTotal] = /removes ([\d,]+) of ([\d,]+) customers/.exec(summary)!.map((s) => s.replace(/,/g, ""));

  // The builder: "Exclude negative personas" writes the rules, and the live count agrees
  await page.getByRole("link", { name: "New segment" }).click();
  await page.getByRole("button", { name: "Exclude negative personas" }).click();
  await expect(page.getByText("Negative personas are excluded")).toBeVisible();
  await expect(page.getByTestId("live-size")).toHaveText((Number(baseTotal) - Number(baseRemoved)).toLocaleString("en-US"), { timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath("builder-exclusions.png"), fullPage: true });
  await page.getByRole("button", { name: "Stop excluding them" }).click();
  await expect(page.getByRole("button", { name: "Exclude negative personas" })).toBeVisible();

  // Clean up the persona so the demo keeps its two negative personas
  page.on("dialog", (d) => void d.accept());
  await page.goto(personaUrl);
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete persona" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/personas/);
});
