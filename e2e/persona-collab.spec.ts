import { expect, test, type Page } from "@playwright/test";
import { completeSignInAfterSignUp, newContext, newUserWithWorkspace, PASSWORD, uniqueEmail } from "./helpers";

test.describe.configure({ timeout: 240_000 });

/** Waits past the autosave's debounce for "All changes saved". */
async function saved(page: Page) {
  await page.waitForTimeout(900);
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "saved", { timeout: 20_000 });
}

test("two members: history with restore, a comment with an @mention, and a copy to another workspace", async ({ browser }, testInfo) => {
  // Olga owns "Collab A" and invites Ben as an editor.
  const olga = await newContext(browser);
  const { slug } = await newUserWithWorkspace(olga.page, "Olga Owner", "Collab A");
  const benEmail = uniqueEmail("ben");
  await olga.page.goto(`/w/${slug}/settings`);
  await olga.page.getByLabel("E-mail").fill(benEmail);
  await olga.page.getByLabel("Role").selectOption("EDITOR");
  await olga.page.getByRole("button", { name: "Create invite link" }).click();
  const invitePath = new URL(await olga.page.getByTestId("invite-link").inputValue()).pathname;

  const ben = await newContext(browser);
  await ben.page.goto(invitePath);
  await ben.page.getByRole("link", { name: "Create an account" }).click();
  await ben.page.getByLabel("Your name").fill("Ben Editor");
  await ben.page.getByLabel("Password").fill(PASSWORD);
  await ben.page.getByRole("button", { name: "Create account" }).click();
  await completeSignInAfterSignUp(ben.page);
  await ben.page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(ben.page).toHaveURL(new RegExp(`/w/${slug}$`));

  // Olga also has a second workspace, "Collab B".
  await olga.page.goto("/workspaces/new");
  await olga.page.getByLabel("Workspace name").fill("Collab B");
  await olga.page.getByRole("button", { name: "Create workspace" }).click();
  await expect(olga.page).toHaveURL(/\/w\/[a-z0-9-]+$/);

  // Olga creates a persona and edits it (version 2); Ben edits it (version 3).
  await olga.page.goto(`/w/${slug}/personas`);
  await olga.page.getByRole("button", { name: "New persona" }).first().click();
  await olga.page.getByRole("dialog").getByLabel("Name").fill("Shared Sam");
  await olga.page.getByRole("button", { name: "Create persona" }).click();
  await expect(olga.page).toHaveURL(/\/personas\/c[a-z0-9]{20,}$/);
  const cardPath = new URL(olga.page.url()).pathname;
  await olga.page.getByLabel("Quote").fill("Keep it simple.");
  await saved(olga.page);

  await ben.page.goto(cardPath);
  await ben.page.getByLabel("Headline / role").fill("Ben's headline");
  await saved(ben.page);

  // History: three versions, who made them and what changed.
  await olga.page.reload();
  await olga.page.getByRole("button", { name: "History", exact: true }).click();
  const drawer = olga.page.getByRole("dialog", { name: "History" });
  const versions = drawer.getByRole("list", { name: "Versions" }).getByRole("button");
  await expect(versions).toHaveCount(3);
  await expect(versions.nth(0)).toContainText("Version 3");
  await expect(versions.nth(0)).toContainText("Ben Editor");
  await expect(versions.nth(0)).toContainText("Headline / role");
  await expect(versions.nth(1)).toContainText("Olga Owner");
  await expect(versions.nth(1)).toContainText("Quote");
  await expect(versions.nth(2)).toContainText("Created");
  await expect(drawer.getByTestId("revision-detail")).toContainText("Ben's headline");
  await olga.page.screenshot({ path: testInfo.outputPath("persona-history.png") });

  // Restore version 2 (before Ben's edit), after a confirmation; the page reloads with it.
  await versions.nth(1).click();
  await expect(drawer.getByTestId("revision-detail")).toContainText("Keep it simple.");
  await drawer.getByRole("button", { name: "Restore this version" }).click();
  await drawer.getByRole("button", { name: "Restore version 2" }).click();
  await expect(olga.page.getByText(/Version 4 · saved/)).toBeVisible({ timeout: 20_000 });
  await expect(olga.page.getByLabel("Headline / role")).toHaveValue("");
  await expect(olga.page.getByLabel("Quote")).toHaveValue("Keep it simple.");
  await olga.page.getByRole("button", { name: "History", exact: true }).click();
  await expect(versions.nth(0)).toContainText("Restored version 2");
  await olga.page.keyboard.press("Escape");

  // A comment mentioning Ben, picked from the suggestions with the keyboard.
  const comments = olga.page.getByRole("region", { name: "Comments" });
  const box = comments.getByRole("combobox", { name: "Comment", exact: true });
  await box.click();
  await box.pressSequentially("Can you check the quote, @Be");
  await expect(comments.getByRole("option", { name: /Ben Editor/ })).toBeVisible();
  await comments.screenshot({ path: testInfo.outputPath("persona-mention-suggestions.png") });
  await box.press("Enter");
  await expect(box).toHaveValue("Can you check the quote, @Ben Editor ");
  await box.pressSequentially("please?");
  await comments.getByRole("button", { name: "Comment", exact: true }).click();
  const first = comments.getByTestId("comment").first();
  await expect(first).toContainText("Can you check the quote,");
  await expect(first.getByTestId("mention")).toHaveText("@Ben Editor");
  await expect(first.getByTestId("mention")).toHaveClass(/bg-brand-50/);
  await first.scrollIntoViewIfNeeded();
  await olga.page.screenshot({ path: testInfo.outputPath("persona-comments.png"), fullPage: true });

  // Ben sees it, with his name highlighted.
  await ben.page.goto(cardPath);
  await expect(ben.page.getByTestId("comment").first().getByTestId("mention")).toHaveText("@Ben Editor");
  // Ben has no other workspace to copy into: the action is not offered.
  await expect(ben.page.getByRole("button", { name: "Copy to workspace…" })).toHaveCount(0);

  // Olga copies the persona to Collab B and opens it there.
  await olga.page.getByRole("button", { name: "Copy to workspace…" }).click();
  const copy = olga.page.getByRole("dialog", { name: /Copy “Shared Sam”/ });
  await expect(copy.getByRole("combobox")).toHaveValue(/.+/);
  await expect(copy.getByRole("option")).toHaveText(["Collab B"]);
  await copy.getByRole("button", { name: "Copy persona" }).click();
  const done = olga.page.getByRole("dialog", { name: "Persona copied" });
  await expect(done).toContainText("Collab B");
  await olga.page.screenshot({ path: testInfo.outputPath("persona-copied.png") });
  await done.getByRole("link", { name: "Open in Collab B" }).click();
  await expect(olga.page).toHaveURL(/\/w\/[a-z0-9-]+\/personas\/c[a-z0-9]{20,}$/);
  await expect(olga.page.getByLabel("Name", { exact: true })).toHaveValue("Shared Sam");
  await expect(olga.page.getByLabel("Quote")).toHaveValue("Keep it simple.");
  await expect(olga.page.getByTestId("current-workspace")).toHaveText("Collab B");

  await olga.context.close();
  await ben.context.close();
});
