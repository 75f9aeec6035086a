import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Sessions are JWTs, valid until they expire wherever a copy of the cookie lives. Each carries the
 * user's `sessionVersion` from when it was issued, and every request that loads the session compares
 * it with the stored one (`lib/auth/session.ts`, in the same primary-key lookup that loads the user).
 * Bumping the version therefore ends every session of that user, on every device: on sign-out, when
 * the password changes and when the user is removed from a workspace.
 */
export async function endAllSessions(userId: string, tx: Prisma.TransactionClient = db): Promise<void> {
  await tx.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

export async function currentSessionVersion(userId: string): Promise<number | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? null;
}
