import "server-only";
import { db, Prisma } from "@/lib/db";
import { QUERY_TIMEOUT_MESSAGE, QueryTimeoutError, withStatementTimeout } from "@/lib/db/statement-timeout";
import { getSegment } from "@/lib/segments/store";
import { loadEvaluationContext, prepare } from "@/lib/segments/evaluate";
import { compile } from "@/lib/segments/compile";
import { SegmentError } from "@/lib/segments/errors";
import { clvSql, orderValueColumnsSql, orderValueFromRow, type OrderValue, type OrderValueRow } from "@/lib/analytics/clv";
import { RFM_SEGMENT_LABELS, rfmBoundsSql, rfmScoreSql } from "@/lib/analytics/rfm";
import type { RfmSegmentName } from "@/lib/segments/definition";
import { lifecycleThresholdsFromSettings } from "@/lib/analytics/lifecycle";
import type { LifecycleFilter } from "@/lib/analytics/lifecycle-filter";
import { lifecycleFilterSql } from "@/lib/analytics/lifecycle-report";
import type { CustomerExportMetrics } from "@/lib/customers/customer-export";
import type { CustomerListState, SortDirection, SortKey } from "@/lib/customers/url-state";
import type { CustomerTextRow } from "@/lib/customers/record";
import {
  fieldDeclaration,
  LIST_FIELDS,
  SUGGESTION_FIELD_KEYS,
  type ListFieldKey,
  type SortableFieldKey,
  type SuggestionFieldKey,
} from "@/lib/customers/field-registry";

/**
 * Tenant-scoped customer queries. Every function takes the workspace id and every statement is
 * restricted to it. Lists and exports are one parameterized SQL query over `"Customer" c`: user
 * values are parameters, and identifiers come only from the fixed sort map below (or from the
 * segment engine's compiler, which ANDs the workspace in itself).
 */
const { sql, raw } = Prisma;
type Sql = Prisma.Sql;
type Tx = Prisma.TransactionClient;

// ---------------------------------------------------------------------------------------------
// Filters: workspace, quick search, and (optionally) a saved segment

/** The rows a list or export reads: FROM and WHERE, the workspace always ANDed in. */
/** `with` starts the statement (the engine's shared CTEs; empty without a segment). */
export type CustomerFilter = { with: Sql; from: Sql; where: Sql };

export type AppliedSegment = { id: string; name: string };

/**
 * The hook into the segment engine: a saved segment's predicate as SQL over `"Customer" c`, or a
 * message saying why it cannot be applied (unknown id — including another workspace's — or a
 * definition that no longer validates).
 */
export async function segmentFilter(
  workspaceId: string,
  segmentId: string,
  now: Date,
): Promise<({ ok: true; segment: AppliedSegment } & CustomerFilter) | { ok: false; message: string }> {
  try {
    const segment = await getSegment(db, workspaceId, segmentId);
    const prepared = await prepare(workspaceId, segment.definition, await loadEvaluationContext(db, workspaceId, { now }));
    const compiled = compile(prepared.definition, { ...prepared.ctx, workspaceId });
    return { ok: true, segment: { id: segment.id, name: segment.name }, with: compiled.with, from: compiled.from, where: compiled.where };
  } catch (error) {
    if (error instanceof SegmentError) {
      return {
        ok: false,
        message:
          error.code === "NOT_FOUND"
            ? "That segment could not be found, so all customers are shown."
            : `That segment cannot be applied right now (${error.message}), so all customers are shown.`,
      };
    }
    throw error;
  }
}

/** Escapes LIKE wildcards so a search for "50%" finds "50%". */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/** Case-insensitive quick search on name, e-mail and external id. */
export function searchSql(q: string): Sql {
  if (!q) return sql`true`;
  const p = likePattern(q);
  return sql`(c."email" ILIKE ${p} OR c."externalId" ILIKE ${p} OR c."firstName" ILIKE ${p} OR c."lastName" ILIKE ${p}
    OR concat_ws(' ', c."firstName", c."lastName") ILIKE ${p})`;
}

