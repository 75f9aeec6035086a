import { expect, type Browser, type Page } from "@playwright/test";

let counter = 0;
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}@example.test`;
}

export const PASSWORD = "correct-horse-battery";

export const DEMO_EMAIL = "demo@segmently.dev";

/** The seeded demo user's password: playwright.config.ts makes one per run for the e2e server. */
export function demoPassword(): string {
  const password = process.env.E2E_DEMO_PASSWORD;
  if (!password) throw new Error("E2E_DEMO_PASSWORD is not set (playwright.config.ts sets it)");
  return password;
}

export async function signInAsDemo(page: Page) {
  await signIn(page, DEMO_EMAIL, demoPassword());
}

/**
 * Fills in and submits the sign-up form. Sign-up answers every address alike and sends the caller
 * to sign in; unless `submitOnly`, this then signs in with the same password.
 */
export async function signUp(
  page: Page,
  opts: { name: string; email: string; password?: string; callbackUrl?: string; submitOnly?: boolean },
) {
  await page.goto(opts.callbackUrl ? `/sign-up?callbackUrl=${encodeURIComponent(opts.callbackUrl)}` : "/sign-up");
  await page.getByLabel("Your name").fill(opts.name);
  await page.getByLabel("Work e-mail").fill(opts.email);
  await page.getByLabel("Password").fill(opts.password ?? PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  if (opts.submitOnly) return;
  await completeSignInAfterSignUp(page, opts.password ?? PASSWORD);
}

/** On the sign-in page sign-up leads to (e-mail filled in): enter the password and sign in. */
export async function completeSignInAfterSignUp(page: Page, password = PASSWORD) {
  // The first sign-up of a fresh server also loads the password lists: allow for it.
  await expect(page).toHaveURL(/\/sign-in\?/, { timeout: 30_000 });
  await expect(page.getByRole("status")).toContainText("Almost there");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs a new user up and creates a workspace; returns its slug. */
export async function newUserWithWorkspace(page: Page, name: string, workspaceName: string) {
  const email = uniqueEmail(name.toLowerCase().replace(/\W+/g, ""));
  await signUp(page, { name, email });
  await expect(page).toHaveURL(/\/workspaces$/);
  await page.getByLabel("Workspace name").fill(workspaceName);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  const slug = new URL(page.url()).pathname.split("/")[2] ?? "";
  return { email, slug };
}

export async function newContext(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

/**
 * Records the next server-action request the page sends, so a test can replay it from another
 * session: the same call as the browser made, bypassing the UI.
 */
export async function captureServerAction(page: Page, trigger: () => Promise<void>) {
  const requestPromise = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await trigger();
  const request = await requestPromise;
  return {
    url: request.url(),
    actionId: request.headers()["next-action"] ?? "",
    routerState: request.headers()["next-router-state-tree"] ?? "",
    body: request.postData() ?? "",
    contentType: request.headers()["content-type"] ?? "text/plain;charset=UTF-8",
  };
}

export async function replayServerAction(page: Page, action: Awaited<ReturnType<typeof captureServerAction>>) {
  const response = await page.request.post(action.url, {
    headers: {
      "Next-Action": action.actionId,
      "Next-Router-State-Tree": action.routerState,
      "Content-Type": action.contentType,
      Accept: "text/x-component",
      Origin: new URL(action.url).origin,
    },
    data: action.body,
  });
  return { status: response.status(), text: await response.text() };
}
