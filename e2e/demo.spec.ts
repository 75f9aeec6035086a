import { expect, test, type Page } from "@playwright/test";
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

test("every page of the demo workspace opens on real content, none on an empty state", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsDemo(page);
  await expect(page).toHaveURL(/\/w\/demo$/, { timeout: 30_000 });
  const pages: { path: string; content: (p: Page) => Promise<void> }[] = [
    { path: "/w/demo/customers", content: async (p) => expect(p.getByRole("table", { name: "Customers" }).getByRole("row").nth(10)).toBeVisible() },
    { path: "/w/demo/segments", content: async (p) => expect(p.getByRole("table", { name: "Segments" }).getByRole("row").nth(6)).toBeVisible() },
    { path: "/w/demo/personas", content: async (p) => expect(p.getByRole("list", { name: "Personas" }).getByRole("listitem").first()).toBeVisible() },
    { path: "/w/demo/strategies", content: async (p) => expect(p.getByRole("table", { name: "Strategies" })).toContainText("Spring outdoor push") },
    { path: "/w/demo/insights", content: async (p) => expect(p.getByText("Scored customers")).toBeVisible() },
    { path: "/w/demo/insights/value", content: async (p) => expect(p.getByText("Fitted parameters")).toBeVisible() },
    { path: "/w/demo/insights/lifecycle", content: async (p) => expect(p.getByText("Customers by stage")).toBeVisible() },
    { path: "/w/demo/insights/clusters", content: async (p) => expect(p.getByText(/Cluster profiles \(k = \d+\)/)).toBeVisible() },
  ];
  for (const { path, content } of pages) {
    await page.goto(path);
    await content(page);
    await expect(page.getByRole("heading", { name: /^(No .* yet|The model has not been fitted yet|Not enough customers)/ })).toHaveCount(0);
  }
});
