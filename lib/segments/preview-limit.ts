import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { envVar } from "@/lib/env";

/**
 * Live counts in the builder are the most expensive thing any role may ask for. Each user gets
 * PREVIEW_RATE_LIMIT_PER_MINUTE previews a minute (default 30; the builder waits for a pause in
 * typing before it asks), and a workspace runs at most PREVIEW_CONCURRENCY_PER_WORKSPACE previews
 * at once (default 2). The counters live in the server process, like the sign-in limits.
 */
export const DEFAULT_PREVIEWS_PER_MINUTE = 30;
export const DEFAULT_PREVIEW_CONCURRENCY = 2;


let limiter: RateLimiterMemory | undefined;
const running = new Map<string, number>();

export class PreviewLimitError extends Error {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.name = "PreviewLimitError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Runs one preview for `userId` in `workspaceId`, or throws PreviewLimitError with a message to show. */
export async function limitPreview<T>(workspaceId: string, userId: string, fn: () => Promise<T>): Promise<T> {
  limiter ??= new RateLimiterMemory({
    keyPrefix: "segment-preview",
    points: envVar("PREVIEW_RATE_LIMIT_PER_MINUTE"),
    duration: 60,
  });
  try {
    await limiter.consume(userId);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new PreviewLimitError(`Too many live counts in a short time. The count resumes in ${seconds} s; you can keep editing meanwhile.`, seconds);
  }
  const concurrency = envVar("PREVIEW_CONCURRENCY_PER_WORKSPACE");
  const now = running.get(workspaceId) ?? 0;
  if (now >= concurrency) {
    throw new PreviewLimitError("Other live counts are running in this workspace. Try again in a moment.", 2);
  }
  running.set(workspaceId, now + 1);
  try {
    return await fn();
  } finally {
    const left = (running.get(workspaceId) ?? 1) - 1;
    if (left <= 0) running.delete(workspaceId);
    else running.set(workspaceId, left);
  }
}

/** Tests start from empty counters (and re-read the environment). */
export function resetPreviewLimitsForTesting(): void {
  limiter = undefined;
  running.clear();
}