export type ResolvedFilter = CustomerFilter & { segment: AppliedSegment | null; segmentProblem: string | null };

export async function resolveFilter(
  workspaceId: string,
  options: { q: string; segment: string | null; lifecycle?: LifecycleFilter | null },
  now = new Date(),
): Promise<ResolvedFilter> {
  const base = { with: Prisma.empty, from: sql`"Customer" c`, where: sql`c."workspaceId" = ${workspaceId}::uuid` };
  let filter: CustomerFilter = base;
  let segment: AppliedSegment | null = null;
  let segmentProblem: string | null = null;
  if (options.segment) {
    const applied = await segmentFilter(workspaceId, options.segment, now);
    if (applied.ok) {
      filter = { with: applied.with, from: applied.from, where: applied.where };
      segment = applied.segment;
    } else {
      segmentProblem = applied.message;
    }
  }
  let lifecycle: Sql = sql`true`;
  if (options.lifecycle) {
    // The same subquery Insights → Lifecycle counts with (lib/analytics/lifecycle-report.ts).
    const workspace = await db.workspace.findUnique({ where: { id: workspaceId }, select: { settings: true } });
    lifecycle = lifecycleFilterSql(sql`${workspaceId}::uuid`, lifecycleThresholdsFromSettings(workspace?.settings ?? {}), now, options.lifecycle);
  }
  return {
    with: filter.with,
    from: filter.from,
    where: sql`${filter.where} AND ${searchSql(options.q)} AND ${lifecycle}`,
    segment,
    segmentProblem,
  };
}

// ---------------------------------------------------------------------------------------------
// The list

/** Sort expressions by key, from the field registry. The only identifiers that reach ORDER BY. */
const SORT_SQL: Record<SortKey, string[]> = {
  name: ['lower(c."lastName")', 'lower(c."firstName")'],
  ...(Object.fromEntries(
    LIST_FIELDS.filter((f) => f.list.sort).map((f) => [f.key, [f.list.sort === "lower" ? `lower(c."${f.key}")` : `c."${f.key}"`]]),
  ) as Record<SortableFieldKey, string[]>),
};

export function orderBySql(sort: SortKey, dir: SortDirection): Sql {
  const d = dir === "asc" ? "ASC" : "DESC";
  const parts = SORT_SQL[sort].map((expr) => `${expr} ${d} NULLS LAST`);
  parts.push(`c."id" ${d}`);
  return raw(parts.join(", "));
}

export type CustomerListRow = Pick<CustomerTextRow, "id" | "firstName" | "lastName" | "traits" | ListFieldKey>;

/** The id, the name's parts and the registry's list fields (money as exact text). */
const LIST_COLUMNS = raw(
  ["id", "firstName", "lastName", "traits", ...LIST_FIELDS.map((f) => f.key)]
    .filter((key, i, all) => all.indexOf(key) === i)
    .map((key) => (fieldDeclaration(key)?.kind === "money" ? `c."${key}"::text AS "${key}"` : `c."${key}"`))
    .join(", "),
);

export type CustomerList = {
  rows: CustomerListRow[];
  total: number;
  page: number;
  pageCount: number;
  segment: AppliedSegment | null;
  segmentProblem: string | null;
};

/**
 * One page of the workspace's customers for the list's URL state. A page past the end shows the
 * last page. Runs under the interactive time limit; a segment or lifecycle filter that runs over it
 * is dropped (all customers are shown, with the reason).
 */
export async function listCustomers(workspaceId: string, state: CustomerListState, now = new Date()): Promise<CustomerList> {
  const filter = await resolveFilter(workspaceId, { q: state.q, segment: state.segment, lifecycle: state.lifecycle }, now);
  try {
    return await withStatementTimeout((tx) => listPage(tx, filter, state));
  } catch (error) {
    if (!(error instanceof QueryTimeoutError) || !(filter.segment || state.lifecycle)) throw error;
    const unfiltered = await resolveFilter(workspaceId, { q: state.q, segment: null, lifecycle: null }, now);
    const list = await withStatementTimeout((tx) => listPage(tx, unfiltered, state));
    return { ...list, segmentProblem: `${QUERY_TIMEOUT_MESSAGE} All customers are shown.` };
  }
}

