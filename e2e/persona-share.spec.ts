import { writeFileSync } from "node:fs";
import sharp from "sharp";
import { PDFParse } from "pdf-parse";
import { expect, test } from "@playwright/test";
import { signInAsDemo } from "./helpers";

// Runs on the seeded demo workspace (5,000 customers): the shared figures are real aggregates.
const stamp = Date.now().toString(36);

test.describe.configure({ timeout: 180_000 });

test("a persona shared read-only by link: logged-out view without customer data, PDF, print, revoke", async ({ page, browser }, testInfo) => {
  await signInAsDemo(page);
  await expect(page).toHaveURL(/\/w\/demo$/, { timeout: 30_000 });

  // Who the workspace's customers are, to prove none of them reaches the shared page.
  const exported = await page.request.get("/w/demo/customers/export?format=json");
  expect(exported.status()).toBe(200);
  const customers = (await exported.json()) as Record<string, unknown>[];
  const personal = new Set<string>();
  for (const c of customers.slice(0, 500))
    for (const [key, value] of Object.entries(c)) if (/email|name/i.test(key) && typeof value === "string" && value.length > 3) personal.add(value);
  expect(personal.size).toBeGreaterThan(100);

  // A persona grounded in the US customers
  await page.goto("/w/demo/personas");
  await page.getByRole("button", { name: "New persona" }).first().click();
  const name = `Shared Sasha ${stamp}`;
  await page.getByRole("dialog").getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create persona" }).click();
  await expect(page).toHaveURL(/\/w\/demo\/personas\/c[a-z0-9]{20,}$/);
  const cardUrl = page.url();
  await page.getByLabel("Headline / role").fill("Runs a small design studio in Brooklyn");
  await page.getByLabel("Quote").fill("I pay for quality, not for noise.");
  await page.getByLabel("Age", { exact: true }).fill("35–44");
  await page.getByLabel("Location", { exact: true }).fill("Brooklyn, New York");
  await page.getByLabel("Occupation", { exact: true }).fill("Studio founder");
  await page.getByLabel("Story", { exact: true }).fill(
    "Sasha runs a six-person design studio. She buys gear once, researches for weeks, and expects it to last a decade. She hates chasing support.",
  );
  for (const [list, items] of [
    ["Goals", ["Grow the studio without burning out", "Spend less time on admin"]],
    ["Pain points", ["Products that break after a season", "Pushy upsells"]],
    ["Motivations", ["Craft and durability"]],
  ] as const) {
    for (const [i, item] of items.entries()) {
      await page.getByRole("group", { name: list }).getByRole("button", { name: "Add" }).click();
      await page.getByLabel(`${list} ${i + 1}`, { exact: true }).fill(item);
    }
  }
  const png = await sharp({ create: { width: 600, height: 600, channels: 3, background: "#f59e0b" } })
    .composite([{ input: Buffer.from('<svg width="600" height="600"><circle cx="300" cy="240" r="120" fill="#fff7ed"/><rect x="130" y="390" width="340" height="260" rx="170" fill="#fff7ed"/></svg>') }])
    .png()
    .toBuffer();
  await page.getByLabel("Upload photo").setInputFiles({ name: "sasha.png", mimeType: "image/png", buffer: png });
  await expect(page.getByRole("img", { name: `Photo of ${name}` })).toBeVisible();
  const rules = page.getByRole("region", { name: "Rules" });
  await rules.getByRole("button", { name: "Add rule" }).click();
  const rule = rules.getByTestId("rule").first();
  await rule.getByLabel("Field").selectOption("country");
  await rule.getByLabel("Operator").selectOption("eq");
  await rule.getByLabel("Value", { exact: true }).fill("US");
  await page.waitForTimeout(900);
  await rules.getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByTestId("matching-count")).toBeVisible({ timeout: 30_000 });

  // Share: create a link (shown once)
  await page.getByRole("button", { name: /^Share/ }).click();
  const dialog = page.getByRole("dialog", { name: `Share “${name}”` });
  await expect(dialog.getByText("Not shared: no active links.")).toBeVisible();
  await dialog.getByLabel("Link expires").selectOption("30");
  await dialog.getByRole("button", { name: "Create link" }).click();
  const url = await dialog.getByTestId("share-url").inputValue();
  expect(url).toMatch(/\/share\/personas\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
  await expect(dialog.getByTestId("share-links")).toContainText("Expires");
  await page.screenshot({ path: testInfo.outputPath("share-dialog.png") });
  await dialog.getByRole("button", { name: "Done" }).click();
  const sharePath = new URL(url).pathname;

  // Logged out, in a fresh browser
  const visitor = await browser.newContext();
  const guest = await visitor.newPage();
  const response = await guest.goto(sharePath);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  await expect(guest.getByRole("heading", { name })).toBeVisible();
  await expect(guest.getByText("I pay for quality, not for noise.")).toBeVisible();
  await expect(guest.getByText("Grow the studio without burning out")).toBeVisible();
  const sharedPhoto = guest.getByRole("img", { name: `Photo of ${name}` });
  await expect(sharedPhoto).toBeVisible();
  const photoSrc = (await sharedPhoto.getAttribute("src"))!;
  expect(photoSrc.startsWith(`${sharePath}/photo`)).toBe(true);
  expect((await guest.request.get(photoSrc)).headers()["content-type"]).toBe("image/webp");
  await expect(guest.getByTestId("shared-matching")).toHaveText(/^\d[\d,]*$/);
  await expect(guest.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  const html = await guest.content();
  expect(html).not.toMatch(/[\w.+-]+@[\w-]+\.[a-z]{2,}/i);
  expect(html).not.toContain("/customers/");
  const leaked = [...personal].filter((p) => html.includes(p));
  expect(leaked).toEqual([]);
  await guest.screenshot({ path: testInfo.outputPath("share-page.png"), fullPage: true });

  // Print view: one clean page, no buttons
  await guest.setViewportSize({ width: 794, height: 1123 });
  await guest.emulateMedia({ media: "print" });
  await expect(guest.getByRole("button", { name: "Print" })).toBeHidden();
  await guest.screenshot({ path: testInfo.outputPath("share-print.png"), fullPage: true });
  const pdfOfPrint = await guest.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
  writeFileSync(testInfo.outputPath("share-print.pdf"), pdfOfPrint);
  const printed = new PDFParse({ data: new Uint8Array(pdfOfPrint) });
  expect((await printed.getInfo()).total).toBe(1);
  await printed.destroy();
  await guest.emulateMedia({ media: "screen" });
  await guest.setViewportSize({ width: 1366, height: 860 });

  // Download the PDF: one page of real text
  const downloadPromise = guest.waitForEvent("download");
  await guest.getByRole("link", { name: "Download PDF" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^shared-sasha-[a-z0-9]+-persona\.pdf$/);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  writeFileSync(testInfo.outputPath("share-card.pdf"), Buffer.concat(chunks));
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  const text = await parser.getText();
  await parser.destroy();
  expect(text.total).toBe(1);
  expect(text.text).toContain(name);
  expect(text.text).toContain("I pay for quality, not for noise.");

  // The members' PDF and the persona page's print view
  const memberPdf = await page.request.get(`${cardUrl}/pdf`);
  expect(memberPdf.status()).toBe(200);
  expect(memberPdf.headers()["content-type"]).toBe("application/pdf");
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: testInfo.outputPath("persona-print.png"), fullPage: true });
  await page.emulateMedia({ media: "screen" });

  // Revoke (with a confirmation): the link stops working, page and PDF alike
  await page.getByRole("button", { name: /^Share/ }).click();
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog", { name: "Revoke this share link?" }).getByRole("button", { name: "Revoke link" }).click();
  await expect(page.getByText("Link revoked: it no longer opens")).toBeVisible();
  const gone = await guest.goto(sharePath);
  expect(gone?.status()).toBe(404);
  await expect(guest.getByRole("heading", { name: "This link has expired or was revoked" })).toBeVisible();
  await expect(guest.getByText(name)).toHaveCount(0);
  expect((await guest.request.get(`${sharePath}/pdf`)).status()).toBe(404);
  expect((await guest.request.get(`${sharePath}/photo`)).status()).toBe(404);
  expect((await guest.goto("/share/personas/not-a-token"))?.status()).toBe(404);
  await visitor.close();
});
