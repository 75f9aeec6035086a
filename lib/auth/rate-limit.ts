import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Sign-in attempts are limited per client IP and per e-mail address. The counters live in the
 * server process (one Next.js server per database); a multi-instance deployment would swap in
 * rate-limiter-flexible's Redis or PostgreSQL store behind the same two functions.
 */
const perIp = new RateLimiterMemory({ keyPrefix: "signin-ip", points: 100, duration: 15 * 60 });
const perEmail = new RateLimiterMemory({ keyPrefix: "signin-email", points: 10, duration: 15 * 60 });
const signUpPerIp = new RateLimiterMemory({ keyPrefix: "signup-ip", points: 20, duration: 60 * 60 });

export type LimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

async function take(limiter: RateLimiterMemory, key: string): Promise<LimitResult> {
  try {
    await limiter.consume(key);
    return { allowed: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
    throw rejection;
  }
}

export async function limitSignInAttempt(ip: string, email: string): Promise<LimitResult> {
  const byIp = await take(perIp, ip);
  if (!byIp.allowed) return byIp;
  return take(perEmail, email.toLowerCase());
}

/** A successful sign-in clears the e-mail's failure budget (the IP budget stays). */
export async function clearSignInFailures(email: string): Promise<void> {
  await perEmail.delete(email.toLowerCase());
}

export function limitSignUp(ip: string): Promise<LimitResult> {
  return take(signUpPerIp, ip);
}

export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || "local";
}