async function listPage(db: Tx, filter: ResolvedFilter, state: CustomerListState): Promise<CustomerList> {
  const counted = await db.$queryRaw<{ count: number }[]>(
    sql`${filter.with}SELECT count(*)::int AS "count" FROM ${filter.from} WHERE ${filter.where}`,
  );
  const total = Number(counted[0]?.count ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / state.size));
  const page = Math.min(state.page, pageCount);
  const rows =
    total === 0
      ? []
      : await db.$queryRaw<CustomerListRow[]>(
          sql`${filter.with}SELECT ${LIST_COLUMNS} FROM ${filter.from} WHERE ${filter.where}
              ORDER BY ${orderBySql(state.sort, state.dir)}
              LIMIT ${state.size}::int OFFSET ${(page - 1) * state.size}::int`,
        );
  return {
    rows: rows.map((r) => ({ ...r, id: Number(r.id) })),
    total,
    page,
    pageCount,
    segment: filter.segment,
    segmentProblem: filter.segmentProblem,
  };
}

export async function countCustomers(workspaceId: string): Promise<number> {
  return db.customer.count({ where: { workspaceId } });
}

// ---------------------------------------------------------------------------------------------
// Export: keyset pagination on id

export type CustomerExportRow = CustomerTextRow;

const EXPORT_COLUMNS = sql`${LIST_COLUMNS}, to_char(c."birthDate", 'YYYY-MM-DD') AS "birthDate", c."firstSeenAt",
  c."interests", c."needs", c."technologies", c."traits", c."updatedAt"`;

export const EXPORT_BATCH_SIZE = 1000;

/**
 * The filtered customers in id order, one batch at a time: each batch asks for ids after the last
 * one seen, so memory stays flat however many customers there are.
 */
export async function* streamCustomers(
  filter: CustomerFilter,
  options: { batchSize?: number } = {},
): AsyncGenerator<CustomerExportRow[]> {
  const batch = Math.max(1, Math.min(10_000, options.batchSize ?? EXPORT_BATCH_SIZE));
  let after = 0;
  for (;;) {
    // Each batch is one statement under the job time limit (an export is long, but no one
    // statement of it may hold the database).
    const rows = await withStatementTimeout(
      (tx) =>
        tx.$queryRaw<CustomerExportRow[]>(
          sql`${filter.with}SELECT ${EXPORT_COLUMNS} FROM ${filter.from} WHERE ${filter.where} AND c."id" > ${after}::int
              ORDER BY c."id" ASC LIMIT ${batch}::int`,
        ),
      { budget: "job" },
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({ ...r, id: Number(r.id) }));
    after = Number(rows[rows.length - 1]!.id);
    if (rows.length < batch) return;
  }
}

/**
 * Value metrics for a batch of exported customers: orders, lifetime value, last order and RFM
 * scores over the whole workspace (the engine's scoring, lib/analytics/rfm.ts). Customers without
 * orders are absent from the map.
 */
