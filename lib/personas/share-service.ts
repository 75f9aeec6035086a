import "server-only";
import type { z } from "zod";
import { db, Prisma } from "@/lib/db";
import { recordAudit } from "@/lib/dal/audit";
import { findPersona, findPersonaPhoto, personaEvidence, type PersonaCardData } from "@/lib/dal/personas";
import { authorize, type ServiceContext } from "@/lib/domain/context";
import { env } from "@/lib/env";
import { DomainError, notFound } from "@/lib/errors";
import { DRAFT_SECTION_TITLE } from "@/lib/personas/draft";
import { MAX_ACTIVE_SHARE_LINKS, shareableResult, shareUrl, type SharedEvidence } from "@/lib/personas/share";
import { createWorkspaceToken, parseWorkspaceToken } from "@/lib/tokens";
import {
  createShareLinkSchema,
  revokeShareLinkSchema,
  shareTokenSchema,
  type CreateShareLinkInput,
  type RevokeShareLinkInput,
} from "@/lib/validations/persona-share";

/**
 * Read-only share links to a persona. Members with `personas.write` create and revoke them; any
 * member sees who shared what. The raw token is returned once, by `createShareLink`: only the
 * SHA-256 of its secret is stored, and a token carries its workspace id so the logged-out lookup
 * (`resolveShareToken`) stays on the (workspaceId, tokenHash) key. A revoked or expired link, a
 * malformed token and an unknown one all read as "not found". What a shared view shows is decided
 * by lib/personas/share.ts (aggregates over at least SHARE_MIN_GROUP customers only).
 */
const DAY_MS = 24 * 60 * 60 * 1000;

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
    throw new DomainError("VALIDATION", "Please correct the highlighted fields.", fieldErrors);
  }
  return parsed.data;
}

const activeWhere = (now: Date): Prisma.PersonaShareLinkWhereInput => ({ revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] });

export async function createShareLink(ctx: ServiceContext, input: CreateShareLinkInput, now = new Date()) {
  authorize(ctx, "personas.write");
  const { personaId, expiresInDays } = parse(createShareLinkSchema, input);
  const { token, tokenHash } = createWorkspaceToken(ctx.workspaceId);
  const expiresAt = expiresInDays === null ? null : new Date(now.getTime() + expiresInDays * DAY_MS);
  const link = await db.$transaction(async (tx) => {
    const persona = await tx.persona.findFirst({ where: { workspaceId: ctx.workspaceId, id: personaId }, select: { name: true } });
    if (!persona) throw notFound("That persona");
    const active = await tx.personaShareLink.count({ where: { workspaceId: ctx.workspaceId, personaId, ...activeWhere(now) } });
    if (active >= MAX_ACTIVE_SHARE_LINKS)
      throw new DomainError("CONFLICT", `This persona already has ${MAX_ACTIVE_SHARE_LINKS} active share links. Revoke one you no longer need first.`);
    const row = await tx.personaShareLink.create({
      data: { workspaceId: ctx.workspaceId, personaId, tokenHash, createdById: ctx.actor.id, createdAt: now, expiresAt },
      select: { id: true },
    });
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      {
        action: "persona.share_link_created",
        targetType: "persona",
        targetId: personaId,
        metadata: { name: persona.name, linkId: row.id, expiresAt: expiresAt?.toISOString() ?? null },
      },
      tx,
    );
    return row;
  });
  return { id: link.id, url: shareUrl(env().APP_URL, token), token, expiresAt: expiresAt?.toISOString() ?? null };
}

export type ShareLinkSummary = Awaited<ReturnType<typeof listShareLinks>>[number];

/** The persona's active links, newest first, with who made them (no token: it is not stored). */
export async function listShareLinks(ctx: ServiceContext, personaId: string, now = new Date()) {
  authorize(ctx, "workspace.read");
  const rows = await db.personaShareLink.findMany({
    where: { workspaceId: ctx.workspaceId, personaId, ...activeWhere(now) },
    select: { id: true, createdById: true, createdAt: true, expiresAt: true, lastViewedAt: true, viewCount: true },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: MAX_ACTIVE_SHARE_LINKS * 2,
  });
  const ids = [...new Set(rows.map((r) => r.createdById).filter((v): v is string => !!v))];
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } }) : [];
  const who = new Map(users.map((u) => [u.id, u.name ?? u.email]));
  return rows.map((r) => ({
    id: r.id,
    createdBy: (r.createdById && who.get(r.createdById)) || "A former member",
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    lastViewedAt: r.lastViewedAt?.toISOString() ?? null,
    viewCount: r.viewCount,
  }));
}

