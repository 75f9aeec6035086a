import { expect, test, type Page } from "@playwright/test";
import { signInAsDemo } from "./helpers";

// Runs on the seeded demo workspace: its segments have members with ages, incomes and countries.
test.describe.configure({ timeout: 180_000 });

async function expectDrafted(page: Page) {
  await expect(page).toHaveURL(/\/w\/demo\/personas\/c[a-z0-9]{20,}$/, { timeout: 30_000 });
  await expect(page.getByText(/Persona drafted: \d+ fields filled from the segment/)).toBeVisible();
  await expect(page.getByLabel("Age", { exact: true })).toHaveValue(/^(\d+–\d+|Under 15|65 and over)$/);
  await expect(page.getByLabel("Location", { exact: true })).toHaveValue(/^[A-Z][a-z]+(?: [A-Z][a-z]+)*(?:, [A-Z][a-z]+(?: [A-Z][a-z]+)*)*$/);
  await expect(page.getByLabel("Section 1 title")).toHaveValue("How this draft was made");
  await expect(page.getByLabel("Section 1 text")).toHaveValue(/Age range (\d+–\d+|Under 15|65 and over): \d+% of members/);
}

async function deletePersona(page: Page) {
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete persona" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/personas/);
}

test("draft a persona from a segment, on the segment's page and from the gallery", async ({ page }) => {
  await signInAsDemo(page);
  await expect(page).toHaveURL(/\/w\/demo$/, { timeout: 30_000 });

  // From the segment's page
  await page.getByRole("link", { name: "Segments" }).click();
  await page.getByRole("link", { name: "Outdoor enthusiasts who spend" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/segments\/c[a-z0-9]{20,}$/);
  await page.getByRole("button", { name: "New persona from this segment" }).click();
  await expectDrafted(page);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Outdoor enthusiasts who spend persona");
  await deletePersona(page);

  // From the gallery
  await page.goto("/w/demo/personas");
  await page.getByRole("button", { name: "Draft from a segment" }).click();
  // Each segment shows its last measured size; an empty one cannot be chosen
  const choice = page.getByRole("dialog").getByLabel("Segment");
  const lapsed = choice.locator("option", { hasText: /^Lapsed buyers \([\d,]+\)$/ });
  await expect(lapsed).toHaveCount(1);
  await choice.selectOption((await lapsed.getAttribute("value")) ?? "");
  await page.getByRole("dialog").getByRole("button", { name: "Draft persona" }).click();
  await expectDrafted(page);
  await deletePersona(page);
});
