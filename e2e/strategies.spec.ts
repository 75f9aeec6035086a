import { expect, test } from "@playwright/test";
import { completeSignInAfterSignUp, newContext, PASSWORD, signInAsDemo, uniqueEmail } from "./helpers";

// Runs on the seeded demo workspace: six segments (two of them overlap on outdoor spenders) and two negative personas.
const stamp = Date.now().toString(36);
const count = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));

test.describe.configure({ timeout: 180_000 });

test("a differentiated strategy: segments, exclusions and holdout; deduplicated reach, scores, chart, ratings by two members, a stale save", async ({ page, browser }, testInfo) => {
  await signInAsDemo(page);
  await expect(page).toHaveURL(/\/w\/demo$/, { timeout: 30_000 });
  await page.getByRole("link", { name: "Strategies" }).click();
  await page.getByRole("link", { name: "New strategy" }).first().click();
  await expect(page).toHaveURL(/\/w\/demo\/strategies\/new$/);

  // Field errors from the server appear next to their fields
  await page.getByRole("button", { name: "Create strategy" }).click();
  await expect(page.getByText("Give the strategy a name.")).toBeVisible();
  await expect(page.getByText("A differentiated strategy needs at least two segments")).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill(`Outdoor spring ${stamp}`);
  await page.getByLabel("Goal").fill("Sell the spring range to outdoor customers.");
  await page.locator('input[type="radio"][value="DIFFERENTIATED"]').check();
  for (const name of ["Outdoor enthusiasts who spend", "Active outdoor spenders", "US champions and loyal customers"]) {
    const add = page.getByLabel("Add a segment");
    await add.selectOption((await add.locator("option", { hasText: name }).getAttribute("value")) ?? "");
    await page.getByRole("button", { name: "Add segment", exact: true }).click();
  }
  await expect(page.getByTestId("strategy-target")).toHaveCount(3);
  await page.getByTestId("strategy-target").first().getByLabel("Offer").fill("15% off tents");

  // Negative personas are excluded by default
  await expect(page.getByLabel("Exclude Bargain-only Ben")).toBeChecked();
  await expect(page.getByLabel("Exclude One-and-done Olga")).toBeChecked();
  await page.getByLabel("Hold out (% of the audience)").fill("10");

  // Weights must add up to 100, live
  await page.getByLabel("Attractiveness %").fill("50");
  await expect(page.getByTestId("weights-sum")).toContainText("110 %");
  await expect(page.getByRole("button", { name: "Create strategy" })).toBeDisabled();
  await page.getByLabel("Attractiveness %").fill("40");
  await page.getByRole("button", { name: "Create strategy" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/strategies\/c[a-z0-9]{20,}$/, { timeout: 30_000 });

  // The report: the audience is deduplicated, smaller than the summed sizes; 10 % held out
  const audience = count(await page.getByTestId("reach-audience-raw").textContent());
  const sum = count(await page.getByTestId("reach-sum-of-sizes").textContent());
  expect(audience).toBeGreaterThan(0);
  expect(audience).toBeLessThan(sum);
  const heldOut = count(await page.getByTestId("reach-held-out").textContent());
  expect(heldOut).toBeGreaterThan(audience * 0.05);
  expect(heldOut).toBeLessThan(audience * 0.15);
  expect(count(await page.getByTestId("reach-contacted").textContent())).toBe(audience - heldOut);
  await expect(page.getByRole("table", { name: "Exclusions" })).toContainText("Bargain-only Ben");

  const scores = page.getByRole("table", { name: "Ranked segment scores" });
  // Header + the demo's segments (other specs may have added more; at most 12 candidates are scored).
  await expect(scores.getByRole("row").nth(6)).toBeVisible();
  expect(await scores.getByRole("row").count()).toBeLessThanOrEqual(13);
  await expect(page.getByRole("img", { name: /Candidate segments by attractiveness/ })).toBeVisible();

  // Rate a segment: the team rating shows it
  await page.getByLabel("Your rating of Lapsed buyers").selectOption("4");
  await expect(page.getByText("Rating saved")).toBeVisible();
  await expect(scores.getByRole("row", { name: /Lapsed buyers/ })).toContainText("4.0");

  const strategyUrl = page.url();

  // A second tab saves first: the first tab's save is refused with a way to reload
  const other = await page.context().newPage();
  await other.goto(strategyUrl);
  await other.getByLabel("Goal").fill("Sell the spring range to outdoor customers, tents first.");
  await other.getByRole("button", { name: "Save strategy" }).click();
  await expect(other.getByText("Strategy saved")).toBeVisible();
  await other.close();
  await page.getByLabel("Hold out (% of the audience)").fill("12");
  await page.getByRole("button", { name: "Save strategy" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Someone else saved this strategy" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Reload the latest version" })).toBeVisible();

  // A viewer reads the strategy (form read-only) and rates: the team's spread shows the disagreement
  const viewerEmail = uniqueEmail("vera");
  await page.goto("/w/demo/settings");
  await page.getByLabel("E-mail").fill(viewerEmail);
  await page.getByLabel("Role").selectOption("VIEWER");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const invitePath = new URL(await page.getByTestId("invite-link").inputValue()).pathname;
  const viewer = await newContext(browser);
  await viewer.page.goto(invitePath);
  await viewer.page.getByRole("link", { name: "Create an account" }).click();
  await viewer.page.getByLabel("Your name").fill("Vera Viewer");
  await viewer.page.getByLabel("Password").fill(PASSWORD);
  await viewer.page.getByRole("button", { name: "Create account" }).click();
  await completeSignInAfterSignUp(viewer.page);
  await viewer.page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(viewer.page).toHaveURL(/\/w\/demo$/);
  await viewer.page.goto(strategyUrl);
  await expect(viewer.page.getByLabel("Name", { exact: true })).toBeDisabled();
  await expect(viewer.page.getByRole("button", { name: "Save strategy" })).toHaveCount(0);
  await expect(viewer.page.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await viewer.page.getByLabel("Your rating of Lapsed buyers").selectOption("1");
  await expect(viewer.page.getByText("Rating saved")).toBeVisible();
  const viewerScores = viewer.page.getByRole("table", { name: "Ranked segment scores" });
  await expect(viewerScores.getByRole("row", { name: /Lapsed buyers/ })).toContainText("2.5 ± 3");
  await expect(viewerScores.getByRole("row", { name: /Lapsed buyers/ })).toContainText("the team disagrees");
  await viewer.context.close();

  await page.goto(strategyUrl);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.screenshot({ path: testInfo.outputPath("strategy.png"), fullPage: true });

  // The list shows it
  await page.getByRole("link", { name: "Strategies" }).click();
  await expect(page.getByRole("table", { name: "Strategies" })).toContainText(`Outdoor spring ${stamp}`);
  await page.screenshot({ path: testInfo.outputPath("strategies-list.png") });
});

test("the demo strategy's audience exports as CSV without its holdout, and compares with an undifferentiated one", async ({ page }) => {
  await signInAsDemo(page);
  await expect(page).toHaveURL(/\/w\/demo$/, { timeout: 30_000 });
  await page.goto("/w/demo/strategies");
  await page.getByRole("table", { name: "Strategies" }).getByRole("link", { name: "Spring outdoor push" }).click();
  const audience = count(await page.getByTestId("reach-audience-raw").textContent());
  const contacted = count(await page.getByTestId("reach-contacted").textContent());
  const heldOut = count(await page.getByTestId("reach-held-out").textContent());
  expect(heldOut).toBeGreaterThan(0);
  expect(contacted).toBe(audience - heldOut);

  // The file a channel gets: one row per contacted customer, each assigned to a chosen segment
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export audience (CSV)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^audience-spring-outdoor-push-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = (await import("node:fs")).readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const lines = text.trim().split(/\r\n/);
  expect(lines[0]).toBe("external_id,first_name,last_name,email,assigned_segment,message,offer,channel,holdout");
  expect(lines).toHaveLength(contacted + 1);
  const ids = lines.slice(1).map((l) => l.split(",")[0]);
  expect(new Set(ids).size).toBe(contacted);
  expect(lines.slice(1).every((l) => l.endsWith(",false"))).toBe(true);
  expect(lines.slice(1).some((l) => l.includes("US champions and loyal customers"))).toBe(true);

  // With ?holdout=1 the control group is in, flagged
  const withHoldout = (await (await page.request.get(`${page.url()}/export?holdout=1`)).text()).trim().split(/\r\n/);
  expect(withHoldout).toHaveLength(audience + 1);
  expect(withHoldout.filter((l) => l.endsWith(",true"))).toHaveLength(heldOut);

  // A second strategy: one offer for everyone
  await page.goto("/w/demo/strategies/new");
  await page.getByLabel("Name", { exact: true }).fill(`Everyone ${stamp}`);
  await page.locator('input[type="radio"][value="UNDIFFERENTIATED"]').check();
  await page.getByRole("button", { name: "Create strategy" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/strategies\/c[a-z0-9]{20,}$/, { timeout: 30_000 });
  const everyone = count(await page.getByTestId("reach-audience-raw").textContent());
  expect(everyone).toBeGreaterThan(audience);

  // Compare: both audiences side by side, and how many customers they share
  await page.getByRole("link", { name: "Compare", exact: true }).click();
  await expect(page).toHaveURL(/\/strategies\/compare\?a=/);
  await page.getByLabel("Strategy B").selectOption({ label: (await page.getByLabel("Strategy B").locator("option", { hasText: "Spring outdoor push" }).textContent()) ?? "" });
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  await expect(page.getByTestId("compare-audience-a")).toBeVisible();
  expect(count(await page.getByTestId("compare-audience-a").textContent())).toBe(everyone);
  expect(count(await page.getByTestId("compare-audience-b").textContent())).toBe(audience);
  // The demo strategy's audience is inside "everyone" (both leave out the same negative personas)
  await expect(page.getByText(new RegExp(`${audience.toLocaleString("en-US")} customers are in both audiences`))).toBeVisible();

  // The list: status tabs count it as a draft
  await page.goto("/w/demo/strategies?status=DRAFT");
  await expect(page.getByRole("link", { name: /Drafts/ })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("table", { name: "Strategies" })).toContainText(`Everyone ${stamp}`);
  await page.goto("/w/demo/strategies?status=ARCHIVED");
  await expect(page.getByText("No strategies here")).toBeVisible();
});