export async function loadExportMetrics(workspaceId: string, ids: readonly number[]): Promise<Map<number, CustomerExportMetrics>> {
  if (ids.length === 0) return new Map();
  const ws = sql`${workspaceId}::uuid`;
  const rows = await withStatementTimeout(
    (tx) =>
      tx.$queryRaw<{ cid: number; orderCount: number; clv: string; lastOrderAt: Date; r: number; f: number; m: number; seg: string }[]>(
        sql`WITH "rfm_bounds" AS MATERIALIZED (${rfmBoundsSql(ws)})
            SELECT x."customerId" AS "cid", x."orderCount", ${clvSql(sql`x."totalSpent"`)}::text AS "clv", x."lastOrderAt",
                   rfm."r", rfm."f", rfm."m", rfm."seg"
            FROM "CustomerMetrics" x CROSS JOIN "rfm_bounds" b
            CROSS JOIN LATERAL (${rfmScoreSql("x", "b")}) rfm
            WHERE x."workspaceId" = ${ws} AND x."customerId" = ANY(${[...ids]}::int[])`,
      ),
    { budget: "job" },
  );
  return new Map(
    rows.map((r) => [
      Number(r.cid),
      {
        orders: Number(r.orderCount),
        lifetimeValue: r.clv,
        lastOrderAt: r.lastOrderAt,
        recency: Number(r.r),
        frequency: Number(r.f),
        monetary: Number(r.m),
        rfmSegment: RFM_SEGMENT_LABELS[r.seg as RfmSegmentName] ?? r.seg,
      },
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// One customer

export async function findCustomer(workspaceId: string, id: number, client: Tx | typeof db = db) {
  return client.customer.findUnique({ where: { workspaceId_id: { workspaceId, id } } });
}

export type Customer = NonNullable<Awaited<ReturnType<typeof findCustomer>>>;

export async function isExternalIdTaken(tx: Tx, workspaceId: string, externalId: string, exceptId?: number): Promise<boolean> {
  const found = await tx.customer.findUnique({
    where: { workspaceId_externalId: { workspaceId, externalId } },
    select: { id: true },
  });
  return !!found && found.id !== exceptId;
}

export type CustomerColumns = Omit<Prisma.CustomerUncheckedCreateInput, "workspaceId" | "id" | "createdAt" | "updatedAt">;

export async function insertCustomer(tx: Tx, workspaceId: string, data: CustomerColumns) {
  return tx.customer.create({ data: { ...data, workspaceId } });
}

export async function updateCustomerColumns(tx: Tx, workspaceId: string, id: number, data: CustomerColumns) {
  return tx.customer.update({ where: { workspaceId_id: { workspaceId, id } }, data });
}

/** Deletes the given customers of this workspace (ids of other workspaces are simply not matched). */
export async function deleteCustomers(tx: Tx, workspaceId: string, ids: number[]) {
  const found = await tx.customer.findMany({
    where: { workspaceId, id: { in: ids } },
    select: { id: true, externalId: true, email: true, firstName: true, lastName: true },
    orderBy: { id: "asc" },
  });
  if (found.length === 0) return [];
  await tx.customer.deleteMany({ where: { workspaceId, id: { in: found.map((c) => c.id) } } });
  return found;
}

// ---------------------------------------------------------------------------------------------
// Profile: order totals, spend, timeline

export type CustomerOrderTotals = {
  orders: number;
  events: number;
  revenue: number;
  averageOrderValue: number | null;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
};

/**
 * The profile's order totals, from the customer's order value as lib/analytics computes it (the
 * `"CustomerMetrics"` row the segment engine reads too), and their number of events.
 */
export function orderTotals(value: OrderValue | null, events: number): CustomerOrderTotals {
  const revenue = value ? Number(value.totalSpent) : 0;
  const orders = value?.orderCount ?? 0;
  return {
    orders,
    events,
    revenue,
    averageOrderValue: orders > 0 ? revenue / orders : null,
    firstOrderAt: value?.firstOrderAt ?? null,
    lastOrderAt: value?.lastOrderAt ?? null,
  };
}

export async function customerOrderTotals(workspaceId: string, customerId: number): Promise<CustomerOrderTotals> {
  const [rows, events] = await Promise.all([
    db.$queryRaw<OrderValueRow[]>(
      sql`SELECT ${orderValueColumnsSql("m")} FROM "CustomerMetrics" m
          WHERE m."workspaceId" = ${workspaceId}::uuid AND m."customerId" = ${customerId}::int`,
    ),
    db.event.count({ where: { workspaceId, customerId } }),
  ]);
  return orderTotals(rows[0] ? orderValueFromRow(rows[0]) : null, events);
}

/** Spend per calendar month (UTC) over the twelve months up to `now`, months without orders included. */
export async function customerSpendByMonth(workspaceId: string, customerId: number, now = new Date()) {
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  const rows = await db.$queryRaw<{ month: string; revenue: string | null; orders: number }[]>(
    sql`SELECT to_char(date_trunc('month', o."orderedAt" AT TIME ZONE 'UTC'), 'YYYY-MM') AS "month",
               sum(o."amount")::text AS "revenue", count(*)::int AS "orders"
        FROM "Order" o
        WHERE o."workspaceId" = ${workspaceId}::uuid AND o."customerId" = ${customerId}::int AND o."orderedAt" >= ${since}
        GROUP BY 1 ORDER BY 1`,
  );
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth() + i, 1));
    const month = d.toISOString().slice(0, 7);
    const row = byMonth.get(month);
    return { month, revenue: Number(row?.revenue ?? 0), orders: Number(row?.orders ?? 0) };
  });
}

