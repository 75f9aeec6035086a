import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Limits on password sign-in and sign-up. Every password sign-in — the sign-in form's server action
 * and a direct POST to Auth.js' credentials callback alike — reaches Auth.js' `authorize`, which asks
 * `beginSignInAttempt` first and reports the outcome with `recordSignInSuccess`. Four counters:
 *
 * - network: attempts per client address (`lib/auth/client-ip.ts`); when the address cannot be known
 *   (no trusted proxy) every client shares one bucket. Successful sign-ins are refunded.
 * - e-mail + address (only when the address is known): a few attempts, then that pair waits.
 * - e-mail: a free allowance of attempts, then exponential backoff — one attempt per window, each
 *   window twice the previous, capped — from anywhere. An attacker gets a trickle of guesses; the
 *   owner of the account waits at most one window, never a lock-out.
 * - a successful sign-in clears the e-mail's counters.
 *
 * The counters live in the server process (one Next.js server per database); a multi-instance
 * deployment would swap in rate-limiter-flexible's PostgreSQL or Redis store behind the same
 * functions.
 */
export type LimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type SignInLimitOptions = {
  /** Attempts per known client address per window. */
  perIpPoints: number;
  /** Attempts for all clients together per window, when addresses cannot be known. */
  sharedPoints: number;
  /** Attempts per e-mail + known address per window (then that pair waits a window). */
  perPairPoints: number;
  windowSeconds: number;
  /** Attempts per e-mail before backoff starts (counted over `emailMemorySeconds`). */
  emailFreeAttempts: number;
  emailMemorySeconds: number;
  /** The first wait once the free attempts are used up; each further attempt doubles it. */
  backoffBaseSeconds: number;
  /** Longest wait between two attempts on one e-mail. */
  maxBackoffSeconds: number;
  /** Sign-ups per known address, and for everyone together when addresses cannot be known, per hour. */
  signUpPerIpPoints: number;
  signUpSharedPoints: number;
};

export const DEFAULT_SIGN_IN_LIMITS: SignInLimitOptions = {
  perIpPoints: 100,
  sharedPoints: 300,
  perPairPoints: 5,
  windowSeconds: 15 * 60,
  emailFreeAttempts: 10,
  emailMemorySeconds: 24 * 60 * 60,
  backoffBaseSeconds: 30,
  maxBackoffSeconds: 15 * 60,
  signUpPerIpPoints: 20,
  signUpSharedPoints: 200,
};

export type SignInAttempt = { email: string; ip: string | null };

const SHARED = "shared";

async function take(limiter: RateLimiterMemory, key: string, options?: { customDuration: number }): Promise<LimitResult> {
  try {
    await limiter.consume(key, 1, options);
    return { allowed: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
    throw rejection;
  }
}

export function createSignInLimiter(options: SignInLimitOptions = DEFAULT_SIGN_IN_LIMITS) {
  const o = options;
  const perIp = new RateLimiterMemory({ keyPrefix: "signin-ip", points: o.perIpPoints, duration: o.windowSeconds });
  const shared = new RateLimiterMemory({ keyPrefix: "signin-shared", points: o.sharedPoints, duration: o.windowSeconds });
  const perPair = new RateLimiterMemory({
    keyPrefix: "signin-pair",
    points: o.perPairPoints,
    duration: o.windowSeconds,
    blockDuration: o.windowSeconds,
  });
  const emailAttempts = new RateLimiterMemory({
    keyPrefix: "signin-email",
    points: Number.MAX_SAFE_INTEGER,
    duration: o.emailMemorySeconds,
  });
  // One point per window: the first attempt in a window opens it, the others wait for it to pass.
  const emailGate = new RateLimiterMemory({ keyPrefix: "signin-email-gate", points: 1, duration: 1 });
  const signUpPerIp = new RateLimiterMemory({ keyPrefix: "signup-ip", points: o.signUpPerIpPoints, duration: 60 * 60 });
  const signUpShared = new RateLimiterMemory({ keyPrefix: "signup-shared", points: o.signUpSharedPoints, duration: 60 * 60 });

  const norm = (email: string) => email.trim().toLowerCase();
  const pairKey = (email: string, ip: string) => `${norm(email)}|${ip}`;

  return {
    /** Call before checking a password; a refusal means: do not check it. */
    async beginSignInAttempt({ email, ip }: SignInAttempt): Promise<LimitResult> {
      const network = ip ? await take(perIp, ip) : await take(shared, SHARED);
      if (!network.allowed) return network;
      if (ip) {
        const pair = await take(perPair, pairKey(email, ip));
        if (!pair.allowed) return pair;
      }
      const key = norm(email);
      const attempts = (await emailAttempts.consume(key)).consumedPoints;
      const over = attempts - o.emailFreeAttempts;
      if (over > 0) {
        const windowSeconds = Math.min(o.backoffBaseSeconds * 2 ** (over - 1), o.maxBackoffSeconds);
        const gate = await take(emailGate, key, { customDuration: windowSeconds });
        if (!gate.allowed) {
          // A refused attempt does not lengthen the next window.
          await emailAttempts.reward(key);
          return gate;
        }
      }
      return { allowed: true };
    },

    /** After a correct password: the e-mail's counters start over, and the attempt is refunded. */
    async recordSignInSuccess({ email, ip }: SignInAttempt): Promise<void> {
      const key = norm(email);
      await Promise.all([
        emailAttempts.delete(key),
        emailGate.delete(key),
        ip ? perPair.delete(pairKey(email, ip)) : Promise.resolve(),
        ip ? perIp.reward(ip) : shared.reward(SHARED),
      ]);
    },

    limitSignUp(ip: string | null): Promise<LimitResult> {
      return ip ? take(signUpPerIp, ip) : take(signUpShared, SHARED);
    },
  };
}

export type SignInLimiter = ReturnType<typeof createSignInLimiter>;

/**
 * The process-wide limiter every sign-in path uses. It is kept on `globalThis` because Next.js bundles
 * route handlers and pages (with their server actions) separately: a plain module-level instance
 * would give the credentials callback and the sign-in form a counter each.
 */
const GLOBAL_KEY = Symbol.for("segmently.signInLimiter");
const holder = globalThis as typeof globalThis & { [GLOBAL_KEY]?: SignInLimiter };
export const signInLimiter: SignInLimiter = (holder[GLOBAL_KEY] ??= createSignInLimiter());
