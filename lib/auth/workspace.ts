import "server-only";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { can, type Permission } from "@/lib/auth/permissions";
import { findMembershipBySlug } from "@/lib/dal/workspaces";

/**
 * For pages under /w/[workspaceSlug]: the signed-in user's membership, or a 404 — an unknown slug and
 * a workspace the user is not a member of look exactly the same.
 */
export async function requireWorkspace(slug: string) {
  const user = await requireUser(`/w/${slug}`);
  const membership = await findMembershipBySlug(user.id, slug);
  if (!membership) notFound();
  const permissions = (perm: Permission) => can(membership.role, perm);
  return { user, ...membership, can: permissions };
}
