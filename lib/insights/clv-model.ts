import "server-only";
/**
 * The stored lifetime-value model of a workspace (docs/insights.md, "Lifetime value"):
 *
 * - `fitWorkspaceClv` (run by the "clv-fit" job, and once when the demo is seeded) summarises the
 *   workspace's orders (lib/analytics/clv-data.ts), fits BG/NBD + Gamma-Gamma, and replaces the
 *   workspace's "CustomerPrediction" rows and its "ClvModel" row in one transaction. Data too thin
 *   for the model: the model row says what is needed and the predictions are removed.
 * - `requestClvFit` queues that job (one at a time per workspace); `clvFitStatus` follows it.
 * - `getClvModel` / `getClvOverview` read the model and the predictions' key figures.
 */
import { z } from "zod";
import { loadClvData } from "@/lib/analytics/clv-data";
import { capCustomers, checkPredictions, fitClv, predictCustomer, type ClvFit, type ModelCheck } from "@/lib/analytics/clv-predict";
import { InsufficientDataError } from "@/lib/analytics/insufficient-data";
import { db as appDb } from "@/lib/db";
import { withStatementTimeout } from "@/lib/db/statement-timeout";
import { authorize, parseInput, type ServiceContext } from "@/lib/domain/context";
import { DomainError } from "@/lib/errors";
import { fitBgNbd, type BgNbdParams } from "@/lib/analytics/bgnbd";
import type { GammaGammaParams } from "@/lib/analytics/gamma-gamma";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { enqueueJob } from "@/lib/jobs/queue";
import { compile } from "@/lib/segments/compile";
import { DEFINITION_VERSION, type SegmentDefinition } from "@/lib/segments/definition";
import { loadEvaluationContext, prepare } from "@/lib/segments/evaluate";

export const CLV_FIT_JOB = "clv-fit";
/** Predictions cover the next 12 months. */
export const CLV_HORIZON_MONTHS = 12;
/** Rows per insert statement when the predictions are written. */
const WRITE_CHUNK = 2000;

export type ClvModelStatus = "READY" | "INSUFFICIENT_DATA";

export type StoredClvParams = {
  bgnbd: BgNbdParams;
  gammaGamma: GammaGammaParams | null;
  logLikelihood: number;
  spendCustomers: number;
  spendMessage: string | null;
  spendCorrelation: number | null;
};

export type ClvModelView = {
  status: ClvModelStatus;
  message: string | null;
  params: StoredClvParams | null;
  horizonMonths: number;
  customers: number;
  repeaters: number;
  dataEnd: Date;
  fittedAt: Date;
};

export const clvFitPayload = z.object({ horizonMonths: z.number().int().min(1).max(60).optional() });

type Client = PrismaClient;

/**
 * Fits the workspace's model on all its orders up to `now` and stores the predictions. Returns the
 * stored model row. Reads under the job time limit; writes in one transaction (delete, insert,
 * model row), so readers see the old predictions or the new ones, never half of them.
 */
export async function fitWorkspaceClv(
  client: Client,
  workspaceId: string,
  options: { now?: Date; horizonMonths?: number; minimum?: { customers: number; repeaters: number } } = {},
): Promise<ClvModelView> {
  const now = options.now ?? new Date();
  const horizonMonths = options.horizonMonths ?? CLV_HORIZON_MONTHS;
  const data = await withStatementTimeout((tx) => loadClvData(tx, workspaceId, { now }), { budget: "job", client });
  let fit: ClvFit | null = null;
  let insufficient: InsufficientDataError | null = null;
  try {
    fit = fitClv(data.customers, { minimum: options.minimum });
  } catch (error) {
    if (!(error instanceof InsufficientDataError)) throw error;
    insufficient = error;
  }
  const repeaters = data.customers.filter((c) => c.x > 0).length;
  const model = {
    status: (fit ? "READY" : "INSUFFICIENT_DATA") as ClvModelStatus,
    message: fit ? fit.spendMessage : insufficient!.message,
    params: fit
      ? ({
          bgnbd: fit.bgnbd.params,
          gammaGamma: fit.gammaGamma?.params ?? null,
          logLikelihood: fit.bgnbd.logLikelihood,
          spendCustomers: fit.gammaGamma?.customers ?? 0,
          spendMessage: fit.spendMessage,
          spendCorrelation: fit.spendCorrelation,
        } satisfies StoredClvParams)
      : null,
    horizonMonths,
    customers: data.customers.length,
    repeaters,
    dataEnd: now,
    fittedAt: new Date(),
  };
  const predictions = fit
    ? data.customers.map((c) => predictCustomer({ bgnbd: fit.bgnbd.params, gammaGamma: fit.gammaGamma?.params ?? null }, c, horizonMonths))
    : [];

  await client.$transaction(
    async (tx) => {
      await tx.customerPrediction.deleteMany({ where: { workspaceId } });
      for (let i = 0; i < predictions.length; i += WRITE_CHUNK) {
        const rows = JSON.stringify(predictions.slice(i, i + WRITE_CHUNK));
        await tx.$executeRaw`
          INSERT INTO "CustomerPrediction" ("workspaceId", "customerId", "expectedPurchases", "pAlive", "predictedClv")
          SELECT ${workspaceId}::uuid, r."customerId", r."expectedPurchases", r."pAlive", r."predictedClv"
          FROM jsonb_to_recordset(${rows}::jsonb) AS r("customerId" integer, "expectedPurchases" float8, "pAlive" float8, "predictedClv" numeric)
          WHERE EXISTS (SELECT 1 FROM "Customer" c WHERE c."workspaceId" = ${workspaceId}::uuid AND c."id" = r."customerId")`;
      }
      const data = { ...model, params: model.params === null ? Prisma.DbNull : (model.params as Prisma.InputJsonValue) };
      await tx.clvModel.upsert({ where: { workspaceId }, create: { workspaceId, ...data }, update: data });
    },
    { maxWait: 30_000, timeout: 300_000 },
  );
  return model;
}

