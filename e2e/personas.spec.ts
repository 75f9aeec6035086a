import sharp from "sharp";
import { expect, test, type Page } from "@playwright/test";
import { newContext, signInAsDemo } from "./helpers";

// Runs on the seeded demo workspace, whose 5,000 customers give the persona's rules something to count.
const stamp = Date.now().toString(36);

test.describe.configure({ timeout: 180_000 });

async function demo(page: Page) {
  await signInAsDemo(page);
  await expect(page).toHaveURL(/\/w\/demo$/, { timeout: 30_000 });
}

/** Waits past the autosave's debounce for "All changes saved". */
async function saved(page: Page) {
  await page.waitForTimeout(900);
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "saved", { timeout: 20_000 });
}

test("a persona: create, photo, rules with a live count, autosave, and a conflict between two editors", async ({ page, browser }, testInfo) => {
  await demo(page);
  await page.getByRole("link", { name: "Personas" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/personas/);

  // Create
  await page.getByRole("button", { name: "New persona" }).first().click();
  await page.getByRole("dialog").getByLabel("Name").fill(`Urban Uma ${stamp}`);
  await page.getByRole("button", { name: "Create persona" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/personas\/c[a-z0-9]{20,}$/);
  const cardUrl = page.url();
  await expect(page.getByText("Not grounded in data yet")).toBeVisible();

  // Photo: checked by content, re-encoded, served with its type and nosniff
  const png = await sharp({ create: { width: 900, height: 700, channels: 3, background: "#0ea5e9" } })
    .composite([{ input: Buffer.from('<svg width="900" height="700"><circle cx="450" cy="300" r="180" fill="#f8fafc"/></svg>') }])
    .png()
    .toBuffer();
  await page.getByLabel("Upload photo").setInputFiles({ name: "uma.png", mimeType: "image/png", buffer: png });
  const photo = page.getByRole("img", { name: `Photo of Urban Uma ${stamp}` });
  await expect(photo).toBeVisible();
  const served = await page.request.get(new URL((await photo.getAttribute("src"))!, cardUrl).toString());
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("image/webp");
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  // A text file named like an image is refused.
  await page.getByLabel("Upload photo").setInputFiles({ name: "evil.png", mimeType: "image/png", buffer: Buffer.from("<script>alert(1)</script>") });
  await expect(page.getByText("That file is not a JPEG, PNG, WebP or GIF image.")).toBeVisible();

  // Rules → live matching count
  const rules = page.getByRole("region", { name: "Rules" });
  await rules.getByRole("button", { name: "Add rule" }).click();
  const rule = rules.getByTestId("rule").first();
  await rule.getByLabel("Field").selectOption("country");
  await rule.getByLabel("Operator").selectOption("eq");
  await rule.getByLabel("Value", { exact: true }).fill("US");
  // The live count of the unsaved rules …
  await expect(rules.getByTestId("rules-preview")).toContainText("customers would match", { timeout: 30_000 });
  const previewed = Number((await rules.getByTestId("rules-preview").textContent())!.split(" of ")[0]!.replace(/\D/g, ""));
  await rules.getByRole("button", { name: "Save rules" }).click();
  // … is the persona's matching count once saved.
  await expect(page.getByTestId("matching-count")).toBeVisible({ timeout: 30_000 });
  const matching = Number((await page.getByTestId("matching-count").textContent())!.replace(/\D/g, ""));
  expect(matching).toBeGreaterThan(0);
  expect(matching).toBeLessThan(5000);
  expect(matching).toBe(previewed);
  await expect(page.getByRole("img", { name: "Top countries: this persona vs all customers" })).toBeVisible();

  // Autosave: edit in place, reload, still there
  await page.getByLabel("Headline / role").fill("Runs a small design studio in Brooklyn");
  await page.getByLabel("Quote").fill("I pay for quality, not for noise.");
  await page.getByRole("group", { name: "Goals" }).getByRole("button", { name: "Add" }).click();
  await page.getByLabel("Goals 1", { exact: true }).fill("Grow the studio without burning out");
  await saved(page);
  await page.reload();
  await expect(page.getByLabel("Headline / role")).toHaveValue("Runs a small design studio in Brooklyn");
  await expect(page.getByLabel("Goals 1", { exact: true })).toHaveValue("Grow the studio without burning out");
  await expect(page.getByTestId("matching-count")).toHaveText(matching.toLocaleString("en-US"));

  // Two editors: the second one's save, based on a stale version, is refused and shown the other version
  const other = await newContext(browser);
  await signInAsDemo(other.page);
  await expect(other.page).toHaveURL(/\/w\/demo$/, { timeout: 30_000 });
  await other.page.goto(cardUrl);
  await expect(other.page.getByLabel("Headline / role")).toHaveValue("Runs a small design studio in Brooklyn");

  await page.getByLabel("Headline / role").fill("Founder of a design studio");
  await saved(page);

  await other.page.getByLabel("Quote").fill("Show me it lasts.");
  await other.page.waitForTimeout(900);
  const dialog = other.page.getByRole("dialog", { name: "Someone else changed this persona" });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await expect(dialog.getByTestId("conflict-theirs")).toHaveText("I pay for quality, not for noise.");
  await expect(dialog.getByTestId("conflict-mine")).toHaveText("Show me it lasts.");
  await expect(other.page.getByTestId("save-status")).toHaveAttribute("data-status", "conflict");
  await dialog.getByRole("button", { name: "Overwrite with mine" }).click();
  await expect(other.page.getByTestId("save-status")).toHaveAttribute("data-status", "saved", { timeout: 20_000 });
  await other.context.close();

  // Both edits are kept: theirs (headline) and the overwrite (quote)
  await page.reload();
  await expect(page.getByLabel("Headline / role")).toHaveValue("Founder of a design studio");
  await expect(page.getByLabel("Quote")).toHaveValue("Show me it lasts.");

  // Mark reviewed
  await page.getByRole("button", { name: "Mark reviewed" }).click();
  await expect(page.getByText(/In line with the review on/)).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: testInfo.outputPath("personas-card.png"), fullPage: true });

  // A negative persona, marked as such
  await page.goto("/w/demo/personas?tab=negative");
  await page.getByRole("button", { name: "New negative persona" }).first().click();
  await expect(page.getByRole("dialog").getByLabel("Negative persona")).toBeChecked();
  await page.getByRole("dialog").getByLabel("Name").fill(`Bargain Bart ${stamp}`);
  await page.getByRole("button", { name: "Create persona" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/personas\/c[a-z0-9]{20,}$/);
  await expect(page.getByTestId("negative-label")).toHaveText("Negative persona");

  // The gallery: the persona with its matching count; search and tabs
  await page.goto("/w/demo/personas");
  const card = page.getByTestId("persona-card").filter({ hasText: `Urban Uma ${stamp}` });
  await expect(card).toBeVisible();
  await expect(card.getByTestId("persona-matching")).toContainText(matching.toLocaleString("en-US"));
  await expect(page.getByTestId("persona-card").filter({ hasText: `Bargain Bart ${stamp}` })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("personas-gallery.png"), fullPage: true });
  await page.getByRole("link", { name: /Negative personas/ }).click();
  await expect(page.getByTestId("persona-card").filter({ hasText: `Bargain Bart ${stamp}` })).toBeVisible();
  await page.getByLabel("Search personas").fill("nobody-by-this-name");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No persona matches these filters")).toBeVisible();
});
