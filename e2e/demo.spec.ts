import { expect, test } from "@playwright/test";
import { signInAsDemo } from "./helpers";

test("the seeded demo workspace opens on an overview with figures and a chart", async ({ page }) => {
  await signInAsDemo(page);
  await expect(page).toHaveURL(/\/w\/demo$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Acme Outdoor Co." })).toBeVisible();
  await expect(page.getByRole("main").getByText("Customers", { exact: true }).locator("..")).toContainText("5,000");
  const chart = page.getByRole("img", { name: /Monthly revenue and buying customers/ });
  await expect(chart).toBeVisible();
  // The canvas has been drawn on (a blank canvas would be all transparent pixels).
  const painted = await chart.evaluate((canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    let opaque = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) opaque++;
    return opaque;
  });
  expect(painted).toBeGreaterThan(1000);
  await expect(page.getByText("loaded the demo data")).toBeVisible();
});
