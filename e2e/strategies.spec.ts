import { expect, test } from "@playwright/test";
import { signInAsDemo } from "./helpers";

// Runs on the seeded demo workspace: six segments (two of them overlap on outdoor spenders) and two negative personas.
const stamp = Date.now().toString(36);
const count = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));

test.describe.configure({ timeout: 180_000 });

test("a differentiated strategy: segments, exclusions and holdout; deduplicated reach, scores, chart and a rating", async ({ page }, testInfo) => {
  await signInAsDemo(page);
  await expect(page).toHaveURL(/\/w\/demo$/, { timeout: 30_000 });
  await page.getByRole("link", { name: "Strategies" }).click();
  await page.getByRole("link", { name: "New strategy" }).first().click();
  await expect(page).toHaveURL(/\/w\/demo\/strategies\/new$/);

  await page.getByLabel("Name", { exact: true }).fill(`Outdoor spring ${stamp}`);
  await page.getByLabel("Goal").fill("Sell the spring range to outdoor customers.");
  await page.locator('input[type="radio"][value="DIFFERENTIATED"]').check();
  for (const name of ["Outdoor enthusiasts who spend", "Active outdoor spenders", "US champions and loyal customers"]) {
    const add = page.getByLabel("Add a segment");
    await add.selectOption((await add.locator("option", { hasText: name }).getAttribute("value")) ?? "");
    await page.getByRole("button", { name: "Add segment", exact: true }).click();
  }
  await expect(page.getByTestId("strategy-target")).toHaveCount(3);
  await page.getByTestId("strategy-target").first().getByLabel("Offer").fill("15% off tents");

  // Negative personas are excluded by default
  await expect(page.getByLabel("Exclude Bargain-only Ben")).toBeChecked();
  await expect(page.getByLabel("Exclude One-and-done Olga")).toBeChecked();
  await page.getByLabel("Hold out (% of the audience)").fill("10");

  // Weights must add up to 100, live
  await page.getByLabel("Attractiveness %").fill("50");
  await expect(page.getByTestId("weights-sum")).toContainText("110 %");
  await expect(page.getByRole("button", { name: "Create strategy" })).toBeDisabled();
  await page.getByLabel("Attractiveness %").fill("40");
  await page.getByRole("button", { name: "Create strategy" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/strategies\/c[a-z0-9]{20,}$/, { timeout: 30_000 });

  // The report: the audience is deduplicated, smaller than the summed sizes; 10 % held out
  const audience = count(await page.getByTestId("reach-audience-raw").textContent());
  const sum = count(await page.getByTestId("reach-sum-of-sizes").textContent());
  expect(audience).toBeGreaterThan(0);
  expect(audience).toBeLessThan(sum);
  const heldOut = count(await page.getByTestId("reach-held-out").textContent());
  expect(heldOut).toBeGreaterThan(audience * 0.05);
  expect(heldOut).toBeLessThan(audience * 0.15);
  expect(count(await page.getByTestId("reach-contacted").textContent())).toBe(audience - heldOut);
  await expect(page.getByRole("table", { name: "Exclusions" })).toContainText("Bargain-only Ben");

  const scores = page.getByRole("table", { name: "Ranked segment scores" });
  await expect(scores.getByRole("row")).toHaveCount(7); // header + six segments
  await expect(page.getByRole("img", { name: /Candidate segments by attractiveness/ })).toBeVisible();

  // Rate a segment: the team rating shows it
  await page.getByLabel("Your rating of Lapsed buyers").selectOption("4");
  await expect(page.getByText("Rating saved")).toBeVisible();
  await expect(scores.getByRole("row", { name: /Lapsed buyers/ })).toContainText("4.0");

  await page.setViewportSize({ width: 1400, height: 900 });
  await page.screenshot({ path: testInfo.outputPath("strategy.png"), fullPage: true });

  // The list shows it
  await page.getByRole("link", { name: "Strategies" }).click();
  await expect(page.getByRole("table", { name: "Strategies" })).toContainText(`Outdoor spring ${stamp}`);
});
