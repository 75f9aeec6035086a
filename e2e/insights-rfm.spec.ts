import { expect, test } from "@playwright/test";
import { signInAsDemo } from "./helpers";

test("Insights → RFM: the grid and named segments; Champions saved as a segment of the same size, then deleted", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsDemo(page);
  await expect(page).toHaveURL(/\/w\/demo$/, { timeout: 30_000 });
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Insights", exact: true }).first().click();
  await expect(page).toHaveURL(/\/w\/demo\/insights$/);
  await expect(page.getByRole("heading", { name: "Insights", exact: true })).toBeVisible();

  // The grid is drawn on its canvas.
  const grid = page.getByRole("img", { name: /RFM grid/ });
  await expect(grid).toBeVisible();
  await expect
    .poll(() =>
      grid.evaluate((canvas) => {
        const c = canvas as HTMLCanvasElement;
        const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
        let opaque = 0;
        for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) opaque++;
        return opaque;
      }),
    )
    .toBeGreaterThan(10_000);

  // Clicking a cell selects it (top right: the most recent and most frequent buyers).
  const box = await grid.boundingBox();
  if (!box) throw new Error("the grid has no box");
  await page.mouse.click(box.x + box.width * 0.9, box.y + box.height * 0.12);
  await expect(page.getByText("Recency 5 · Frequency 5", { exact: true })).toBeVisible();

  // Colour by revenue is a URL state.
  await page.getByRole("link", { name: "revenue", exact: true }).click();
  await expect(page).toHaveURL(/colour=revenue/);
  await expect(page.getByRole("img", { name: /coloured by revenue/ })).toBeVisible();

  // Eleven named segments; Champions has customers.
  const table = page.getByTestId("rfm-segments");
  await expect(table.locator("tbody tr")).toHaveCount(11);
  const countText = (await page.getByTestId("rfm-count-champions").innerText()).trim();
  const champions = Number(countText.replace(/,/g, ""));
  expect(champions).toBeGreaterThan(0);
  await page.screenshot({ path: "test-results/insights-rfm.png", fullPage: true });

  // Save Champions as a segment and open it: same size.
  await table.getByRole("button", { name: "Save Champions as a segment" }).click();
  const notice = page.getByText(/Saved “RFM: Champions( \(\d+\))?” with/);
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toContainText(`with ${countText} customers`);
  await notice.getByRole("link", { name: "Open segment" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/segments\/[^/]+$/);
  await expect(page.getByRole("heading", { name: /^RFM: Champions/ })).toBeVisible();
  await expect(page.getByTestId("segment-size")).toHaveText(countText);

  // Leave the demo as it was.
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete segment" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/segments$/);
});
