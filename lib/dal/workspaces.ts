import "server-only";
import { cache } from "react";
import type { Role } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { lifecycleThresholdsFromSettings, type LifecycleThresholds } from "@/lib/analytics/lifecycle";

export type WorkspaceContext = {
  workspace: { id: string; name: string; slug: string };
  role: Role;
};

/** The user's membership of a workspace by slug, or null (unknown slug and non-member look the same). */
export const findMembershipBySlug = cache(async (userId: string, slug: string): Promise<WorkspaceContext | null> => {
  const workspace = await db.workspace.findUnique({ where: { slug }, select: { id: true, name: true, slug: true } });
  if (!workspace) return null;
  const membership = await db.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: workspace.id, userId } },
    select: { role: true },
  });
  return membership ? { workspace, role: membership.role } : null;
});

export async function findMembershipById(userId: string, workspaceId: string): Promise<WorkspaceContext | null> {
  const membership = await db.membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    select: { role: true, workspace: { select: { id: true, name: true, slug: true } } },
  });
  return membership ? { workspace: membership.workspace, role: membership.role } : null;
}

export async function listUserWorkspaces(userId: string) {
  const rows = await db.membership.findMany({
    where: { userId },
    select: { role: true, workspace: { select: { id: true, name: true, slug: true, _count: { select: { memberships: true } } } } },
    orderBy: { workspace: { name: "asc" } },
  });
  return rows.map((r) => ({
    id: r.workspace.id,
    name: r.workspace.name,
    slug: r.workspace.slug,
    role: r.role,
    memberCount: r.workspace._count.memberships,
  }));
}

export async function listMembers(workspaceId: string) {
  return db.membership.findMany({
    where: { workspaceId },
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ createdAt: "asc" }],
  });
}

export async function listPendingInvitations(workspaceId: string, now = new Date()) {
  return db.invitation.findMany({
    where: { workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
  });
}

export async function isSlugTaken(slug: string, exceptWorkspaceId?: string): Promise<boolean> {
  const found = await db.workspace.findUnique({ where: { slug }, select: { id: true } });
  return !!found && found.id !== exceptWorkspaceId;
}

export async function workspaceOverview(workspaceId: string, now = new Date()) {
  const since = new Date(now);
  since.setUTCMonth(since.getUTCMonth() - 11, 1);
  since.setUTCHours(0, 0, 0, 0);
  const [customers, orders, members, segments, personas, strategies, pendingInvitations, revenue, monthly, recent] = await Promise.all([
    db.customer.count({ where: { workspaceId } }),
    db.order.count({ where: { workspaceId } }),
    db.membership.count({ where: { workspaceId } }),
    db.segment.count({ where: { workspaceId, archivedAt: null } }),
    db.persona.count({ where: { workspaceId } }),
    db.targetingStrategy.count({ where: { workspaceId, status: { not: "ARCHIVED" } } }),
    db.invitation.count({ where: { workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } }),
    db.order.aggregate({ where: { workspaceId, orderedAt: { gte: since } }, _sum: { amount: true } }),
    db.$queryRaw<{ month: Date; orders: bigint; revenue: string | null; customers: bigint }[]>`
      select date_trunc('month', "orderedAt" at time zone 'UTC') as month,
             count(*) as orders, sum(amount)::text as revenue, count(distinct "customerId") as customers
      from "Order"
      where "workspaceId" = ${workspaceId}::uuid and "orderedAt" >= ${since}
      group by 1 order by 1`,
    db.auditLog.findMany({ where: { workspaceId }, orderBy: { createdAt: "desc" }, take: 6 }),
  ]);
  return {
    customers,
    orders,
    members,
    segments,
    personas,
    strategies,
    pendingInvitations,
    revenue12m: Number(revenue._sum.amount ?? 0),
    monthly: monthly.map((m) => ({
      month: m.month.toISOString().slice(0, 7),
      orders: Number(m.orders),
      revenue: Number(m.revenue ?? 0),
      customers: Number(m.customers),
    })),
    recent,
  };
}

/** The workspaces where the user's role may write personas (for "Copy to workspace…"). */
export async function listWritableWorkspaces(userId: string) {
  const rows = await db.membership.findMany({
    where: { userId, role: { in: [...PERMISSIONS["personas.write"]] } },
    select: { workspace: { select: { id: true, name: true, slug: true } } },
    orderBy: { workspace: { name: "asc" } },
  });
  return rows.map((r) => r.workspace);
}

/** The workspace's lifecycle thresholds (defaults for anything unset), from `Workspace.settings`. */
export async function getLifecycleThresholds(workspaceId: string): Promise<LifecycleThresholds> {
  const workspace = await db.workspace.findUnique({ where: { id: workspaceId }, select: { settings: true } });
  return lifecycleThresholdsFromSettings(workspace?.settings ?? {});
}
