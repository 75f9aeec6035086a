import { expect, test } from "@playwright/test";
import { newUserWithWorkspace, signInAsDemo } from "./helpers";

test("a new workspace's overview shows a checklist that ticks itself off", async ({ page }) => {
  const { slug } = await newUserWithWorkspace(page, "Starter", "Starter Co");
  const steps = page.getByRole("list", { name: "Setup steps" });
  await expect(page.getByRole("heading", { name: "Get started" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Setup progress" })).toHaveAttribute("aria-valuenow", "0");
  await expect(steps.getByRole("listitem")).toHaveCount(6);

  // The first step leads to the import page.
  await steps.getByRole("link", { name: "Start an import" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${slug}/customers/import$`));

  // Adding one customer by hand ticks the first step off.
  await page.goto(`/w/${slug}/customers/new`);
  await page.getByLabel("First name").fill("Cleo");
  await page.getByLabel("External id").fill("C-1");
  await page.getByRole("button", { name: "Add customer" }).click();
  await expect(page).toHaveURL(/\/customers\/\d+$/);
  await page.goto(`/w/${slug}`);
  await expect(page.getByRole("progressbar", { name: "Setup progress" })).toHaveAttribute("aria-valuenow", "1");
  await expect(steps.getByRole("listitem").first()).toHaveAttribute("data-done", "true");
  await expect(page.getByText("1 of 6 done")).toBeVisible();
  await page.screenshot({ path: "test-results/getting-started.png", fullPage: true });
});

test("the demo workspace has saved segments with a size history", async ({ page }) => {
  await signInAsDemo(page);
  await expect(page).toHaveURL(/\/w\/demo$/, { timeout: 30_000 });
  await page.goto("/w/demo/segments");
  await expect(page.getByRole("link", { name: "US champions and loyal customers" })).toBeVisible();
  await page.getByRole("link", { name: "Active outdoor spenders" }).click();
  await expect(page.getByRole("img", { name: "Segment size over time" })).toBeVisible();
});
