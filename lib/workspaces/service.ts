import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { lifecycleThresholdsFromSettings, type LifecycleThresholds } from "@/lib/analytics/lifecycle";
import { recordAudit } from "@/lib/dal/audit";
import { isSlugTaken } from "@/lib/dal/workspaces";
import { authorize, isUniqueViolation, type Actor, type ServiceContext } from "@/lib/domain/context";
import { DomainError } from "@/lib/errors";
import { slugify, workspaceSlug } from "@/lib/validations/workspace";

/**
 * Workspaces: create (any signed-in user), rename, delete (owners), leave. Each write and its audit
 * entry are one transaction.
 */
const slugTaken = () =>
  new DomainError("CONFLICT", "That workspace address is already taken.", {
    slug: ["That address is already taken. Try another one."],
  });

async function uniqueSlugFor(name: string): Promise<string> {
  const base = slugify(name).padEnd(3, "0");
  for (let i = 0; i < 20; i++) {
    const candidate = i === 0 ? base : `${base.slice(0, 36)}-${i + 1}`;
    if (workspaceSlug.safeParse(candidate).success && !(await isSlugTaken(candidate))) return candidate;
  }
  return `${base.slice(0, 30)}-${Date.now().toString(36)}`;
}

export async function createWorkspace(actor: Actor, { name, slug }: { name: string; slug?: string }) {
  const chosen = slug ? slug : await uniqueSlugFor(name);
  if (slug && (await isSlugTaken(slug))) throw slugTaken();
  try {
    const workspace = await db.$transaction(async (tx) => {
      const ws = await tx.workspace.create({ data: { name, slug: chosen } });
      await tx.membership.create({ data: { workspaceId: ws.id, userId: actor.id, role: "OWNER" } });
      await recordAudit(ws.id, actor, { action: "workspace.created", metadata: { name, slug: chosen } }, tx);
      return ws;
    });
    return { slug: workspace.slug };
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
}

export async function updateWorkspace(
  ctx: ServiceContext,
  current: { name: string; slug: string },
  input: { name: string; slug: string },
) {
  authorize(ctx, "workspace.update");
  if (await isSlugTaken(input.slug, ctx.workspaceId)) throw slugTaken();
  try {
    await db.$transaction(async (tx) => {
      await tx.workspace.update({ where: { id: ctx.workspaceId }, data: { name: input.name, slug: input.slug } });
      await recordAudit(ctx.workspaceId, ctx.actor, { action: "workspace.updated", metadata: { from: current, to: input } }, tx);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
  return { slug: input.slug };
}

/**
 * Saves the workspace's lifecycle thresholds (`settings.lifecycle`, read by
 * lib/analytics/lifecycle.ts), keeping every other setting; audited with the old and new values.
 */
export async function updateLifecycleThresholds(ctx: ServiceContext, input: LifecycleThresholds) {
  authorize(ctx, "workspace.update");
  await db.$transaction(async (tx) => {
    const workspace = await tx.workspace.findUnique({ where: { id: ctx.workspaceId }, select: { settings: true } });
    const stored = workspace?.settings;
    const settings: Record<string, Prisma.InputJsonValue> = isRecord(stored) ? stored : {};
    const from = lifecycleThresholdsFromSettings(settings);
    const to = { newDays: input.newDays, activeDays: input.activeDays, churnDays: input.churnDays };
    await tx.workspace.update({ where: { id: ctx.workspaceId }, data: { settings: { ...settings, lifecycle: to } } });
    await recordAudit(ctx.workspaceId, ctx.actor, { action: "workspace.lifecycle_updated", metadata: { from, to } }, tx);
  });
  return { ok: true as const };
}

function isRecord(value: unknown): value is Record<string, Prisma.InputJsonValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deletes the workspace and everything in it, once the caller typed its address. */
export async function deleteWorkspace(ctx: ServiceContext, slug: string, confirmation: string) {
  authorize(ctx, "workspace.delete");
  if (confirmation.trim() !== slug) {
    throw new DomainError("VALIDATION", "The confirmation does not match.", { confirmation: [`Type ${slug} to confirm.`] });
  }
  await db.$transaction([
    // Import scratch keys have no foreign key to cascade along.
    db.importKey.deleteMany({ where: { workspaceId: ctx.workspaceId } }),
    db.workspace.delete({ where: { id: ctx.workspaceId } }),
  ]);
  // The workspace's own audit log went with it.
  console.info(`[audit] workspace ${ctx.workspaceId} (${slug}) deleted by ${ctx.actor.email}`);
}

/** The caller leaves the workspace; the last owner cannot. */
export async function leaveWorkspace(ctx: ServiceContext) {
  await db.$transaction(async (tx) => {
    if (ctx.role === "OWNER") {
      const owners = await tx.membership.count({ where: { workspaceId: ctx.workspaceId, role: "OWNER" } });
      if (owners <= 1) {
        throw new DomainError(
          "CONFLICT",
          "You are the last owner. Make another member an owner before leaving, or delete the workspace.",
        );
      }
    }
    await tx.membership.delete({ where: { workspaceId_userId: { workspaceId: ctx.workspaceId, userId: ctx.actor.id } } });
    await recordAudit(ctx.workspaceId, ctx.actor, { action: "member.left", targetType: "user", targetId: ctx.actor.id }, tx);
  });
}
