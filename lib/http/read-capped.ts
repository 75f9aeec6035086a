import "server-only";
import { DomainError } from "@/lib/errors";

/**
 * Reads a request's body, refusing it as soon as it passes `max` bytes (a missing or false
 * Content-Length included) with PAYLOAD_TOO_LARGE and `message`.
 */
export async function readCapped(request: Request, max: number, message: string): Promise<Uint8Array> {
  if (Number(request.headers.get("content-length") ?? "0") > max) throw new DomainError("PAYLOAD_TOO_LARGE", message);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw new DomainError("PAYLOAD_TOO_LARGE", message);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
