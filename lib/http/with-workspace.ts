import "server-only";
import { can, type Permission } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { findMembershipBySlug } from "@/lib/dal/workspaces";
import { QueryTimeoutError } from "@/lib/db/statement-timeout";
import type { ServiceContext } from "@/lib/domain/context";
import { DomainError, HTTP_STATUS } from "@/lib/errors";

/**
 * The one wrapper for every route.ts under /w/[workspaceSlug]: it resolves the actor (from the
 * session today; from an API key later), the membership of the workspace in the URL and the
 * permission, then calls the handler with a ServiceContext. A DomainError becomes its status from
 * HTTP_STATUS; anything else is logged and answered with a generic 500.
 *
 * An unknown workspace and one the caller is not a member of answer the same 404.
 */
export type WorkspaceRouteContext<P> = {
  ctx: ServiceContext;
  workspace: { id: string; name: string; slug: string };
  params: P;
};

type Options = {
  permission: Permission;
  /** How errors are written: `{ "error": "…" }` (default) or plain text (downloads opened in a tab). */
  errors?: "json" | "text";
  /** Refuse requests whose Origin is not this site (routes that take a body with the user's cookie). */
  sameOrigin?: boolean;
};

export function errorResponse(status: number, message: string, format: "json" | "text" = "json"): Response {
  const headers = { "Cache-Control": "no-store" };
  return format === "json"
    ? Response.json({ error: message }, { status, headers })
    : new Response(message, { status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}

/** Same origin only: a form on another site cannot post here with the user's cookie. */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function withWorkspace<P extends { workspaceSlug: string }>(
  handler: (request: Request, route: WorkspaceRouteContext<P>) => Promise<Response>,
  options: Options,
) {
  const format = options.errors ?? "json";
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      if (options.sameOrigin && !isSameOrigin(request)) throw new DomainError("FORBIDDEN", "This request must come from the Segmently page.");
      const params = await context.params;
      const user = await getCurrentUser();
      if (!user) throw new DomainError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
      const membership = typeof params.workspaceSlug === "string" ? await findMembershipBySlug(user.id, params.workspaceSlug) : null;
      if (!membership) throw new DomainError("NOT_FOUND", "Not found.");
      if (!can(membership.role, options.permission)) throw new DomainError("FORBIDDEN", "Your role does not allow this.");
      const ctx: ServiceContext = { workspaceId: membership.workspace.id, actor: user, role: membership.role };
      return await handler(request, { ctx, workspace: membership.workspace, params });
    } catch (error) {
      if (error instanceof DomainError) return errorResponse(HTTP_STATUS[error.code], error.message, format);
      if (error instanceof QueryTimeoutError) return errorResponse(HTTP_STATUS.TIMEOUT, error.message, format);
      console.error("[route] unexpected error", error);
      return errorResponse(HTTP_STATUS.INTERNAL, "Something went wrong on our side. Please try again.", format);
    }
  };
}
