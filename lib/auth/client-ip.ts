import "server-only";
import { isIP } from "node:net";
import { env } from "@/lib/env";

/**
 * The client's address for rate limits, or null when it cannot be known.
 *
 * `next start` hands route handlers and server actions no socket address: it only fills
 * `X-Forwarded-For` with the socket's address when the request carries none, so without a proxy in
 * front the header is whatever the client sent. The header is therefore believed only when
 * `TRUSTED_PROXY_HOPS` says how many proxies of ours append to it: the address that many entries from
 * the right is the one our outermost proxy saw. With no trusted proxy (the default) this returns null
 * and callers fall back to one shared bucket plus per-e-mail limits.
 */
export function clientIp(headers: Headers, trustedProxyHops: number = env().TRUSTED_PROXY_HOPS): string | null {
  if (trustedProxyHops < 1) return null;
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const candidate = chain[chain.length - trustedProxyHops];
  if (!candidate) return null;
  return isIP(candidate) ? candidate.toLowerCase() : null;
}