function toView(row: {
  status: string;
  message: string | null;
  params: unknown;
  horizonMonths: number;
  customers: number;
  repeaters: number;
  dataEnd: Date;
  fittedAt: Date;
}): ClvModelView {
  return {
    status: row.status === "READY" ? "READY" : "INSUFFICIENT_DATA",
    message: row.message,
    params: (row.params ?? null) as StoredClvParams | null,
    horizonMonths: row.horizonMonths,
    customers: row.customers,
    repeaters: row.repeaters,
    dataEnd: row.dataEnd,
    fittedAt: row.fittedAt,
  };
}

/** The workspace's stored model, or null before the first fit. */
/** How many orders the workspace has (the page offers a fit only when there are some). */
export async function countOrders(workspaceId: string, client: Client = appDb): Promise<number> {
  return client.order.count({ where: { workspaceId } });
}

export async function getClvModel(workspaceId: string, client: Client = appDb): Promise<ClvModelView | null> {
  const row = await client.clvModel.findUnique({ where: { workspaceId } });
  return row ? toView(row) : null;
}

// ---------------------------------------------------------------------------------------------
// The fit job

export type ClvFitState = { jobId: string; status: "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED"; message: string | null };

/** Queues a fit of the workspace's model, or returns the one already queued or running. */
export async function requestClvFit(ctx: ServiceContext, input: unknown = {}, client: Client = appDb): Promise<ClvFitState> {
  authorize(ctx, "segments.write", "Only editors can fit the lifetime-value model.");
  const payload = parseInput(clvFitPayload, input);
  return client.$transaction(async (tx) => {
    const running = await tx.job.findFirst({
      where: { workspaceId: ctx.workspaceId, kind: CLV_FIT_JOB, status: { in: ["QUEUED", "RUNNING"] } },
      select: { id: true, status: true },
      orderBy: { createdAt: "desc" },
    });
    if (running) return { jobId: running.id, status: running.status as ClvFitState["status"], message: null };
    const job = await enqueueJob(tx, { workspaceId: ctx.workspaceId, kind: CLV_FIT_JOB, payload, maxAttempts: 2 });
    return { jobId: job.id, status: "QUEUED" as const, message: null };
  });
}

/** Where a fit job is (readers may follow it). */
export async function clvFitStatus(ctx: ServiceContext, jobId: string, client: Client = appDb): Promise<ClvFitState> {
  authorize(ctx, "workspace.read");
  const job = await client.job.findFirst({
    where: { workspaceId: ctx.workspaceId, id: jobId, kind: CLV_FIT_JOB },
    select: { id: true, status: true, message: true },
  });
  if (!job) throw new DomainError("NOT_FOUND", "That model fit could not be found: reload the page.");
  return { jobId: job.id, status: job.status as ClvFitState["status"], message: job.message };
}

/** The fit queued or running now, if any (so a reloaded page keeps showing progress). */
export async function pendingClvFit(workspaceId: string, client: Client = appDb): Promise<ClvFitState | null> {
  const job = await client.job.findFirst({
    where: { workspaceId, kind: CLV_FIT_JOB, status: { in: ["QUEUED", "RUNNING"] } },
    select: { id: true, status: true },
    orderBy: { createdAt: "desc" },
  });
  return job ? { jobId: job.id, status: job.status as ClvFitState["status"], message: null } : null;
}

// ---------------------------------------------------------------------------------------------
// Key figures and distributions of the stored predictions

export type HistogramBin = { from: number; to: number; customers: number };

