import "server-only";
import { QueryTimeoutError } from "@/lib/db/statement-timeout";
import { errorResponse } from "@/lib/http/with-workspace";
import { DomainError, HTTP_STATUS } from "@/lib/errors";

/**
 * The one wrapper for public route.ts files under /share: no session, the token in the URL is the
 * only credential. The handler resolves it through the share service (which answers null for a
 * malformed, unknown, revoked or expired token alike); errors become plain-text answers and never
 * say which of those it was.
 */
export function withShareToken(handler: (request: Request, token: string) => Promise<Response>) {
  return async (request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> => {
    try {
      const { token } = await context.params;
      return await handler(request, typeof token === "string" ? token : "");
    } catch (error) {
      if (error instanceof DomainError) return errorResponse(HTTP_STATUS[error.code], error.message, "text");
      if (error instanceof QueryTimeoutError) return errorResponse(HTTP_STATUS.TIMEOUT, error.message, "text");
      console.error("[share route] unexpected error", error);
      return errorResponse(HTTP_STATUS.INTERNAL, "Something went wrong on our side. Please try again.", "text");
    }
  };
}

export const SHARE_GONE = "This link has expired or was revoked.";

/** Headers of a shared file: not cached by shared caches, not indexed, not sniffed. */
export const SHARED_FILE_HEADERS = {
  "Cache-Control": "private, no-store",
  "X-Robots-Tag": "noindex, nofollow",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
} as const;
