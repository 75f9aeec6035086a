import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";

type Tx = Prisma.TransactionClient;

export type AuditEntry = {
  action: string;
  targetType?: string;
  targetId?: string;
  metadata?: Prisma.InputJsonValue;
};

export type Actor = { id: string; email: string };

/** Writes one audit row, inside the caller's transaction when given one. */
export async function recordAudit(
  workspaceId: string,
  actor: Actor | null,
  entry: AuditEntry,
  tx: Tx = db,
): Promise<void> {
  await tx.auditLog.create({
    data: {
      workspaceId,
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      metadata: entry.metadata ?? {},
    },
  });
}

export const AUDIT_PAGE_SIZE = 25;

export async function listAudit(workspaceId: string, opts: { page: number; action?: string }) {
  const where = { workspaceId, ...(opts.action ? { action: { startsWith: opts.action } } : {}) };
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (opts.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
    db.auditLog.count({ where }),
  ]);
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}