export type ClvOverview = {
  customers: number;
  totalValue: number | null;
  averageValue: number | null;
  /** Share of the predicted customers with P(alive) ≥ 0.5. */
  likelyAliveShare: number;
  averagePurchases: number;
  /** Predicted value in bins up to the 99th percentile; the last bin holds everything above. */
  valueBins: HistogramBin[];
  /** P(alive) in ten bins of 0.1. */
  aliveBins: HistogramBin[];
};

const VALUE_BINS = 20;

/** The stored predictions' key figures and histograms (two aggregate queries, time-limited). */
export async function getClvOverview(workspaceId: string, client: Client = appDb): Promise<ClvOverview> {
  return withStatementTimeout(
    async (tx) => {
      const [s] = await tx.$queryRaw<
        { n: number; total: string | null; avg: string | null; alive: number; purchases: number | null; p99: number | null }[]
      >`
        SELECT count(*)::int AS "n", sum("predictedClv")::text AS "total", round(avg("predictedClv"), 2)::text AS "avg",
               count(*) FILTER (WHERE "pAlive" >= 0.5)::int AS "alive", avg("expectedPurchases")::float8 AS "purchases",
               percentile_cont(0.99) WITHIN GROUP (ORDER BY "predictedClv")::float8 AS "p99"
        FROM "CustomerPrediction" WHERE "workspaceId" = ${workspaceId}::uuid`;
      const n = s?.n ?? 0;
      const top = s?.p99 && s.p99 > 0 ? s.p99 : 1;
      const width = niceWidth(top / VALUE_BINS);
      const valueRows = await tx.$queryRaw<{ b: number; n: number }[]>`
        SELECT LEAST(floor("predictedClv" / ${width}::numeric)::int, ${VALUE_BINS - 1}::int) AS "b", count(*)::int AS "n"
        FROM "CustomerPrediction" WHERE "workspaceId" = ${workspaceId}::uuid AND "predictedClv" IS NOT NULL
        GROUP BY 1`;
      const aliveRows = await tx.$queryRaw<{ b: number; n: number }[]>`
        SELECT LEAST(floor("pAlive" * 10)::int, 9) AS "b", count(*)::int AS "n"
        FROM "CustomerPrediction" WHERE "workspaceId" = ${workspaceId}::uuid
        GROUP BY 1`;
      const valueBins = Array.from({ length: VALUE_BINS }, (_, i) => ({ from: i * width, to: (i + 1) * width, customers: 0 }));
      for (const r of valueRows) valueBins[Math.max(0, Number(r.b))]!.customers += Number(r.n);
      valueBins[VALUE_BINS - 1]!.to = Infinity;
      const aliveBins = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, customers: 0 }));
      for (const r of aliveRows) aliveBins[Math.max(0, Number(r.b))]!.customers += Number(r.n);
      return {
        customers: n,
        totalValue: s?.total == null ? null : Number(s.total),
        averageValue: s?.avg == null ? null : Number(s.avg),
        likelyAliveShare: n ? (s?.alive ?? 0) / n : 0,
        averagePurchases: Number(s?.purchases ?? 0),
        valueBins,
        aliveBins,
      };
    },
    { client },
  );
}

/** 1, 2, 2.5 or 5 × a power of ten, at least `raw` (readable bin edges). */
export function niceWidth(raw: number): number {
  if (!(raw > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const k of [1, 2, 2.5, 5, 10]) if (k * p >= raw) return k * p;
  return 10 * p;
}

/** One customer's stored prediction (null when the model has none for them). */
export async function getCustomerPrediction(workspaceId: string, customerId: number, client: Client = appDb) {
  const row = await client.customerPrediction.findUnique({ where: { workspaceId_customerId: { workspaceId, customerId } } });
  return row
    ? { expectedPurchases: row.expectedPurchases, pAlive: row.pAlive, predictedClv: row.predictedClv === null ? null : Number(row.predictedClv) }
    : null;
}

// ---------------------------------------------------------------------------------------------
// Model check: fit on the orders before a calibration end, compare with the orders after it

/** Customers a model check fits on at most (an evenly spread sample beyond that). */
export const CHECK_MAX_CUSTOMERS = 20_000;
const DAY_MS = 86_400_000;
/** The hold-out period is at least four weeks, and so is the calibration period. */
const MIN_PERIOD_DAYS = 28;

export type CheckRange = { firstOrder: Date; lastOrder: Date; defaultEnd: string; minEnd: string; maxEnd: string };

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The order history's span and the calibration ends the check accepts (null without orders). */
export async function clvCheckRange(workspaceId: string, now = new Date(), client: Client = appDb): Promise<CheckRange | null> {
  const agg = await client.order.aggregate({ where: { workspaceId }, _min: { orderedAt: true }, _max: { orderedAt: true } });
  const first = agg._min.orderedAt;
  const last = agg._max.orderedAt;
  if (!first || !last) return null;
  const start = Date.parse(`${isoDay(first)}T00:00:00Z`);
  const today = Date.parse(`${isoDay(now)}T00:00:00Z`);
  const minEnd = start + MIN_PERIOD_DAYS * DAY_MS;
  const maxEnd = today - MIN_PERIOD_DAYS * DAY_MS;
  // The last third of the history is the hold-out.
  const defaultEnd = Math.min(Math.max(start + Math.round(((today - start) * 2) / 3 / DAY_MS) * DAY_MS, minEnd), maxEnd);
  return { firstOrder: first, lastOrder: last, defaultEnd: isoDay(new Date(defaultEnd)), minEnd: isoDay(new Date(minEnd)), maxEnd: isoDay(new Date(maxEnd)) };
}

/** The calibration end as typed: a real date within the range (messages say what to pick). */
export function calibrationEndSchema(range: CheckRange) {
  return z
    .string({ error: "Pick a calibration end date." })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Write the date as YYYY-MM-DD.")
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v, "That is not a real calendar date.")
    .refine((v) => v >= range.minEnd, `Pick a date on or after ${range.minEnd}: the model needs at least four weeks of orders to learn from.`)
    .refine((v) => v <= range.maxEnd, `Pick a date on or before ${range.maxEnd}: at least four weeks must be left to compare the predictions with.`);
}

