import { expect, test, type Page } from "@playwright/test";
import { signInAsDemo } from "./helpers";

test.describe.configure({ timeout: 240_000 });

async function openClusters(page: Page) {
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Insights", exact: true }).first().click();
  await expect(page).toHaveURL(/\/w\/demo\/insights$/);
  await page.getByRole("navigation", { name: "Insights" }).getByRole("link", { name: "Clusters", exact: true }).click();
  await expect(page).toHaveURL(/\/w\/demo\/insights\/clusters$/);
}

async function saveCluster(page: Page, cluster: number, item: RegExp) {
  await page.getByRole("button", { name: `Save cluster ${cluster}`, exact: true }).click();
  await page.getByRole("menuitem", { name: item }).click();
}

test("Insights → Clusters: run with defaults, choose k on the elbow, save a cluster as a segment and as a persona draft", async ({ page }) => {
  await signInAsDemo(page);
  await expect(page).toHaveURL(/\/w\/demo$/, { timeout: 30_000 });
  await openClusters(page);

  // Defaults: age, income, spend, orders and recency.
  for (const label of ["Age", "Income", "Spend", "Orders", "Days since last order"])
    await expect(page.getByRole("checkbox", { name: new RegExp(`^${label}`) })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /^Company size/ })).not.toBeChecked();

  // The demo ships with a completed run; a new one shows its progress, then its result.
  const elbow = page.getByRole("img", { name: /Elbow chart/ });
  await expect(elbow).toBeVisible();
  await page.getByRole("button", { name: "Run clustering" }).click();
  const progress = page.getByRole("progressbar", { name: "Clustering progress" });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveCount(0, { timeout: 120_000 });
  await expect(elbow).toBeVisible();

  // The best k is chosen; pick another from the chooser under the elbow.
  const best = page.getByRole("radio", { name: /best silhouette/ });
  await expect(best).toHaveAttribute("aria-checked", "true");
  const bestK = Number(/k = (\d+)/.exec((await best.getAttribute("aria-label")) ?? "")?.[1]);
  const otherK = bestK === 3 ? 4 : 3;
  await page.getByRole("radio", { name: new RegExp(`^k = ${otherK}\\b`) }).click();
  await expect(page.getByRole("heading", { name: `Cluster profiles (k = ${otherK})` })).toBeVisible();
  // The chosen k is in the URL: a reload shows the same clusters.
  await expect(page).toHaveURL(new RegExp(`/insights/clusters\\?k=${otherK}$`));
  await page.reload();
  await expect(page.getByRole("heading", { name: `Cluster profiles (k = ${otherK})` })).toBeVisible();
  await expect(page.getByRole("img", { name: new RegExp(`coloured by cluster, k = ${otherK}$`) })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Save cluster \d+$/ })).toHaveCount(otherK);
  await page.screenshot({ path: "test-results/insights-clusters.png", fullPage: true });

  // Cluster 1 as a static segment: the toast links to it.
  await saveCluster(page, 1, /As a static segment/);
  const segmentLink = page.getByRole("link", { name: /Open the segment \([\d,]+ customers\)/ });
  await expect(segmentLink).toBeVisible({ timeout: 30_000 });
  const size = /\(([\d,]+) customers\)/.exec(await segmentLink.innerText())?.[1];
  await segmentLink.click();
  await expect(page).toHaveURL(/\/w\/demo\/segments\/[^/]+$/);
  await expect(page.getByRole("heading", { name: /^Cluster: / })).toBeVisible();
  await expect(page.getByTestId("segment-size")).toHaveText(size ?? "");

  // Back on Clusters (the run is kept), cluster 2 as a persona draft.
  await page.goBack();
  await expect(page).toHaveURL(/\/w\/demo\/insights\/clusters(\?k=\d+)?$/);
  await expect(elbow).toBeVisible();
  // Cluster 1 as a rule-based segment: the toast gives the agreement.
  await saveCluster(page, 1, /As a rule-based segment/);
  await expect(page.getByText(/^The rules match \d+% of the cluster; \d+% of the customers they match are in it\.$/)).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: "test-results/insights-clusters-rules.png" });
  await saveCluster(page, 2, /As a persona draft/);
  const personaLink = page.getByRole("link", { name: "Open the persona" });
  await expect(personaLink).toBeVisible({ timeout: 30_000 });
  await personaLink.click();
  await expect(page).toHaveURL(/\/w\/demo\/personas\/c[a-z0-9]{20,}$/, { timeout: 30_000 });
  await expect(page.getByLabel("Section 1 title")).toHaveValue("How this draft was made");

  // Clean up: the persona draft, then every segment saved from a cluster, so the demo keeps its own
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete persona" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/personas/);
  for (let i = 0; i < 5; i++) {
    await page.goto("/w/demo/segments");
    const saved = page.getByRole("table", { name: "Segments" }).getByRole("link", { name: /^Cluster: / });
    if ((await saved.count()) === 0) break;
    await saved.first().click();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete segment" }).click();
    await expect(page).toHaveURL(/\/w\/demo\/segments$/);
  }
  await page.goto("/w/demo/segments");
  await expect(page.getByRole("table", { name: "Segments" }).getByRole("link", { name: /^Cluster: / })).toHaveCount(0);
});
