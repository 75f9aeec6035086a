/**
 * Per-customer aggregates of orders / events for behavior conditions: one LEFT JOIN per distinct
 * (subject, window), computing only the aggregates some condition needs. All orders ever, unfiltered,
 * are read from `"CustomerMetrics"` (kept current by triggers on `"Order"`) instead.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { Subject, Window } from "@/lib/segments/definition";
import { windowRange } from "@/lib/segments/time";
import type { Sql } from "@/lib/segments/compiler/sql";

const { sql, join, raw } = Prisma;

export type Agg = "cnt" | "total" | "mn" | "mx" | "first_at" | "last_at";
export type AggregateJoin = { alias: string; subject: Subject; window: Window; needs: Set<Agg> };

export class AggregateJoins {
  private readonly joins = new Map<string, AggregateJoin>();

  constructor(
    private readonly ws: Sql,
    private readonly now: Date,
  ) {}

  values(): IterableIterator<AggregateJoin> {
    return this.joins.values();
  }

  private aggregateJoin(subject: Subject, window: Window, need: Agg): string {
    const key = JSON.stringify([subject, window]);
    let entry = this.joins.get(key);
    if (!entry) {
      entry = { alias: `b${this.joins.size}`, subject, window, needs: new Set() };
      this.joins.set(key, entry);
    }
    entry.needs.add(need);
    return entry.alias;
  }

  /** `"<alias>"."<need>"`: the aggregate `need` of (subject, window), its join added if new. */
  agg(subject: Subject, window: Window, need: Agg): Sql {
    return raw(`"${this.aggregateJoin(subject, window, need)}"."${need}"`);
  }

  joinFor(subject: Subject, window: Window): AggregateJoin | undefined {
    return this.joins.get(JSON.stringify([subject, window]));
  }

  joinSql(j: AggregateJoin, id: Sql): Sql {
    const alias = raw(`"${j.alias}"`);
    return sql`LEFT JOIN (${this.subquerySql(j)}) ${alias} ON ${alias}."cid" = ${id}`;
  }

  subquerySql(j: AggregateJoin): Sql {
    const range = windowRange(j.window, this.now);
    const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
    const cols: Sql[] = [];
    if (j.subject.source === "orders" && j.subject.category === undefined && j.subject.channel === undefined && j.window.kind === "ever") {
      // All orders, ever: read the per-customer metrics kept current by triggers on "Order".
      return sql`SELECT m."customerId" AS "cid", m."orderCount" AS "cnt", m."totalSpent" AS "total", m."minAmount" AS "mn", m."maxAmount" AS "mx", m."firstOrderAt" AS "first_at", m."lastOrderAt" AS "last_at" FROM "CustomerMetrics" m WHERE m."workspaceId" = ${this.ws}`;
    }
    if (j.subject.source === "orders") {
      const conds: Sql[] = [sql`o."workspaceId" = ${this.ws}`];
      if (j.subject.category !== undefined) conds.push(sql`lower(o."category") = ${j.subject.category.toLowerCase()}::text`);
      if (j.subject.channel !== undefined) conds.push(sql`lower(o."channel") = ${j.subject.channel.toLowerCase()}::text`);
      if (range.from) conds.push(sql`o."orderedAt" >= ${ts(range.from)}`);
      if (range.to) conds.push(sql`o."orderedAt" < ${ts(range.to)}`);
      cols.push(sql`count(*) AS "cnt"`);
      if (j.needs.has("total")) cols.push(sql`sum(o."amount") AS "total"`);
      if (j.needs.has("mn")) cols.push(sql`min(o."amount") AS "mn"`);
      if (j.needs.has("mx")) cols.push(sql`max(o."amount") AS "mx"`);
      if (j.needs.has("first_at")) cols.push(sql`min(o."orderedAt") AS "first_at"`);
      if (j.needs.has("last_at")) cols.push(sql`max(o."orderedAt") AS "last_at"`);
      return sql`SELECT o."customerId" AS "cid", ${join(cols, ", ")} FROM "Order" o WHERE ${join(conds, " AND ")} GROUP BY o."customerId"`;
    }
    const conds: Sql[] = [sql`e."workspaceId" = ${this.ws}`, sql`e."name" = ${j.subject.name}::text`];
    if (j.subject.property)
      conds.push(sql`e."properties" -> ${j.subject.property.key}::text = ${JSON.stringify(j.subject.property.value)}::jsonb`);
    if (range.from) conds.push(sql`e."occurredAt" >= ${ts(range.from)}`);
    if (range.to) conds.push(sql`e."occurredAt" < ${ts(range.to)}`);
    cols.push(sql`count(*) AS "cnt"`);
    if (j.needs.has("first_at")) cols.push(sql`min(e."occurredAt") AS "first_at"`);
    if (j.needs.has("last_at")) cols.push(sql`max(e."occurredAt") AS "last_at"`);
    return sql`SELECT e."customerId" AS "cid", ${join(cols, ", ")} FROM "Event" e WHERE ${join(conds, " AND ")} GROUP BY e."customerId"`;
  }
}
