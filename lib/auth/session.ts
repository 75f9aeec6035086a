import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import type { Session } from "next-auth";
import { auth } from "@/lib/auth/auth";
import { db } from "@/lib/db";

export type SessionUser = { id: string; email: string; name: string | null };

/**
 * The user a session belongs to, re-read from the database in one primary-key lookup: null for a
 * deleted account, and null for a session issued under an older `sessionVersion` (signed out, password
 * changed, removed from a workspace — see lib/auth/session-version.ts).
 */
export async function userForSession(session: Session | null): Promise<SessionUser | null> {
  const id = session?.user?.id;
  const version = session?.sessionVersion;
  if (!id || typeof version !== "number") return null;
  const user = await db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, sessionVersion: true } });
  if (!user || user.sessionVersion !== version) return null;
  return { id: user.id, email: user.email, name: user.name };
}

/** The signed-in user of this request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => userForSession(await auth()));

export async function requireUser(callbackUrl?: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in");
  return user;
}