export type ClvCheckResult =
  | {
      ok: true;
      calibrationEnd: string;
      holdoutWeeks: number;
      params: BgNbdParams;
      customers: number;
      /** Customers before sampling (more than CHECK_MAX_CUSTOMERS: an evenly spread sample was used). */
      available: number;
      check: ModelCheck;
      elapsedMs: number;
    }
  | { ok: false; calibrationEnd: string; message: string };

/**
 * Fits BG/NBD on the orders before `calibrationEnd` (at most CHECK_MAX_CUSTOMERS customers) and
 * compares its expected repeat purchases in the hold-out with the actual ones. Reads under the
 * interactive time limit; the fit itself takes about a second on 20,000 customers.
 */
export async function checkClvModel(workspaceId: string, calibrationEnd: string, now = new Date(), client: Client = appDb): Promise<ClvCheckResult> {
  const started = Date.now();
  const end = new Date(`${calibrationEnd}T00:00:00Z`);
  const data = await withStatementTimeout((tx) => loadClvData(tx, workspaceId, { now, calibrationEnd: end }), { client });
  const sample = capCustomers(data.customers, CHECK_MAX_CUSTOMERS);
  let params: BgNbdParams;
  try {
    params = fitBgNbd(sample).params;
  } catch (error) {
    if (error instanceof InsufficientDataError) return { ok: false, calibrationEnd, message: `Before ${calibrationEnd}: ${error.message} Pick a later calibration end.` };
    throw error;
  }
  const check = checkPredictions(params, sample.map((c) => ({ ...c, holdout: c.holdout ?? 0 })), data.holdoutWeeks ?? 0);
  return { ok: true, calibrationEnd, holdoutWeeks: data.holdoutWeeks ?? 0, params, customers: sample.length, available: data.customers.length, check, elapsedMs: Date.now() - started };
}

/**
 * The average predicted value of the customers a definition selects (a segment's members, a
 * persona's matches), with how many of them have a prediction. Time-limited.
 */
export async function averagePredictedClvOf(
  workspaceId: string,
  of: { segment: string } | { persona: string },
  client: Client = appDb,
): Promise<{ average: number | null; predicted: number }> {
  const definition: SegmentDefinition = {
    version: DEFINITION_VERSION,
    root: {
      type: "group",
      op: "and",
      children: ["segment" in of ? { type: "membership", target: "segment", operator: "in", id: of.segment } : { type: "membership", target: "persona", operator: "matches", id: of.persona }],
    },
  };
  return withStatementTimeout(
    async (tx) => {
      const context = await loadEvaluationContext(tx, workspaceId);
      const prepared = await prepare(workspaceId, definition, context);
      const compiled = compile(prepared.definition, { ...prepared.ctx, workspaceId });
      const [row] = await tx.$queryRaw<{ avg: string | null; n: number }[]>(Prisma.sql`${compiled.with}
        SELECT round(avg(cp."predictedClv"), 2)::text AS "avg", count(cp."predictedClv")::int AS "n"
        FROM ${compiled.from}
        JOIN "CustomerPrediction" cp ON cp."workspaceId" = ${workspaceId}::uuid AND cp."customerId" = c."id"
        WHERE ${compiled.where}`);
      return { average: row?.avg == null ? null : Number(row.avg), predicted: Number(row?.n ?? 0) };
    },
    { client },
  );
}
