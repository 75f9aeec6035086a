import { expect, test, type Page } from "@playwright/test";
import { signInAsDemo } from "./helpers";

const SHOTS = "/work/shots/lifecycle";

const count = async (page: Page, testId: string) => Number((await page.getByTestId(testId).innerText()).trim().replace(/,/g, ""));

async function painted(page: Page, name: RegExp) {
  const canvas = page.getByRole("img", { name });
  await expect(canvas).toBeVisible();
  await expect
    .poll(() =>
      canvas.evaluate((el) => {
        const c = el as HTMLCanvasElement;
        const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
        let opaque = 0;
        for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) opaque++;
        return opaque;
      }),
    )
    .toBeGreaterThan(5_000);
}

test("Insights → Lifecycle: stages and flow, a period change, counts that open the same customers", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsDemo(page);
  await expect(page).toHaveURL(/\/w\/demo$/, { timeout: 30_000 });
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Insights", exact: true }).first().click();
  await expect(page).toHaveURL(/\/w\/demo\/insights$/);
  await page.getByRole("navigation", { name: "Insights" }).getByRole("link", { name: "Lifecycle", exact: true }).click();
  await expect(page).toHaveURL(/\/w\/demo\/insights\/lifecycle$/);

  // The funnel and the flow are drawn, with their tables.
  await expect(page.getByRole("heading", { name: "Customers by stage" })).toBeVisible();
  await painted(page, /^New: \d+/);
  await expect(page.getByRole("heading", { name: "Flow over the last 90 days" })).toBeVisible();
  await painted(page, /^Flow between lifecycle stages/);
  const stages = ["new", "reactivated", "active", "at_risk", "churned"];
  const counts = await Promise.all(stages.map((s) => count(page, `stage-count-${s}`)));
  const total = Number((await page.locator("dt", { hasText: /^Customers$/ }).locator("xpath=following-sibling::dd").innerText()).replace(/,/g, ""));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
  await page.waitForTimeout(1500); // let the charts finish their animation for the screenshot
  await page.screenshot({ path: `${SHOTS}/lifecycle-90.png`, fullPage: true });

  // Another period: the flow's title follows, and the stages today do not change.
  await page.getByRole("group", { name: "Period" }).getByRole("link", { name: "365 days", exact: true }).click();
  await expect(page).toHaveURL(/period=365/);
  await expect(page.getByRole("heading", { name: "Flow over the last 365 days" })).toBeVisible();
  expect(await count(page, "stage-count-active")).toBe(counts[2]);
  // Every row of the flow table adds up to the customers.
  const flowCells = page.locator('[data-testid^="flow-"]');
  const flowValues = await flowCells.allInnerTexts();
  expect(flowValues.reduce((s, v) => s + Number(v.replace(/,/g, "")), 0)).toBe(total);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${SHOTS}/lifecycle-365.png`, fullPage: true });

  // A stage count opens the customers list with exactly that many customers.
  const stage = stages.find((_, i) => counts[i]! > 0)!;
  const n = await count(page, `stage-count-${stage}`);
  await page.getByTestId(`stage-count-${stage}`).click();
  await expect(page).toHaveURL(new RegExp(`/w/demo/customers\\?stage=${stage}$`));
  await expect(page.getByTestId("lifecycle-filter")).toBeVisible();
  await expect(page.getByText(`${n.toLocaleString("en-US")} ${n === 1 ? "customer" : "customers"} match`, { exact: true })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/customers-filtered.png` });

  // A flow cell too.
  await page.goBack();
  await expect(page).toHaveURL(/period=365/);
  const cell = page.locator('[data-testid^="flow-"]').first();
  const cellCount = Number((await cell.innerText()).replace(/,/g, ""));
  await cell.click();
  await expect(page).toHaveURL(/stageFrom=[a-z_]+&stagePeriod=365/);
  await expect(page.getByText(`${cellCount.toLocaleString("en-US")} ${cellCount === 1 ? "customer" : "customers"} match`, { exact: true })).toBeVisible();
});

test("Settings: the owner sees the lifecycle thresholds and a clear error for an invalid set", async ({ page }) => {
  await signInAsDemo(page);
  await expect(page).toHaveURL(/\/w\/demo$/, { timeout: 30_000 });
  await page.goto("/w/demo/settings");
  const form = page.getByRole("form", { name: "Lifecycle thresholds" });
  await expect(form).toBeVisible();
  await expect(form.getByText("Days · default 90")).toBeVisible();
  await form.getByLabel("Active: last order within").fill("200");
  await form.getByRole("button", { name: "Save thresholds" }).click();
  await expect(form.getByText("Use more days than the active window.")).toBeVisible();
  await form.getByLabel("Active: last order within").fill("60");
  await form.getByLabel("New: first order within").fill("2.5");
  await form.getByRole("button", { name: "Save thresholds" }).click();
  await expect(form.getByText("Use whole days.")).toBeVisible();
  await form.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/settings-error.png` });
  // Nothing was saved: a reload shows the defaults again.
  await page.reload();
  await expect(page.getByRole("form", { name: "Lifecycle thresholds" }).getByLabel("Active: last order within")).toHaveValue("90");
});
