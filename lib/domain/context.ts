import type { Role } from "@/lib/generated/prisma/enums";
import { can, type Permission } from "@/lib/auth/permissions";
import type { z } from "zod";
import { DomainError, forbidden } from "@/lib/errors";

/** Who acts: a signed-in user today, an API key's owner later. */
export type Actor = { id: string; email: string; name?: string | null };

/**
 * What every workspace service receives first: the workspace (resolved from a membership, never from
 * input), the actor and the actor's role in it. Services check the permission themselves, so a new
 * caller (a route, a job, the API) cannot skip it.
 */
export type ServiceContext = { workspaceId: string; actor: Actor; role: Role };

export function authorize(ctx: ServiceContext, permission: Permission, message?: string): void {
  if (!can(ctx.role, permission)) throw forbidden(message);
}

/** True when a Prisma error is a unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** Parses a service's input with its schema; problems become one VALIDATION error with field paths. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
    throw new DomainError("VALIDATION", "Please correct the highlighted fields.", fieldErrors);
  }
  return parsed.data;
}
