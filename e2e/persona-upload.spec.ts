import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { newUserWithWorkspace } from "./helpers";

// Each run signs a new user up with a workspace of their own, so the gallery holds only what this spec imports.
test.describe.configure({ timeout: 180_000 });

const fixture = (name: string) => path.resolve("e2e/fixtures", name);

async function upload(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByRole("button", { name: "Upload personas" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Persona file").setInputFiles(file);
  await expect(dialog.getByTestId("upload-preview")).toBeVisible({ timeout: 30_000 });
  return dialog;
}

test("upload personas from JSON, CSV and Markdown with a preview; a broken file shows its errors; export JSON round-trips", async ({ page }, testInfo) => {
  const { slug } = await newUserWithWorkspace(page, "Upla Oder", "Upload Co");
  await page.goto(`/w/${slug}/personas`);
  await expect(page.getByRole("heading", { name: "No personas yet" })).toBeVisible();

  // A broken file: its problems by line and field, and nothing to import.
  let dialog = await upload(page, fixture("broken.csv"));
  await expect(dialog.getByText("2 problems to fix in the file — nothing will be imported.")).toBeVisible();
  await expect(dialog.getByTestId("upload-persona").first()).toContainText('Negative persona: Write yes or no (got "maybe").');
  await expect(dialog.getByTestId("upload-persona").nth(1)).toContainText("Name: Give the persona a name.");
  await expect(dialog.getByTestId("upload-persona").nth(1)).toContainText("line 3");
  await expect(dialog.getByRole("button", { name: /^Import/ })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("upload-errors.png") });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { name: "No personas yet" })).toBeVisible();

  // JSON (our format): a photo and rules.
  dialog = await upload(page, fixture("personas.json"));
  const jenny = dialog.getByTestId("upload-persona");
  await expect(jenny).toContainText("Json Jenny");
  await expect(jenny).toContainText("Positive");
  await expect(jenny).toContainText("rules");
  await expect(jenny).toContainText("photo");
  await dialog.getByRole("button", { name: "Import 1 persona" }).click();
  await expect(page.getByText("Imported 1 persona from personas.json.")).toBeVisible();
  await expect(page.getByTestId("persona-card").filter({ hasText: "Json Jenny" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Photo of Json Jenny" })).toBeVisible();

  // CSV: one positive, one negative persona.
  dialog = await upload(page, fixture("personas.csv"));
  await expect(dialog.getByTestId("upload-persona")).toHaveCount(2);
  await expect(dialog.getByTestId("upload-persona").nth(1)).toContainText("Negative");
  await page.screenshot({ path: testInfo.outputPath("upload-preview.png") });
  await dialog.getByRole("button", { name: "Import 2 personas" }).click();
  await expect(page.getByText("Imported 2 personas from personas.csv.")).toBeVisible();
  await expect(page.getByTestId("persona-card").filter({ hasText: "Csv Carla" })).toBeVisible();

  // Markdown, then open the card it made.
  dialog = await upload(page, fixture("persona.md"));
  await expect(dialog.getByTestId("upload-persona")).toContainText("Markdown Mia");
  await dialog.getByRole("button", { name: "Import 1 persona" }).click();
  await expect(page.getByText("Imported 1 persona from persona.md.")).toBeVisible();
  await page.getByTestId("persona-card").filter({ hasText: "Markdown Mia" }).click();
  await expect(page.getByLabel("Age", { exact: true })).toHaveValue("45–54");
  await expect(page.getByLabel("Section 1 title")).toHaveValue("Weekend");

  // Export JSON, then import it back: every persona once more.
  await page.goto(`/w/${slug}/personas`);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export JSON" }).click();
  const exported = await download;
  const body = JSON.parse(await readFile(await exported.path(), "utf8")) as { format: string; personas: { name: string }[] };
  expect(body.format).toBe("segmently.personas");
  expect(body.personas.map((p) => p.name).sort()).toEqual(["Csv Carla", "Csv Coupon Carl", "Json Jenny", "Markdown Mia"]);
  dialog = await upload(page, { name: "export.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(body)) });
  await expect(dialog.getByTestId("upload-persona")).toHaveCount(4);
  await dialog.getByRole("button", { name: "Import 4 personas" }).click();
  await expect(page.getByText("Imported 4 personas from export.json.")).toBeVisible();
  await expect(page.getByTestId("persona-card").filter({ hasText: "Json Jenny" })).toHaveCount(2);
  await page.getByRole("link", { name: /Negative personas/ }).click();
  await expect(page.getByTestId("persona-card").filter({ hasText: "Csv Coupon Carl" })).toHaveCount(2);
});
