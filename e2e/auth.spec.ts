import { expect, test } from "@playwright/test";
import { newContext, newUserWithWorkspace, PASSWORD, signIn, signUp, uniqueEmail } from "./helpers";

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

test("clear messages for a wrong password and bad input; sign-up does not reveal a taken e-mail", async ({ page }) => {
  const email = uniqueEmail("ben");
  await signUp(page, { name: "Ben", email });
  await expect(page).toHaveURL(/\/workspaces$/);
  await page.context().clearCookies();

  await signIn(page, email, "not-the-password");
  await expect(page.getByText("The e-mail or password is incorrect.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);

  // Signing up again with a taken address looks exactly like signing up with a new one…
  const fresh = uniqueEmail("fresh");
  await signUp(page, { name: "Newcomer", email: fresh, password: "violet-kettle-harbour", submitOnly: true });
  await expect(page).toHaveURL(/\/sign-in\?/);
  const newcomerNotice = await page.getByRole("status").textContent();
  await signUp(page, { name: "Ben again", email, password: "another-long-passphrase", submitOnly: true });
  await expect(page).toHaveURL(/\/sign-in\?/);
  expect(await page.getByRole("status").textContent()).toBe(newcomerNotice);
  await expect(page.getByLabel("E-mail")).toHaveValue(email);
  // …and changes nothing: the other password does not open Ben's account, his own still does.
  await page.getByLabel("Password").fill("another-long-passphrase");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("The e-mail or password is incorrect.")).toBeVisible();
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/workspaces$/);
  await page.context().clearCookies();

  await signUp(page, { name: "Short", email: "not-an-email", password: "short", submitOnly: true });
  await expect(page.getByText("Enter a valid e-mail address, like name@company.com.")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();

  await signUp(page, { name: "Common", email: uniqueEmail("common"), password: "Password123!", submitOnly: true });
  await expect(page.getByText(/This password is too easy to guess\./)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up/);
});

test("a session cookie copied before sign-out no longer reads or exports anything after it", async ({ browser }) => {
  const { context, page } = await newContext(browser);
  const { slug } = await newUserWithWorkspace(page, "Sam Session", "Session Co");
  const exportUrl = `/w/${slug}/customers/export?format=csv`;
  expect((await page.request.get(exportUrl)).status()).toBe(200);
  const copied = await context.cookies();

  await page.getByRole("button", { name: "Account" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // Another browser holding the copied cookie.
  const thief = await newContext(browser);
  await thief.context.addCookies(copied);
  expect((await thief.page.request.get(exportUrl)).status()).toBe(401);
  await thief.page.goto(`/w/${slug}`);
  await expect(thief.page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await context.close();
  await thief.context.close();
});

test("the redirect after sign-in stays on this site, whatever callbackUrl says", async ({ page }) => {
  const email = uniqueEmail("rhea");
  await signUp(page, { name: "Rhea Redirect", email });
  await expect(page).toHaveURL(/\/workspaces$/);
  const origin = new URL(page.url()).origin;
  await page.context().clearCookies();

  for (const hostile of ["/%09/evil.example", "/%0d/evil.example", "/%5C%5Cevil.example", "//evil.example", "https://evil.example/"]) {
    const response = await page.goto(`/sign-in?callbackUrl=${hostile}`);
    expect(response?.status(), hostile).toBe(200);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/workspaces$/);
    expect(new URL(page.url()).origin, hostile).toBe(origin);
    await page.context().clearCookies();
  }
});

test("the credentials endpoint and the sign-in form share one limit", async ({ page }) => {
  const email = uniqueEmail("lena");
  await signUp(page, { name: "Lena Locked", email });
  await expect(page).toHaveURL(/\/workspaces$/);
  await page.context().clearCookies();

  // Wrong passwords posted straight to Auth.js' credentials callback, each claiming another address.
  for (let i = 0; i < 11; i++) {
    const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await page.request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password: `guess-number-${i}` },
      headers: { "X-Forwarded-For": `198.51.100.${i}` },
      maxRedirects: 0,
    });
  }
  // The form now waits too, even with the right password.
  await signIn(page, email, PASSWORD);
  await expect(page.getByRole("main").getByText("Too many sign-in attempts. Wait a few minutes, then try again.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
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

test("changing the password signs out everywhere", async ({ browser }) => {
  const { context, page } = await newContext(browser);
  const { email } = await newUserWithWorkspace(page, "Pat Password", "Password Co");
  const other = await newContext(browser);
  await other.context.addCookies(await context.cookies());

  await page.getByRole("button", { name: "Account" }).click();
  await page.getByRole("menuitem", { name: "Account and password" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password").fill("amber-lantern-meadow");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is incorrect.")).toBeVisible();
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password").fill("qwertyuiop123");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText(/This password is too easy to guess\./)).toBeVisible();
  await page.getByLabel("New password").fill("amber-lantern-meadow");
  await page.getByRole("button", { name: "Change password" }).click();

  await expect(page).toHaveURL(/\/sign-in\?/);
  await expect(page.getByRole("status")).toContainText("Your password was changed");
  await other.page.goto("/workspaces");
  await expect(other.page).toHaveURL(/\/sign-in\?callbackUrl=/);

  await signIn(page, email, PASSWORD);
  await expect(page.getByText("The e-mail or password is incorrect.")).toBeVisible();
  await signIn(page, email, "amber-lantern-meadow");
  await expect(page).toHaveURL(/\/w\//);
  await context.close();
  await other.context.close();
});
