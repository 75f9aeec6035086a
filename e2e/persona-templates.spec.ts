import { expect, test } from "@playwright/test";
import { newUserWithWorkspace } from "./helpers";

test("an empty gallery offers templates; one becomes an ordinary persona with rules", async ({ page }, testInfo) => {
  await newUserWithWorkspace(page, "Tina Template", `Templates ${Date.now().toString(36)}`);
  await page.getByRole("link", { name: "Personas", exact: true }).click();
  await expect(page.getByText("No personas yet")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Start from a template" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("persona-templates.png"), fullPage: true });
  await page.getByRole("button", { name: "Use the template Trail-ready Tara" }).click();
  await expect(page).toHaveURL(/\/personas\/c[a-z0-9]{20,}$/, { timeout: 30_000 });
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Trail-ready Tara");
  await expect(page.getByRole("region", { name: "Rules" }).getByText("Customers matching")).toBeVisible();

  // The negative tab offers the negative templates
  await page.goto(page.url().replace(/\/personas\/.*$/, "/personas?tab=negative"));
  await expect(page.getByRole("button", { name: "Use the template Bargain-only Ben" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Use the template Trail-ready Tara" })).toHaveCount(0);
});
