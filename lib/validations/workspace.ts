import { z } from "zod";
import { email } from "@/lib/validations/auth";

export const WORKSPACE_NAME_MAX = 60;
export const SLUG_MAX = 40;
const RESERVED_SLUGS = new Set(["new", "api", "settings", "admin", "app", "www", "invite", "sign-in", "sign-up"]);

export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, "");
}

export const workspaceName = z
  .string({ error: "Give the workspace a name." })
  .trim()
  .min(2, "Use at least 2 characters.")
  .max(WORKSPACE_NAME_MAX, `Use at most ${WORKSPACE_NAME_MAX} characters.`);

export const workspaceSlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "Use at least 3 characters.")
  .max(SLUG_MAX, `Use at most ${SLUG_MAX} characters.`)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single dashes (e.g. acme-growth).")
  .refine((s) => !RESERVED_SLUGS.has(s), "That address is reserved; pick another.");

export const createWorkspaceSchema = z.object({
  name: workspaceName,
  slug: z.union([workspaceSlug, z.literal("")]).optional(),
});

export const updateWorkspaceSchema = z.object({ name: workspaceName, slug: workspaceSlug });

export const roleSchema = z.enum(["OWNER", "ADMIN", "EDITOR", "VIEWER"], { error: "Pick a role." });

export const inviteSchema = z.object({ email, role: roleSchema });

export const changeRoleSchema = z.object({ userId: z.string().min(1).max(64), role: roleSchema });
export const memberSchema = z.object({ userId: z.string().min(1).max(64) });
export const invitationIdSchema = z.object({ invitationId: z.string().min(1).max(64) });
export const deleteWorkspaceSchema = z.object({ confirmation: z.string().max(200) });
export const acceptInviteSchema = z.object({ token: z.string().min(10).max(200) });
export const auditQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  action: z.string().max(60).optional().catch(undefined),
});

/** The longest lifecycle threshold: ten years (the same bound lib/analytics/lifecycle.ts reads). */
export const LIFECYCLE_DAYS_MAX = 3650;

const lifecycleDays = (what: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: `Enter ${what} in days.` })
      .int("Use whole days.")
      .min(1, "Use at least 1 day.")
      .max(LIFECYCLE_DAYS_MAX, `Use at most ${LIFECYCLE_DAYS_MAX} days (ten years).`),
  );

/**
 * Lifecycle thresholds (Settings → Lifecycle stages): whole days, new ≤ active < churn. An empty
 * field is an error rather than a silent default.
 */
export const lifecycleThresholdsSchema = z
  .object({
    newDays: lifecycleDays("the new window"),
    activeDays: lifecycleDays("the active window"),
    churnDays: lifecycleDays("the churn threshold"),
  })
  .superRefine((t, ctx) => {
    if (t.newDays > t.activeDays)
      ctx.addIssue({ code: "custom", path: ["newDays"], message: "Use at most the active window: a new customer is an active one too." });
    if (t.activeDays >= t.churnDays)
      ctx.addIssue({ code: "custom", path: ["churnDays"], message: "Use more days than the active window." });
  });
