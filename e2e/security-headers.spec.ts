import { expect, test, type APIResponse } from "@playwright/test";
import { signInAsDemo } from "./helpers";

function expectSecurityHeaders(response: APIResponse, what: string) {
  const h = response.headers();
  const csp = h["content-security-policy"] ?? "";
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).toMatch(/script-src 'self' 'unsafe-inline'(;|$)/);
  expect(csp, what).not.toContain("unsafe-eval");
  expect(h["x-frame-options"], what).toBe("DENY");
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["referrer-policy"], what).toBe("same-origin");
  expect(h["permissions-policy"], what).toContain("camera=()");
  // Served over plain HTTP with no trusted proxy: no HSTS.
  expect(h["strict-transport-security"], what).toBeUndefined();
}

test("every kind of response carries the security headers", async ({ page, request }) => {
  const signInPage = await request.get("/sign-in");
  expect(signInPage.status()).toBe(200);
  expectSecurityHeaders(signInPage, "page");

  const api = await request.get("/api/auth/session");
  expect(api.status()).toBe(200);
  expectSecurityHeaders(api, "API route");

  const publicFile = await request.get("/demo/customers.csv");
  expect(publicFile.status()).toBe(200);
  expectSecurityHeaders(publicFile, "public file");

  await page.goto("/sign-in");
  const script = await page.locator("script[src^='/_next/static/']").first().getAttribute("src");
  expect(script).toBeTruthy();
  const asset = await request.get(script ?? "");
  expect(asset.status()).toBe(200);
  expectSecurityHeaders(asset, "static asset");
});

test("the app works under the policy: no violations on the dashboard, its charts and a form", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
  });
  await signInAsDemo(page);
  await expect(page).toHaveURL(/\/w\/demo$/);
  await expect(page.locator("canvas").first()).toBeVisible();
  await page.goto("/w/demo/customers");
  await expect(page.getByRole("table").first()).toBeVisible();
  await page.goto("/w/demo/segments/new");
  await expect(page.getByRole("button").first()).toBeVisible();
  expect(violations).toEqual([]);
});
