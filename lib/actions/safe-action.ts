import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { Role } from "@/lib/generated/prisma/enums";
import { can, type Permission } from "@/lib/auth/permissions";
import { getCurrentUser, type SessionUser } from "@/lib/auth/session";
import { findMembershipById } from "@/lib/dal/workspaces";
import { ActionError, forbidden, notFound, type FieldErrors } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validations/field-errors";
import { QueryTimeoutError } from "@/lib/db/statement-timeout";
import type { ServiceContext } from "@/lib/domain/context";

/**
 * The one path every server action takes: zod input → session → membership → permission.
 * Results are plain data the browser can show; unexpected errors are logged here and leave only
 * as a generic message.
 */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ActionError["code"] | "INTERNAL"; error: string; fieldErrors?: FieldErrors };

export type WorkspaceActionContext = {
  user: SessionUser;
  workspace: { id: string; name: string; slug: string };
  role: Role;
  /** What the domain services take: the workspace, the actor and the actor's role. */
  service: ServiceContext;
};

const workspaceIdSchema = z.uuid({ error: "Unknown workspace." });


function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ActionError("VALIDATION", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
  }
  return parsed.data;
}

async function run<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (error) {
    unstable_rethrow(error); // redirect() and notFound() keep working inside actions
    if (error instanceof ActionError) {
      return { ok: false, code: error.code, error: error.message, fieldErrors: error.fieldErrors };
    }
    // A query over its time limit: nothing was kept, and the message says what to do.
    if (error instanceof QueryTimeoutError) return { ok: false, code: "TIMEOUT", error: error.message };
    console.error("[action] unexpected error", error);
    return { ok: false, code: "INTERNAL", error: "Something went wrong on our side. Please try again." };
  }
}

/** An action anyone may call (sign-up, say). */
export function publicAction<S extends z.ZodType, T>(schema: S, handler: (input: z.infer<S>) => Promise<T>) {
  return async (input: unknown): Promise<ActionResult<T>> => run(async () => handler(parse(schema, input)));
}

/** An action for any signed-in user, outside a workspace. */
export function userAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.infer<S>, ctx: { user: SessionUser }) => Promise<T>,
) {
  return async (input: unknown): Promise<ActionResult<T>> =>
    run(async () => {
      const data = parse(schema, input);
      const user = await getCurrentUser();
      if (!user) throw new ActionError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
      return handler(data, { user });
    });
}

/**
 * An action on one workspace. The workspace id is bound by the page (`action.bind(null, id)`) and
 * is checked against the caller's membership; the role must grant `permission`.
 */
export function workspaceAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  handler: (input: z.infer<S>, ctx: WorkspaceActionContext) => Promise<T>,
) {
  return async (workspaceId: unknown, input: unknown): Promise<ActionResult<T>> =>
    run(async () => {
      const id = workspaceIdSchema.safeParse(workspaceId);
      if (!id.success) throw notFound("That workspace");
      const user = await getCurrentUser();
      if (!user) throw new ActionError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
      const membership = await findMembershipById(user.id, id.data);
      if (!membership) throw notFound("That workspace");
      if (!can(membership.role, permission)) throw forbidden();
      const data = parse(schema, input);
      const service: ServiceContext = { workspaceId: membership.workspace.id, actor: user, role: membership.role };
      return handler(data, { user, workspace: membership.workspace, role: membership.role, service });
    });
}
