import { describe, expect, it } from "vitest";
import { PASSWORD_MIN, safeCallbackUrl, signUpSchema } from "@/lib/validations/auth";

const ORIGIN = "https://app.segmently.example";

describe("safeCallbackUrl", () => {
  it.each([
    ["/w/acme", "/w/acme"],
    ["/w/acme/customers?sort=name&page=2#top", "/w/acme/customers?sort=name&page=2#top"],
    ["/invite/abc.def", "/invite/abc.def"],
    ["/w/acme/../other", "/w/other"],
    ["/%E2%9C%93", "/%E2%9C%93"],
  ])("keeps the same-origin path %j", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
    expect(safeCallbackUrl(input, { origin: ORIGIN })).toBe(expected);
  });

  it.each([
    "//evil.example",
    "//evil.example/path",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "https://evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "w/acme",
    // Decoded tab/newline/carriage return: browsers strip them, turning "/\t/evil" into "//evil".
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\r\nSet-Cookie: x=y",
    "\t//evil.example",
    " /w/acme",
    "/w/acme\u0000",
    "/\u00a0/evil.example",
    "/\u2028/evil.example",
    // Still encoded: slashes that some servers would decode into a protocol-relative target.
    "/%2fevil.example",
    "/%2F%2Fevil.example",
    "/%5cevil.example",
    "https://app.segmently.example.evil.example/",
    "https://user:pass@app.segmently.example/w",
    "",
    "/".repeat(3000),
  ])("refuses the hostile target %j", (input) => {
    expect(safeCallbackUrl(input)).toBe("/");
    expect(safeCallbackUrl(input, { origin: ORIGIN, fallback: "/workspaces" })).toBe("/workspaces");
  });

  it("accepts an absolute URL only on the app's own origin, and returns it as a path", () => {
    expect(safeCallbackUrl(`${ORIGIN}/w/acme?x=1`, { origin: ORIGIN })).toBe("/w/acme?x=1");
    expect(safeCallbackUrl(`${ORIGIN}/w/acme`)).toBe("/");
    expect(safeCallbackUrl("http://app.segmently.example/w/acme", { origin: ORIGIN })).toBe("/");
    expect(safeCallbackUrl("https://app.segmently.example:8443/w", { origin: ORIGIN })).toBe("/");
  });

  it("keeps an encoded tab or newline encoded, so it stays a path on this site", () => {
    // The raw query value the browser sends for callbackUrl=/%09/evil.example decodes to "/\t/…"
    // (refused above); a doubly-encoded one stays a harmless path segment.
    expect(safeCallbackUrl("/%09/evil.example")).toBe("/%09/evil.example");
    expect(safeCallbackUrl("/%0d%0aSet-Cookie:x")).toBe("/%0d%0aSet-Cookie:x");
  });
});

describe("new passwords", () => {
  const base = { name: "Ada Lovelace", email: "ada@example.test" };
  const issue = (password: string, extra: Partial<typeof base> = {}) =>
    signUpSchema.safeParse({ ...base, ...extra, password }).error?.issues.find((i) => i.path[0] === "password")?.message;

  it(`needs at least ${PASSWORD_MIN} characters`, () => {
    expect(PASSWORD_MIN).toBe(12);
    expect(issue("violet-kite")).toBe("Use at least 12 characters.");
    expect(issue("x".repeat(129))).toBe("Use at most 128 characters.");
  });

  it.each(["password1234", "Password123!", "qwertyuiop123", "123456789012", "aaaaaaaaaaaa", "iloveyou2024!", "letmeinletmein"])(
    "refuses the common password %j",
    (password) => {
      expect(issue(password)).toMatch(/^This password is too easy to guess\./);
    },
  );

  it("refuses a password built from the user's own name or e-mail", () => {
    expect(issue("lovelace1815!", { name: "Ada Lovelace" })).toMatch(/too easy to guess/);
    expect(issue("ada@example.test", { email: "ada@example.test" })).toMatch(/too easy to guess/);
    // The same passwords pass for someone else: it is the personal data that makes them weak.
    expect(issue("lovelace1815!", { name: "Grace Hopper", email: "grace@example.test" })).toBeUndefined();
  });

  it("accepts a long, uncommon password", () => {
    expect(issue("violet-kettle-harbour")).toBeUndefined();
    expect(issue("e2e-Password-7f3k9")).toBeUndefined();
  });
});
