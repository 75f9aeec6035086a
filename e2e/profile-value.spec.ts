import { expect, test, type Locator, type Page } from "@playwright/test";
import { RFM_SEGMENT_LABELS, rfmSegment } from "../lib/analytics/rfm";
import { newUserWithWorkspace, signInAsDemo } from "./helpers";

const PANEL = "Value: RFM, CLV and lifecycle";
const STAGES = ["New", "Active", "At risk", "Churned"];

/** The figure under a label in the profile's order totals. */
function orderTotal(page: Page, label: string): Locator {
  return page.getByRole("region", { name: "Order totals" }).getByText(label, { exact: true }).locator("xpath=following-sibling::p[1]");
}

const money = (text: string) => Number(text.replace(/[$,\s]/g, ""));

test("a demo customer's value panel: scores 1–5, the RFM segment of those scores, and the profile's own order figures", async ({ page }) => {
  await signInAsDemo(page);
  await expect(page).toHaveURL(/\/w\/demo$/, { timeout: 30_000 });

  // Sorted by the stored lifecycle field, descending, the first customers are repeat buyers.
  await page.goto("/w/demo/customers?sort=lifecycleStage&dir=desc");
  const table = page.getByRole("table", { name: "Customers" });
  await expect(table.getByRole("row").nth(1)).toContainText("Repeat");
  await table.getByRole("row").nth(1).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/w\/demo\/customers\/\d+$/);
  // The whole timeline, so that its orders can be counted.
  await page.goto(`${page.url()}?timeline=500`);

  const panel = page.getByRole("region", { name: PANEL });
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId("value-empty")).toHaveCount(0);

  const scores: number[] = [];
  for (const dimension of ["recency", "frequency", "monetary"]) {
    const text = (await panel.getByTestId(`rfm-${dimension}`).textContent())?.trim() ?? "";
    expect(text, dimension).toMatch(/^[1-5]$/);
    scores.push(Number(text));
  }
  const [recency = 0, frequency = 0, monetary = 0] = scores;
  await expect(panel.getByTestId("rfm-segment")).toHaveText(RFM_SEGMENT_LABELS[rfmSegment({ recency, frequency, monetary })]);
  await expect(panel).toContainText(/Last order (today|\d+ days? ago) — more recent than \d+% of the [\d,]+ customers with orders\./);

  // Order figures: the same as the profile's order totals and its timeline.
  const orders = Number((await panel.getByTestId("value-orders").textContent())?.replace(/,/g, ""));
  expect(orders).toBeGreaterThanOrEqual(2);
  await expect(orderTotal(page, "Orders")).toHaveText(orders.toLocaleString("en-US"));
  await expect(page.getByRole("list", { name: "Timeline" }).locator('li[data-kind="order"]')).toHaveCount(orders);

  const total = (await panel.getByTestId("value-total").textContent())?.trim() ?? "";
  await expect(orderTotal(page, "Revenue")).toHaveText(total);
  await expect(panel.getByTestId("value-clv")).toHaveText(total);
  await expect(panel).toContainText("CLV = sum of all order amounts to date");
  const aov = money((await panel.getByTestId("value-aov").textContent()) ?? "");
  expect(Math.abs(aov - money(total) / orders)).toBeLessThanOrEqual(0.005 + 1e-9);
  expect(Math.abs(aov - money((await orderTotal(page, "Average order value").textContent()) ?? ""))).toBeLessThanOrEqual(0.01 + 1e-9);

  const lastOrder = (await panel.getByTestId("value-last-order").textContent())?.trim() ?? "";
  await expect(orderTotal(page, "Last order")).toHaveText(lastOrder);
  const firstOrder = (await panel.getByTestId("value-first-order").textContent())?.trim() ?? "";
  await expect(page.getByRole("region", { name: "Order totals" })).toContainText(`First order ${firstOrder}`);

  // The computed stage, and the stored field next to it (the demo data stores "repeat").
  const stage = (await panel.getByTestId("lifecycle-stage").textContent())?.trim() ?? "";
  expect(STAGES).toContain(stage);
  await expect(panel.getByTestId("lifecycle-stored")).toContainText("Stored lifecycle field: Repeat");
});

test("a customer without orders shows the empty state instead of zeros", async ({ page }) => {
  const { slug } = await newUserWithWorkspace(page, "Vera Value", "Value Co");
  await page.goto(`/w/${slug}/customers/new`);
  await page.getByLabel("First name").fill("Nora");
  await page.getByLabel("Last name").fill("Noorders");
  await page.getByLabel("External id").fill("NO-ORDERS-1");
  await page.getByRole("button", { name: "Add customer" }).click();
  await expect(page).toHaveURL(/\/customers\/\d+$/);
  await expect(page.getByRole("heading", { name: "Nora Noorders" })).toBeVisible();

  const panel = page.getByRole("region", { name: PANEL });
  await expect(panel.getByRole("heading", { name: "No orders yet: no RFM score" })).toBeVisible();
  for (const id of ["rfm-recency", "rfm-frequency", "rfm-monetary", "rfm-segment", "value-clv", "value-orders"]) {
    await expect(panel.getByTestId(id), id).toHaveCount(0);
  }
  await expect(panel).not.toContainText("$0");
  // Just added, no orders: the engine calls the customer new.
  await expect(panel.getByTestId("lifecycle-stage")).toHaveText("New");
  await expect(panel).toContainText("No orders yet; first seen (or added) within the last 30 days.");
  await expect(orderTotal(page, "Orders")).toHaveText("0");
});
