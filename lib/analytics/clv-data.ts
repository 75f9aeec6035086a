import "server-only";
/**
 * The per-customer summaries the BG/NBD and Gamma-Gamma models are fitted on, built in SQL from a
 * workspace's "Order" rows (docs/insights.md, "Data"):
 *
 * - a purchase is an order day: orders are grouped by their UTC calendar date, their amounts
 *   summed (several orders on one day count as one purchase, as in the models' literature);
 * - x   = order days − 1 (repeat purchases);
 * - t_x = weeks from the first order day to the last;
 * - T   = weeks from the first order day to the end of the observation (the UTC date of `now`, or
 *         of the calibration end), in whole days / 7;
 * - m   = the mean amount of the repeat order days (the first excluded), null when x = 0.
 *
 * With `calibrationEnd`, only orders before it are summarised, and `holdout` counts each
 * customer's order days from it to `now` — the repeat purchases the model should have predicted
 * over `holdoutWeeks`. Customers whose first order falls on the end date (T = 0) are left out.
 *
 * The caller runs it under the analytics time limit (lib/db/statement-timeout.ts).
 */
import type { RfmSummary } from "@/lib/analytics/bgnbd";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

const { sql } = Prisma;

export type CustomerClvSummary = RfmSummary & {
  customerId: number;
  /** Mean amount of the repeat order days (null without repeat purchases). */
  m: number | null;
  /** Order days from the calibration end to `now` (null without a calibration end). */
  holdout: number | null;
};

export type ClvData = {
  customers: CustomerClvSummary[];
  /** The end of the observation: the calibration end, or `now`. */
  end: Date;
  /** Weeks from the calibration end to `now` (null without a calibration end). */
  holdoutWeeks: number | null;
};

type Queryable = { $queryRaw<T = unknown>(query: Prisma.Sql): Prisma.PrismaPromise<T> };

type Row = { customerId: number; x: number; tx: number; T: number; m: number | null; holdout: number | null };

const WEEK_MS = 7 * 86_400_000;

/** The SQL of the summaries (exported for the record; `loadClvData` runs it). */
export function clvSummarySql(workspaceId: string, end: Date, holdoutUntil: Date | null): Prisma.Sql {
  const ws = sql`${workspaceId}::uuid`;
  const endTs = sql`${end}::timestamptz`;
  const endDate = sql`(${endTs} AT TIME ZONE 'UTC')::date`;
  const holdout = holdoutUntil
    ? sql`LEFT JOIN (
        SELECT o."customerId" AS "cid", count(DISTINCT (o."orderedAt" AT TIME ZONE 'UTC')::date)::int AS "n"
        FROM "Order" o
        WHERE o."workspaceId" = ${ws} AND o."orderedAt" >= ${endTs} AND o."orderedAt" < ${holdoutUntil}::timestamptz
        GROUP BY o."customerId") h ON h."cid" = f."cid"`
    : Prisma.empty;
  const holdoutColumn = holdoutUntil ? sql`COALESCE(h."n", 0)` : sql`NULL::int`;
  return sql`WITH "days" AS (
      SELECT o."customerId" AS "cid", (o."orderedAt" AT TIME ZONE 'UTC')::date AS "d", sum(o."amount") AS "amount"
      FROM "Order" o
      WHERE o."workspaceId" = ${ws} AND o."orderedAt" < ${endTs}
      GROUP BY 1, 2
    ), "firsts" AS (
      SELECT "cid", min("d") AS "first", max("d") AS "last", count(*)::int AS "n" FROM "days" GROUP BY "cid"
    ), "repeat" AS (
      SELECT d."cid", avg(d."amount") AS "m"
      FROM "days" d JOIN "firsts" f ON f."cid" = d."cid"
      WHERE d."d" > f."first"
      GROUP BY d."cid"
    )
    SELECT f."cid" AS "customerId", f."n" - 1 AS "x",
           (f."last" - f."first")::float8 / 7 AS "tx",
           (${endDate} - f."first")::float8 / 7 AS "T",
           r."m"::float8 AS "m",
           ${holdoutColumn} AS "holdout"
    FROM "firsts" f
    LEFT JOIN "repeat" r ON r."cid" = f."cid"
    ${holdout}
    WHERE f."first" < ${endDate}
    ORDER BY f."cid"`;
}

/**
 * Loads the workspace's customer summaries, up to `now` (default: the current time) or, with
 * `calibrationEnd`, up to that instant with the hold-out purchases after it.
 */
export async function loadClvData(db: Queryable, workspaceId: string, options: { now?: Date; calibrationEnd?: Date } = {}): Promise<ClvData> {
  const now = options.now ?? new Date();
  const calibrationEnd = options.calibrationEnd ?? null;
  if (calibrationEnd && calibrationEnd.getTime() >= now.getTime())
    throw new DomainError("VALIDATION", "The calibration end must be before today: the orders after it are the ones the model is checked against.");
  const end = calibrationEnd ?? now;
  const rows = await db.$queryRaw<Row[]>(clvSummarySql(workspaceId, end, calibrationEnd ? now : null));
  return {
    customers: rows.map((r) => ({
      customerId: Number(r.customerId),
      x: Number(r.x),
      tx: Number(r.tx),
      T: Number(r.T),
      m: r.m === null ? null : Number(r.m),
      holdout: r.holdout === null ? null : Number(r.holdout),
    })),
    end,
    holdoutWeeks: calibrationEnd ? (now.getTime() - calibrationEnd.getTime()) / WEEK_MS : null,
  };
}
