import { expect, test } from "@playwright/test";
import { PASSWORD, signIn, signUp, uniqueEmail } from "./helpers";

test("sign up, create a workspace, sign out, sign back in", async ({ page }) => {
  const email = uniqueEmail("ava");
  await signUp(page, { name: "Ava Analyst", email });
  await expect(page).toHaveURL(/\/workspaces$/);
  await expect(page.getByRole("heading", { name: /Welcome, Ava Analyst/ })).toBeVisible();

  await page.getByLabel("Workspace name").fill("Northwind Growth");
  await expect(page.getByLabel("Address")).toHaveValue("northwind-growth");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/northwind-growth/);
  await expect(page.getByRole("heading", { name: "Northwind Growth" })).toBeVisible();
  await expect(page.getByText("No orders yet")).toBeVisible();

  await page.getByRole("button", { name: "Account" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/w/northwind-growth");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);

  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/w\/northwind-growth$/);
});

test("clear messages for a wrong password, a taken e-mail and bad input", async ({ page }) => {
  const email = uniqueEmail("ben");
  await signUp(page, { name: "Ben", email });
  await expect(page).toHaveURL(/\/workspaces$/);
  await page.context().clearCookies();

  await signIn(page, email, "not-the-password");
  await expect(page.getByText("The e-mail or password is incorrect.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);

  await signUp(page, { name: "Ben again", email });
  await expect(page.getByText("An account with this e-mail already exists. Sign in instead.")).toBeVisible();

  await signUp(page, { name: "Short", email: "not-an-email", password: "short" });
  await expect(page.getByText("Enter a valid e-mail address, like name@company.com.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
});

test("duplicate workspace address and overlong names are refused with a message", async ({ page }) => {
  await signUp(page, { name: "Cleo", email: uniqueEmail("cleo") });
  await expect(page).toHaveURL(/\/workspaces$/);
  await page.getByLabel("Workspace name").fill("Duplicate Co");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/duplicate-co$/);

  await page.goto("/workspaces/new");
  await page.getByLabel("Workspace name").fill("A".repeat(61));
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByText("Use at most 60 characters.")).toBeVisible();

  await page.getByLabel("Workspace name").fill("Another one");
  await page.getByLabel("Address").fill("duplicate-co");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByText("That address is already taken. Try another one.")).toBeVisible();
  await expect(page).toHaveURL(/\/workspaces\/new$/);
});
