import "server-only";
import { db } from "@/lib/db";
import { DEFAULT_WEIGHTS, strategyConfigSchema, type StrategyConfig, type StrategyTypeKey } from "@/lib/validations/strategy";

/** Tenant-scoped strategy reads: every function takes the workspace id and looks only inside it. */

const EMPTY_CONFIG: StrategyConfig = {
  targets: [],
  weights: DEFAULT_WEIGHTS,
  exclusions: { personasOff: [], segmentIds: [], suppressOptedOut: true },
  holdoutPercent: 0,
};

/** The stored config read again through the schema; an unreadable one reads as empty (and says so). */
export function readStrategyConfig(value: unknown): { config: StrategyConfig; readable: boolean } {
  const parsed = strategyConfigSchema.safeParse(value ?? {});
  return parsed.success ? { config: parsed.data, readable: true } : { config: EMPTY_CONFIG, readable: false };
}

async function userNames(workspaceId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.membership.findMany({
    where: { workspaceId, userId: { in: [...new Set(ids)] } },
    select: { user: { select: { id: true, name: true, email: true } } },
  });
  return new Map(rows.map((r) => [r.user.id, r.user.name ?? r.user.email]));
}

export type StrategyListItem = {
  id: string;
  name: string;
  type: StrategyTypeKey;
  status: "DRAFT" | "ACTIVE" | "ARCHIVED";
  owner: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  updatedAt: Date;
};

export const STRATEGY_PAGE_SIZE = 25;

export type StrategyStatusKey = StrategyListItem["status"];

/** Strategies, most recently changed first, optionally of one status (for the compare pickers: `take` rows). */
export async function listStrategies(workspaceId: string, opts: { status?: StrategyStatusKey; skip?: number; take?: number } = {}): Promise<StrategyListItem[]> {
  const rows = await db.targetingStrategy.findMany({
    where: { workspaceId, ...(opts.status ? { status: opts.status } : {}) },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    select: { id: true, name: true, type: true, status: true, ownerId: true, periodStart: true, periodEnd: true, updatedAt: true },
    skip: opts.skip ?? 0,
    take: Math.min(opts.take ?? 500, 500),
  });
  const names = await userNames(workspaceId, rows.flatMap((r) => (r.ownerId ? [r.ownerId] : [])));
  return rows.map(({ ownerId, ...r }) => ({ ...r, owner: ownerId ? (names.get(ownerId) ?? "Former member") : null }));
}

export type StrategyPage = { rows: StrategyListItem[]; total: number; page: number; pageCount: number; counts: Record<StrategyStatusKey | "ALL", number> };

/** One page of the strategies list; a page past the end shows the last one. */
export async function pageStrategies(workspaceId: string, input: { page: number; status?: StrategyStatusKey }): Promise<StrategyPage> {
  const grouped = await db.targetingStrategy.groupBy({ by: ["status"], where: { workspaceId }, _count: { _all: true } });
  const counts = { ALL: 0, DRAFT: 0, ACTIVE: 0, ARCHIVED: 0 };
  for (const g of grouped) {
    counts[g.status] = g._count._all;
    counts.ALL += g._count._all;
  }
  const total = input.status ? counts[input.status] : counts.ALL;
  const pageCount = Math.max(1, Math.ceil(total / STRATEGY_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page), pageCount);
  const rows = await listStrategies(workspaceId, { status: input.status, skip: (page - 1) * STRATEGY_PAGE_SIZE, take: STRATEGY_PAGE_SIZE });
  return { rows, total, page, pageCount, counts };
}

/** The strategy named in a URL, or null when it is not this workspace's (the page answers 404). */
export async function findStrategyForPage(workspaceId: string, id: string) {
  if (id.length > 64) return null;
  const row = await db.targetingStrategy.findFirst({
    where: { workspaceId, id },
    select: {
      id: true,
      name: true,
      type: true,
      status: true,
      description: true,
      periodStart: true,
      periodEnd: true,
      budget: true,
      ownerId: true,
      config: true,
      version: true,
      holdoutFrozenAt: true,
      updatedAt: true,
      updatedById: true,
    },
  });
  if (!row) return null;
  const { config, readable } = readStrategyConfig(row.config);
  const names = await userNames(workspaceId, row.updatedById ? [row.updatedById] : []);
  return {
    ...row,
    budget: row.budget === null ? null : Number(row.budget),
    config,
    configReadable: readable,
    updatedBy: row.updatedById ? (names.get(row.updatedById) ?? "Former member") : null,
  };
}
export type StrategyForPage = NonNullable<Awaited<ReturnType<typeof findStrategyForPage>>>;

/** The signed-in member's own ratings on a strategy, by segment. */
export async function myRatings(workspaceId: string, strategyId: string, userId: string) {
  const rows = await db.strategyRating.findMany({ where: { workspaceId, strategyId, userId }, select: { segmentId: true, score: true, note: true } });
  return Object.fromEntries(rows.map((r) => [r.segmentId, { score: r.score, note: r.note }]));
}

/** What the strategy form chooses from: members (owner), active segments, personas. */
export async function strategyFormChoices(workspaceId: string) {
  const [members, segments, personas] = await Promise.all([
    db.membership.findMany({
      where: { workspaceId },
      select: { user: { select: { id: true, name: true, email: true } } },
      orderBy: [{ createdAt: "asc" }],
    }),
    db.segment.findMany({
      where: { workspaceId, archivedAt: null },
      select: { id: true, name: true, kind: true, snapshots: { orderBy: { takenAt: "desc" }, take: 1, select: { size: true } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: 500,
    }),
    db.persona.findMany({
      where: { workspaceId },
      select: { id: true, name: true, isNegative: true, segmentId: true, definition: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: 500,
    }),
  ]);
  return {
    members: members.map((m) => ({ id: m.user.id, name: m.user.name ?? m.user.email })),
    segments: segments.map((s) => ({ id: s.id, name: s.name, isStatic: s.kind === "STATIC", size: s.snapshots[0]?.size ?? null })),
    personas: personas.map((p) => ({ id: p.id, name: p.name, isNegative: p.isNegative, hasRules: p.segmentId !== null || p.definition !== null })),
  };
}
export type StrategyFormChoices = Awaited<ReturnType<typeof strategyFormChoices>>;
