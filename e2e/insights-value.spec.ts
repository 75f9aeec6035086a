import { expect, test, type Locator } from "@playwright/test";
import { signInAsDemo } from "./helpers";

/** Non-transparent pixels on a chart's canvas (it has been drawn). */
const painted = (canvas: Locator) =>
  canvas.evaluate((node) => {
    const c = node as HTMLCanvasElement;
    const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    let opaque = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) opaque++;
    return opaque;
  });

test("Insights → Lifetime value: fitted model, refit with progress, charts and parameters; the model check and a bad date", async ({ page }) => {
  test.setTimeout(150_000);
  await signInAsDemo(page);
  await expect(page).toHaveURL(/\/w\/demo$/, { timeout: 30_000 });
  await page.goto("/w/demo/insights");
  await page.getByRole("navigation", { name: "Insights" }).getByRole("link", { name: "Lifetime value", exact: true }).click();
  await expect(page).toHaveURL(/\/w\/demo\/insights\/value$/);

  // The demo is fitted when it is seeded; fit it here if not, then refit and follow the job.
  const fit = page.getByRole("button", { name: /^(Fit model|Refit model)$/ });
  await expect(fit).toBeVisible();
  await fit.click();
  await expect(page.getByRole("button", { name: /Waiting to fit…|Fitting the model…/ })).toBeVisible();
  await expect(page.getByText("The lifetime-value model is fitted")).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole("button", { name: "Refit model", exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Fitted", { exact: true })).toBeVisible();

  // Key figures, parameters in plain words, the two histograms.
  const figures = page.getByRole("definition").first();
  await expect(figures).toContainText("$");
  const parameters = page.getByTestId("clv-parameters");
  for (const name of ["r", "α", "a", "b", "p", "q", "v"]) await expect(parameters.getByRole("cell", { name, exact: true })).toBeVisible();
  await expect(parameters).toContainText(/times a year/);
  await expect(parameters).toContainText(/stop buying for good/);
  const valueChart = page.getByRole("img", { name: /Histogram of predicted customer value/ });
  await expect.poll(() => painted(valueChart)).toBeGreaterThan(2_000);
  await expect.poll(() => painted(page.getByRole("img", { name: /probability that each customer is still active/ }))).toBeGreaterThan(2_000);
  await page.screenshot({ path: "test-results/insights-value.png", fullPage: true });

  // The model check: default calibration end, predicted vs actual, error figures.
  await page.getByRole("link", { name: "Check the model" }).click();
  await expect(page).toHaveURL(/\/insights\/value\/check$/);
  await expect(page.getByRole("heading", { name: "Model check" })).toBeVisible();
  const checkChart = page.getByRole("img", { name: /Predicted and actual repeat purchases in the hold-out/ });
  await expect.poll(() => painted(checkChart), { timeout: 30_000 }).toBeGreaterThan(2_000);
  const errors = page.locator('dl[aria-label="Error figures"]');
  await expect(errors).toContainText("Mean absolute error");
  await expect(errors).toContainText(/Total error[\s\S]*[+-]?\d+\.\d%/);
  await expect(page.getByTestId("clv-check-table").locator("tbody tr")).toHaveCount(8);
  await expect(page.getByTestId("clv-check-params")).toContainText(/r = .* α = .* a = .* b = /);
  await page.screenshot({ path: "test-results/insights-value-check.png", fullPage: true });

  // A date too late leaves no hold-out: a clear message, no chart.
  await page.getByLabel("Calibration end", { exact: true }).fill("2099-01-01");
  await page.getByRole("button", { name: "Run the check" }).click();
  await expect(page).toHaveURL(/end=2099-01-01/);
  await expect(page.getByRole("alert").filter({ hasText: /Pick a date/ })).toContainText(/Pick a date on or before \d{4}-\d{2}-\d{2}: at least four weeks must be left/);
  await expect(checkChart).toHaveCount(0);

  // Not a date at all.
  await page.goto("/w/demo/insights/value/check?end=yesterday");
  await expect(page.getByRole("alert").filter({ hasText: "YYYY-MM-DD" })).toContainText("Write the date as YYYY-MM-DD.");

  // A segment shows its members' average predicted value; a member's profile their prediction.
  await page.goto("/w/demo/segments");
  await page.getByRole("link", { name: "Lapsed buyers" }).first().click();
  await expect(page.getByTestId("segment-predicted-clv")).toContainText("$");
  await page.locator('table a[href^="/w/demo/customers/"]').first().click();
  await expect(page).toHaveURL(/\/customers\/\d+$/);
  const prediction = page.getByTestId("customer-prediction");
  await expect(prediction).toContainText("Next 12 months (predicted)");
  await expect(page.getByTestId("prediction-alive")).toHaveText(/^\d{1,3}%$/);
  await page.screenshot({ path: "test-results/insights-value-profile.png", fullPage: true });

  // A persona card shows the average predicted value of its matching customers.
  await page.goto("/w/demo/personas");
  await page.getByRole("link", { name: /Loyal Luis/ }).first().click();
  await expect(page.getByTestId("avg-predicted-clv")).toContainText(/\$\d/);
});
