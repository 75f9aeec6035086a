import { z } from "zod";
import { SHARE_EXPIRY_DAYS } from "@/lib/personas/share";

/** Share links to a persona (lib/personas/share-service.ts). */
const id = z.string().min(1).max(64);

export const createShareLinkSchema = z.object({
  personaId: id,
  /** Days until the link stops working; null: until revoked. */
  expiresInDays: z
    .number()
    .int()
    .refine((d) => (SHARE_EXPIRY_DAYS as readonly number[]).includes(d), `Choose ${SHARE_EXPIRY_DAYS.join(", ")} days or never.`)
    .nullable(),
});
export type CreateShareLinkInput = z.input<typeof createShareLinkSchema>;

export const revokeShareLinkSchema = z.object({ personaId: id, linkId: id });
export type RevokeShareLinkInput = z.input<typeof revokeShareLinkSchema>;

/** The token in a share URL: a workspace token (lib/tokens.ts). Anything else is simply not found. */
export const shareTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
