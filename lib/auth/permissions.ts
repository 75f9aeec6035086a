import "server-only";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * What each role may do. VIEWER reads everything; EDITOR creates and edits data, segments, personas
 * and strategies; ADMIN also manages members and workspace settings; OWNER also deletes the workspace.
 */
export const PERMISSIONS = {
  "workspace.read": ["OWNER", "ADMIN", "EDITOR", "VIEWER"],
  "data.write": ["OWNER", "ADMIN", "EDITOR"],
  "segments.write": ["OWNER", "ADMIN", "EDITOR"],
  "personas.write": ["OWNER", "ADMIN", "EDITOR"],
  "strategies.write": ["OWNER", "ADMIN", "EDITOR"],
  "workspace.update": ["OWNER", "ADMIN"],
  "members.manage": ["OWNER", "ADMIN"],
  "workspace.delete": ["OWNER"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export const ROLES: readonly Role[] = ["OWNER", "ADMIN", "EDITOR", "VIEWER"];

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  EDITOR: "Editor",
  VIEWER: "Viewer",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  OWNER: "Everything, including deleting the workspace",
  ADMIN: "Manages members, invitations and settings",
  EDITOR: "Creates and edits customers, segments, personas and strategies",
  VIEWER: "Reads everything, changes nothing",
};

/** Only an OWNER may hand out or take away the OWNER role. */
export function canAssignRole(actor: Role, target: Role): boolean {
  if (!can(actor, "members.manage")) return false;
  return target !== "OWNER" || actor === "OWNER";
}
