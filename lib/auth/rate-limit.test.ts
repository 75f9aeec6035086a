import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clientIp } from "@/lib/auth/client-ip";
import { createSignInLimiter, DEFAULT_SIGN_IN_LIMITS, type SignInLimitOptions } from "@/lib/auth/rate-limit";

const SMALL: SignInLimitOptions = {
  ...DEFAULT_SIGN_IN_LIMITS,
  perIpPoints: 8,
  sharedPoints: 20,
  perPairPoints: 3,
  emailFreeAttempts: 4,
  backoffBaseSeconds: 30,
  maxBackoffSeconds: 120,
  signUpPerIpPoints: 2,
  signUpSharedPoints: 3,
};

const forwarded = (value: string) => new Headers({ "x-forwarded-for": value });

describe("client address", () => {
  it("ignores X-Forwarded-For unless a proxy is trusted", () => {
    expect(clientIp(forwarded("203.0.113.5"), 0)).toBeNull();
    expect(clientIp(forwarded("203.0.113.5, 10.0.0.1"), 0)).toBeNull();
    expect(clientIp(new Headers({ "x-real-ip": "203.0.113.5" }), 0)).toBeNull();
  });

  it("takes the address our outermost trusted proxy saw, not the client's own claim", () => {
    // The client sent "1.1.1.1"; our one proxy appended the address it saw.
    expect(clientIp(forwarded("1.1.1.1, 203.0.113.5"), 1)).toBe("203.0.113.5");
    expect(clientIp(forwarded("1.1.1.1, 203.0.113.5, 10.0.0.2"), 2)).toBe("203.0.113.5");
    expect(clientIp(forwarded("2001:DB8::1"), 1)).toBe("2001:db8::1");
  });

  it("gives no address when the chain is shorter than the trusted hops or not an address", () => {
    expect(clientIp(forwarded("203.0.113.5"), 2)).toBeNull();
    expect(clientIp(forwarded("1.1.1.1, not-an-ip"), 1)).toBeNull();
    expect(clientIp(new Headers(), 1)).toBeNull();
  });
});

describe("sign-in limits", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a client rotating X-Forwarded-For still runs into the shared bucket when no proxy is trusted", async () => {
    const limiter = createSignInLimiter(SMALL);
    let refusedAt = -1;
    for (let i = 0; i < 40 && refusedAt < 0; i++) {
      const ip = clientIp(forwarded(`198.51.100.${i}`), 0);
      const r = await limiter.beginSignInAttempt({ email: `spray-${i}@example.test`, ip });
      if (!r.allowed) refusedAt = i;
    }
    expect(refusedAt).toBe(SMALL.sharedPoints);
  });

  it("limits one known address across many e-mails", async () => {
    const limiter = createSignInLimiter(SMALL);
    let refusedAt = -1;
    for (let i = 0; i < 40 && refusedAt < 0; i++) {
      const r = await limiter.beginSignInAttempt({ email: `spray-${i}@example.test`, ip: "203.0.113.7" });
      if (!r.allowed) refusedAt = i;
    }
    expect(refusedAt).toBe(SMALL.perIpPoints);
    expect((await limiter.beginSignInAttempt({ email: "other@example.test", ip: "203.0.113.8" })).allowed).toBe(true);
  });

  it("stops one address guessing one e-mail early, while the owner elsewhere can still try", async () => {
    const limiter = createSignInLimiter(SMALL);
    const email = "victim@example.test";
    for (let i = 0; i < SMALL.perPairPoints; i++) {
      expect(await limiter.beginSignInAttempt({ email, ip: "203.0.113.66" })).toEqual({ allowed: true });
    }
    const refused = await limiter.beginSignInAttempt({ email: email.toUpperCase(), ip: "203.0.113.66" });
    expect(refused.allowed).toBe(false);
    expect(await limiter.beginSignInAttempt({ email, ip: "192.0.2.10" })).toEqual({ allowed: true });
  });

  it("slows guesses at one e-mail down exponentially, capped, and never locks the owner out for good", async () => {
    const limiter = createSignInLimiter({ ...SMALL, sharedPoints: 1000 });
    const email = "backoff@example.test";
    const attempt = () => limiter.beginSignInAttempt({ email, ip: null });
    for (let i = 0; i < SMALL.emailFreeAttempts; i++) expect((await attempt()).allowed).toBe(true);

    const waits: number[] = [];
    for (let round = 0; round < 5; round++) {
      expect((await attempt()).allowed).toBe(true); // opens the next window
      const refused = await attempt();
      expect(refused.allowed).toBe(false);
      // Hammering during the window neither gets in nor makes the next window longer.
      for (let k = 0; k < 5; k++) expect((await attempt()).allowed).toBe(false);
      if (!refused.allowed) waits.push(refused.retryAfterSeconds);
      vi.advanceTimersByTime((waits.at(-1) ?? 0) * 1000);
    }
    expect(waits).toEqual([30, 60, 120, 120, 120]);

    // After the last window the owner gets an attempt, and a correct password clears the backoff.
    expect((await attempt()).allowed).toBe(true);
    await limiter.recordSignInSuccess({ email, ip: null });
    for (let i = 0; i < SMALL.emailFreeAttempts; i++) expect((await attempt()).allowed).toBe(true);
  });

  it("counts only failures against the shared bucket: successful sign-ins are refunded", async () => {
    const limiter = createSignInLimiter(SMALL);
    for (let i = 0; i < SMALL.sharedPoints * 2; i++) {
      const who = { email: `user-${i}@example.test`, ip: null };
      expect((await limiter.beginSignInAttempt(who)).allowed).toBe(true);
      await limiter.recordSignInSuccess(who);
    }
  });

  it("limits sign-ups per known address, and for everyone together when addresses are unknown", async () => {
    const limiter = createSignInLimiter(SMALL);
    expect((await limiter.limitSignUp("203.0.113.1")).allowed).toBe(true);
    expect((await limiter.limitSignUp("203.0.113.1")).allowed).toBe(true);
    expect((await limiter.limitSignUp("203.0.113.1")).allowed).toBe(false);
    for (let i = 0; i < SMALL.signUpSharedPoints; i++) expect((await limiter.limitSignUp(null)).allowed).toBe(true);
    expect((await limiter.limitSignUp(null)).allowed).toBe(false);
  });
});