/** Lifetime spend per order category, largest first. */
export async function customerSpendByCategory(workspaceId: string, customerId: number) {
  const rows = await db.order.groupBy({
    by: ["category"],
    where: { workspaceId, customerId },
    _sum: { amount: true },
    _count: { _all: true },
  });
  return rows
    .map((r) => ({ category: r.category ?? "uncategorised", revenue: Number(r._sum.amount ?? 0), orders: r._count._all }))
    .sort((a, b) => b.revenue - a.revenue || a.category.localeCompare(b.category));
}

export type TimelineItem =
  | {
      kind: "order";
      id: number;
      at: Date;
      amount: number;
      currency: string;
      category: string | null;
      channel: string | null;
      quantity: number;
      externalId: string | null;
    }
  | { kind: "event"; id: number; at: Date; name: string; properties: unknown };

export const TIMELINE_STEP = 20;
export const TIMELINE_MAX = 500;

/** The most recent `limit` orders and events together, newest first; `hasMore` when older ones exist. */
export async function customerTimeline(workspaceId: string, customerId: number, limit: number) {
  const take = Math.max(1, Math.min(TIMELINE_MAX, Math.floor(limit)));
  const [orders, events] = await Promise.all([
    db.order.findMany({
      where: { workspaceId, customerId },
      orderBy: [{ orderedAt: "desc" }, { id: "desc" }],
      take: take + 1,
    }),
    db.event.findMany({
      where: { workspaceId, customerId },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: take + 1,
    }),
  ]);
  const items: TimelineItem[] = [
    ...orders.map((o) => ({
      kind: "order" as const,
      id: o.id,
      at: o.orderedAt,
      amount: Number(o.amount),
      currency: o.currency,
      category: o.category,
      channel: o.channel,
      quantity: o.quantity,
      externalId: o.externalId,
    })),
    ...events.map((e) => ({ kind: "event" as const, id: e.id, at: e.occurredAt, name: e.name, properties: e.properties })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime() || (a.kind === b.kind ? b.id - a.id : a.kind === "order" ? -1 : 1));
  return { items: items.slice(0, take), hasMore: items.length > take, limit: take };
}

// ---------------------------------------------------------------------------------------------
// Form suggestions

/** The workspace's most common values for a few free-text fields, for the form's suggestions. */
export async function fieldSuggestions(workspaceId: string): Promise<Record<SuggestionFieldKey, string[]>> {
  const top = async (field: SuggestionFieldKey) => {
    const rows = await db.customer.groupBy({
      by: [field],
      where: { workspaceId, [field]: { not: null } },
      _count: { _all: true },
      orderBy: { _count: { [field]: "desc" } },
      take: 20,
    });
    return rows.map((r) => (r as Record<string, unknown>)[field]).filter((v): v is string => typeof v === "string" && v !== "");
  };
  const found = await Promise.all(SUGGESTION_FIELD_KEYS.map(top));
  return Object.fromEntries(SUGGESTION_FIELD_KEYS.map((key, i) => [key, found[i]!])) as Record<SuggestionFieldKey, string[]>;
}