export async function revokeShareLink(ctx: ServiceContext, input: RevokeShareLinkInput, now = new Date()) {
  authorize(ctx, "personas.write");
  const { personaId, linkId } = parse(revokeShareLinkSchema, input);
  return db.$transaction(async (tx) => {
    const revoked = await tx.personaShareLink.updateMany({
      where: { workspaceId: ctx.workspaceId, id: linkId, personaId, revokedAt: null },
      data: { revokedAt: now, revokedById: ctx.actor.id },
    });
    if (revoked.count === 0) throw notFound("That share link");
    const persona = await tx.persona.findFirst({ where: { workspaceId: ctx.workspaceId, id: personaId }, select: { name: true } });
    await recordAudit(
      ctx.workspaceId,
      ctx.actor,
      { action: "persona.share_link_revoked", targetType: "persona", targetId: personaId, metadata: { name: persona?.name ?? "", linkId } },
      tx,
    );
    return { revoked: true };
  });
}

export type ResolvedShare = { workspaceId: string; personaId: string; linkId: string; expiresAt: Date | null };

/**
 * The link behind a token, for a logged-out visitor: null when the token is malformed, unknown,
 * revoked or expired (all alike). `countView` records a view of the page.
 */
export async function resolveShareToken(token: string, options: { countView?: boolean; now?: Date } = {}): Promise<ResolvedShare | null> {
  const now = options.now ?? new Date();
  if (!shareTokenSchema.safeParse(token).success) return null;
  const parsed = parseWorkspaceToken(token);
  if (!parsed) return null;
  const link = await db.personaShareLink.findFirst({
    where: { workspaceId: parsed.workspaceId, tokenHash: parsed.tokenHash, ...activeWhere(now) },
    select: { id: true, personaId: true, expiresAt: true },
  });
  if (!link) return null;
  if (options.countView)
    await db.personaShareLink.updateMany({
      where: { workspaceId: parsed.workspaceId, id: link.id },
      data: { viewCount: { increment: 1 }, lastViewedAt: now },
    });
  return { workspaceId: parsed.workspaceId, personaId: link.personaId, linkId: link.id, expiresAt: link.expiresAt };
}

/** What a shared view shows of the card: the team's text, never the rules, the segment or the review. */
export function sharedCard(card: PersonaCardData) {
  return {
    name: card.name,
    isNegative: card.isNegative,
    headline: card.headline,
    description: card.description,
    ageRange: card.ageRange,
    gender: card.gender,
    occupation: card.occupation,
    location: card.location,
    incomeBand: card.incomeBand,
    education: card.education,
    family: card.family,
    quote: card.quote,
    goals: card.goals,
    painPoints: card.painPoints,
    motivations: card.motivations,
    needs: card.needs,
    objections: card.objections,
    buyingTriggers: card.buyingTriggers,
    preferredChannels: card.preferredChannels,
    brandsMedia: card.brandsMedia,
    technology: card.technology,
    personality: card.personality,
    tags: card.tags,
    // The drafting notes quote the source segment's figures, which may describe few customers.
    sections: card.sections.filter((s) => s.title !== DRAFT_SECTION_TITLE),
    photoVersion: card.photoVersion,
    updatedAt: card.updatedAt,
  };
}
export type SharedCard = ReturnType<typeof sharedCard>;

export type SharedPersona = { card: SharedCard; evidence: SharedEvidence; expiresAt: string | null };

/** The card and its shareable evidence for a persona of the workspace (members' PDF and shared views alike). */
export async function loadShareablePersona(workspaceId: string, personaId: string, now = new Date()): Promise<Omit<SharedPersona, "expiresAt"> | null> {
  const found = await findPersona(workspaceId, personaId);
  if (!found) return null;
  const { card } = found;
  const evidence = await personaEvidence(workspaceId, { definition: card.definition, segmentId: card.segmentId }, undefined, now);
  return { card: sharedCard(card), evidence: shareableResult(evidence) };
}

/** A member's copy of the card with its shareable evidence (the PDF follows the same rules as a shared view). */
export async function personaForPdf(ctx: ServiceContext, personaId: string, now = new Date()) {
  authorize(ctx, "workspace.read");
  const loaded = await loadShareablePersona(ctx.workspaceId, personaId, now);
  if (!loaded) throw notFound("That persona");
  return loaded;
}

/** The shared persona behind a token, or null (see resolveShareToken). */
export async function sharedPersona(token: string, options: { countView?: boolean; now?: Date } = {}): Promise<SharedPersona | null> {
  const link = await resolveShareToken(token, options);
  if (!link) return null;
  const loaded = await loadShareablePersona(link.workspaceId, link.personaId, options.now);
  return loaded ? { ...loaded, expiresAt: link.expiresAt?.toISOString() ?? null } : null;
}

/** The photo of the persona behind a token, or null. */
export async function sharedPersonaPhoto(token: string) {
  const link = await resolveShareToken(token);
  return link ? findPersonaPhoto(link.workspaceId, link.personaId) : null;
}
