"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/dal/audit";
import { isSlugTaken } from "@/lib/dal/workspaces";
import { ActionError } from "@/lib/errors";
import { userAction, workspaceAction } from "@/lib/actions/safe-action";
import {
  createWorkspaceSchema,
  deleteWorkspaceSchema,
  slugify,
  updateWorkspaceSchema,
  workspaceSlug,
} from "@/lib/validations/workspace";

const slugTaken = () =>
  new ActionError("CONFLICT", "That workspace address is already taken.", {
    slug: ["That address is already taken. Try another one."],
  });

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

async function uniqueSlugFor(name: string): Promise<string> {
  const base = slugify(name).padEnd(3, "0");
  for (let i = 0; i < 20; i++) {
    const candidate = i === 0 ? base : `${base.slice(0, 36)}-${i + 1}`;
    if (workspaceSlug.safeParse(candidate).success && !(await isSlugTaken(candidate))) return candidate;
  }
  return `${base.slice(0, 30)}-${Date.now().toString(36)}`;
}

export const createWorkspace = userAction(createWorkspaceSchema, async ({ name, slug }, { user }) => {
  const chosen = slug ? slug : await uniqueSlugFor(name);
  if (slug && (await isSlugTaken(slug))) throw slugTaken();
  try {
    const workspace = await db.$transaction(async (tx) => {
      const ws = await tx.workspace.create({ data: { name, slug: chosen } });
      await tx.membership.create({ data: { workspaceId: ws.id, userId: user.id, role: "OWNER" } });
      await recordAudit(ws.id, user, { action: "workspace.created", metadata: { name, slug: chosen } }, tx);
      return ws;
    });
    return { slug: workspace.slug };
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
});

export const updateWorkspace = workspaceAction("workspace.update", updateWorkspaceSchema, async (input, ctx) => {
  if (await isSlugTaken(input.slug, ctx.workspace.id)) throw slugTaken();
  try {
    await db.$transaction(async (tx) => {
      await tx.workspace.update({ where: { id: ctx.workspace.id }, data: { name: input.name, slug: input.slug } });
      await recordAudit(
        ctx.workspace.id,
        ctx.user,
        {
          action: "workspace.updated",
          metadata: { from: { name: ctx.workspace.name, slug: ctx.workspace.slug }, to: input },
        },
        tx,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
  revalidatePath("/", "layout");
  return { slug: input.slug };
});

export const deleteWorkspace = workspaceAction("workspace.delete", deleteWorkspaceSchema, async (input, ctx) => {
  if (input.confirmation.trim() !== ctx.workspace.slug) {
    throw new ActionError("VALIDATION", "The confirmation does not match.", {
      confirmation: [`Type ${ctx.workspace.slug} to confirm.`],
    });
  }
  await db.$transaction([
    // Import scratch keys have no foreign key to cascade along.
    db.importKey.deleteMany({ where: { workspaceId: ctx.workspace.id } }),
    db.workspace.delete({ where: { id: ctx.workspace.id } }),
  ]);
  console.info(`[audit] workspace ${ctx.workspace.id} (${ctx.workspace.slug}) deleted by ${ctx.user.email}`);
  redirect("/workspaces");
});

/** Remembers nothing server-side: switching is navigating to the workspace's URL. */
export const leaveWorkspace = workspaceAction("workspace.read", z.object({}), async (_input, ctx) => {
  await db.$transaction(async (tx) => {
    if (ctx.role === "OWNER") {
      const owners = await tx.membership.count({ where: { workspaceId: ctx.workspace.id, role: "OWNER" } });
      if (owners <= 1) {
        throw new ActionError(
          "CONFLICT",
          "You are the last owner. Make another member an owner before leaving, or delete the workspace.",
        );
      }
    }
    await tx.membership.delete({ where: { workspaceId_userId: { workspaceId: ctx.workspace.id, userId: ctx.user.id } } });
    await recordAudit(ctx.workspace.id, ctx.user, { action: "member.left", targetType: "user", targetId: ctx.user.id }, tx);
  });
  redirect("/workspaces");
});
