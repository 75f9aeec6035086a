/**
 * Read-only share links to a persona, the pure part: the rules a link follows and what a shared
 * view may show of the evidence.
 *
 * A shared view shows the card and aggregate figures only, never a customer. Every aggregate
 * computed over fewer than SHARE_MIN_GROUP customers is withheld (shown as "fewer than 5"): the
 * whole match, a median or average, a top value, an RFM or lifecycle bucket. For the mixes, whose
 * buckets add up to a known whole, more buckets are withheld until the withheld ones together hold
 * at least SHARE_MIN_GROUP customers (or none), so a small bucket cannot be worked out by
 * subtraction either.
 */
import type { EvidenceResult } from "@/lib/dal/personas";
import type { Comparison, LiftRow, MixRow, PersonaEvidence } from "@/lib/personas/evidence";

/** Aggregates over fewer customers than this are withheld from shared views. */
export const SHARE_MIN_GROUP = 5;

/** Active (not revoked, not expired) links one persona may have at a time. */
export const MAX_ACTIVE_SHARE_LINKS = 10;

/** How long a new link lives: null = until revoked. */
export const SHARE_EXPIRY_DAYS = [7, 30, 90] as const;
export type ShareExpiryDays = (typeof SHARE_EXPIRY_DAYS)[number];

export type ShareLinkState = "active" | "expired" | "revoked";

export function shareLinkState(link: { expiresAt: Date | null; revokedAt: Date | null }, now = new Date()): ShareLinkState {
  if (link.revokedAt) return "revoked";
  if (link.expiresAt && link.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

export function shareUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, "")}/share/personas/${token}`;
}

// ---------------------------------------------------------------------------------------------
// What a shared view shows of the evidence

/** A figure for the persona and for all customers; null when computed over too few customers. */
export type SharedFigure = Comparison | null;
export type SharedLiftRow = Pick<LiftRow, "value" | "share" | "baseShare" | "lift">;
export type SharedMixRow = Pick<MixRow, "key" | "label" | "share" | "baseShare">;
/** The rows that may be shown, and how many were withheld. */
export type SharedRows<T> = { rows: T[]; withheld: number };

export type SharedEvidence =
  | { status: "ungrounded" }
  | { status: "unavailable" }
  | { status: "too-few"; computedAt: string }
  | {
      status: "ok";
      computedAt: string;
      matching: number;
      base: number;
      share: number;
      medianAge: SharedFigure;
      medianIncome: SharedFigure;
      averageClv: SharedFigure;
      averageOrderValue: SharedFigure;
      countries: SharedRows<SharedLiftRow>;
      industries: SharedRows<SharedLiftRow>;
      channels: SharedRows<SharedLiftRow>;
      categories: SharedRows<SharedLiftRow>;
      rfm: SharedRows<SharedMixRow>;
      lifecycle: SharedRows<SharedMixRow>;
    };

const small = (n: number) => n > 0 && n < SHARE_MIN_GROUP;

function figure(c: Comparison, groupSize: number): SharedFigure {
  return groupSize < SHARE_MIN_GROUP ? null : { persona: c.persona, base: c.base };
}

function topValues(rows: LiftRow[]): SharedRows<SharedLiftRow> {
  const shown = rows.filter((r) => r.count >= SHARE_MIN_GROUP && r.baseCount >= SHARE_MIN_GROUP);
  return { rows: shown.map(({ value, share, baseShare, lift }) => ({ value, share, baseShare, lift })), withheld: rows.length - shown.length };
}

/**
 * A mix's buckets add up to a whole, so withholding one small bucket is not enough: it could be
 * worked out from the others. Buckets are withheld from the smallest up until the withheld ones
 * hold, together, none or at least SHARE_MIN_GROUP customers — of the persona and of the base.
 */
export function suppressMix(rows: MixRow[]): SharedRows<SharedMixRow> {
  const hidden = new Set(rows.filter((r) => small(r.count) || small(r.baseCount)).map((r) => r.key));
  const total = (pick: (r: MixRow) => number) => rows.filter((r) => hidden.has(r.key)).reduce((s, r) => s + pick(r), 0);
  const bySize = [...rows].sort((a, b) => a.count - b.count || a.baseCount - b.baseCount);
  while (hidden.size > 0 && (small(total((r) => r.count)) || small(total((r) => r.baseCount)))) {
    const next = bySize.find((r) => !hidden.has(r.key) && (r.count > 0 || r.baseCount > 0));
    if (!next) break;
    hidden.add(next.key);
  }
  const shown = rows.filter((r) => !hidden.has(r.key));
  return { rows: shown.map(({ key, label, share, baseShare }) => ({ key, label, share, baseShare })), withheld: hidden.size };
}

/** The evidence as a shared view may show it: aggregates over SHARE_MIN_GROUP or more customers only. */
export function shareableEvidence(evidence: PersonaEvidence): SharedEvidence {
  if (evidence.matching < SHARE_MIN_GROUP) return { status: "too-few", computedAt: evidence.computedAt };
  const { groupSizes: n } = evidence;
  return {
    status: "ok",
    computedAt: evidence.computedAt,
    matching: evidence.matching,
    base: evidence.base,
    share: evidence.share,
    medianAge: figure(evidence.medianAge, n.age),
    medianIncome: figure(evidence.medianIncome, n.income),
    averageClv: figure(evidence.averageClv, evidence.matching),
    averageOrderValue: figure(evidence.averageOrderValue, n.withOrders),
    countries: topValues(evidence.countries),
    industries: topValues(evidence.industries),
    channels: topValues(evidence.channels),
    categories: topValues(evidence.categories),
    rfm: suppressMix(evidence.rfm),
    lifecycle: suppressMix(evidence.lifecycle),
  };
}

export function shareableResult(result: EvidenceResult): SharedEvidence {
  if (result.status === "ungrounded") return { status: "ungrounded" };
  if (result.status === "problem") return { status: "unavailable" };
  return shareableEvidence(result.evidence);
}
