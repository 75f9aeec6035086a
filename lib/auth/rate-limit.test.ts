import { describe, expect, it } from "vitest";
import { clearSignInFailures, clientIp, limitSignInAttempt } from "@/lib/auth/rate-limit";

describe("sign-in rate limits", () => {
  it("allows ten attempts per e-mail in the window, then asks to wait", async () => {
    const email = `limited-${Date.now()}@example.test`;
    for (let i = 0; i < 10; i++) {
      expect(await limitSignInAttempt(`10.0.0.${i}`, email)).toEqual({ allowed: true });
    }
    const refused = await limitSignInAttempt("10.0.0.99", email.toUpperCase());
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("a successful sign-in clears the e-mail's failures", async () => {
    const email = `cleared-${Date.now()}@example.test`;
    for (let i = 0; i < 10; i++) await limitSignInAttempt("10.1.0.1", email);
    await clearSignInFailures(email);
    expect(await limitSignInAttempt("10.1.0.1", email)).toEqual({ allowed: true });
  });

  it("limits one IP across many e-mails", async () => {
    const ip = `10.2.${Date.now() % 255}.7`;
    let refusedAt = -1;
    for (let i = 0; i < 120 && refusedAt < 0; i++) {
      const r = await limitSignInAttempt(ip, `spray-${i}@example.test`);
      if (!r.allowed) refusedAt = i;
    }
    expect(refusedAt).toBe(100);
  });

  it("reads the first forwarded address", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.5, 10.0.0.1" }))).toBe("203.0.113.5");
    expect(clientIp(new Headers())).toBe("local");
  });
});
