import { AlertTriangle, CheckCircle2, Database } from "lucide-react";
import type { EvidenceResult } from "@/lib/dal/personas";
import type { Comparison, LiftRow, MixRow } from "@/lib/personas/evidence";
import { formatDate, formatMoney, formatNumber } from "@/lib/format";
import { cn } from "@/components/ui/cn";
import { ShareBars } from "@/components/personas/evidence-charts";
import { MarkReviewedButton } from "@/components/personas/mark-reviewed";

const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 && x > 0 ? 1 : 0)}%`;

function Figure({ label, value, base, format, testId }: { label: string; value: number | null; base: number | null; format: (n: number) => string; testId?: string }) {
  const diff = value !== null && base !== null && base !== 0 ? (value - base) / Math.abs(base) : null;
  return (
    <div className="rounded-lg bg-slate-50 px-3 py-2" data-testid={testId}>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold text-slate-900">{value === null ? "—" : format(value)}</dd>
      <dd className="text-xs text-slate-500">
        all: {base === null ? "—" : format(base)}
        {diff !== null && Math.abs(diff) >= 0.005 && (
          <span className={cn("ml-1 font-medium", diff > 0 ? "text-emerald-700" : "text-red-700")}>
            {diff > 0 ? "+" : "−"}
            {Math.abs(diff * 100).toFixed(0)}%
          </span>
        )}
      </dd>
    </div>
  );
}

function LiftList({ title, rows, negative }: { title: string; rows: LiftRow[]; negative: boolean }) {
  if (rows.length === 0) return null;
  return (
    <div>
      <h4 className="mb-1 flex items-baseline justify-between text-xs font-semibold text-slate-600">
        {title}
        <span className="font-normal text-slate-400">lift over all customers</span>
      </h4>
      <ShareBars rows={rows.map((r) => ({ label: r.value, share: r.share, baseShare: r.baseShare }))} label={`${title}: this persona vs all customers`} negative={negative} />
      <ul className="mt-1 flex flex-wrap gap-1.5 text-xs">
        {rows.map((r) => (
          <li key={r.value} className={cn("rounded px-1.5 py-0.5", r.lift !== null && r.lift >= 1.2 ? "bg-emerald-50 text-emerald-800" : r.lift !== null && r.lift <= 0.8 ? "bg-amber-50 text-amber-800" : "bg-slate-100 text-slate-600")}>
            {r.value} ×{r.lift === null ? "—" : r.lift.toFixed(1)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Mix({ title, rows, negative }: { title: string; rows: MixRow[]; negative: boolean }) {
  if (rows.length === 0) return null;
  return (
    <div>
      <h4 className="mb-1 text-xs font-semibold text-slate-600">{title}</h4>
      <ShareBars rows={rows.filter((r) => r.share >= 0.02 || r.baseShare >= 0.02).map((r) => ({ label: r.label, share: r.share, baseShare: r.baseShare }))} label={`${title}: this persona vs all customers`} negative={negative} />
    </div>
  );
}

/** The persona's live evidence: size, how it differs from the base, drift and review. */
export function EvidencePanel({
  result,
  negative,
  reviewedAt,
  canEdit,
  personaId,
  markReviewed,
  predictedClv,
}: {
  /** Average predicted value (next 12 months) of the matching customers; undefined: not shown. */
  predictedClv?: number | null;
  result: EvidenceResult;
  negative: boolean;
  reviewedAt: string | null;
  canEdit: boolean;
  personaId: string;
  markReviewed: (input: unknown) => Promise<{ ok: true; data: unknown } | { ok: false; code: string; error: string }>;
}) {
  if (result.status === "ungrounded") {
    return (
      <section className="rounded-xl bg-white p-5 text-center shadow-sm ring-1 ring-slate-200" aria-label="Evidence">
        <Database className="mx-auto size-6 text-slate-300" />
        <h3 className="mt-2 text-sm font-semibold text-slate-900">Not grounded in data yet</h3>
        <p className="mt-1 text-sm text-slate-500">Link a segment or add rules below: the card then shows how many customers match and how they differ from everyone else.</p>
      </section>
    );
  }
  if (result.status === "problem") {
    return (
      <section className="rounded-xl bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200" aria-label="Evidence" role="alert">
        The evidence cannot be computed right now: {result.message}
      </section>
    );
  }
  const { evidence: e, drift } = result;
  return (
    <section className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label="Evidence">
      <div className="flex items-start justify-between gap-2">
        <div>
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Matching customers</h3>
          <p className="text-3xl font-bold text-slate-900" data-testid="matching-count">
            {formatNumber(e.matching)}
          </p>
          <p className="text-sm text-slate-500">
            {pct(e.share)} of {formatNumber(e.base)} customers · live
          </p>
        </div>
        {canEdit && <MarkReviewedButton id={personaId} markReviewed={markReviewed} />}
      </div>
      {drift.length > 0 ? (
        <div className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200" role="status" data-testid="drift">
          <p className="flex items-center gap-1.5 font-semibold">
            <AlertTriangle className="size-4" /> The data has drifted
          </p>
          <ul className="mt-1 list-disc pl-5">
            {drift.map((d) => (
              <li key={d.metric}>{d.text}</li>
            ))}
          </ul>
        </div>
      ) : reviewedAt ? (
        <p className="flex items-center gap-1.5 text-xs text-emerald-700">
          <CheckCircle2 className="size-3.5" /> In line with the review on {formatDate(new Date(reviewedAt))}
        </p>
      ) : (
        <p className="text-xs text-slate-500">Not reviewed yet: mark it reviewed to be told when the data moves.</p>
      )}
      <dl className="grid grid-cols-2 gap-2">
        <Figure label="Median age" {...cmp(e.medianAge)} format={(n) => `${n.toFixed(n % 1 ? 1 : 0)}`} />
        <Figure label="Median income" {...cmp(e.medianIncome)} format={formatMoney} />
        <Figure label="Avg. lifetime value" {...cmp(e.averageClv)} format={formatMoney} testId="avg-clv" />
        <Figure label="Avg. order value" {...cmp(e.averageOrderValue)} format={formatMoney} />
      </dl>
      {predictedClv !== undefined && (
        <p className="text-xs text-slate-500" data-testid="avg-predicted-clv">
          Avg. predicted value, next 12 months:{" "}
          <span className="font-semibold text-slate-900">{predictedClv === null ? "model not fitted yet" : formatMoney(predictedClv)}</span>
        </p>
      )}
      <LiftList title="Top countries" rows={e.countries} negative={negative} />
      <LiftList title="Top industries" rows={e.industries} negative={negative} />
      <LiftList title="Acquisition channels" rows={e.channels} negative={negative} />
      <LiftList title="Order categories" rows={e.categories} negative={negative} />
      <Mix title="RFM mix (customers with orders)" rows={e.rfm} negative={negative} />
      <Mix title="Lifecycle mix" rows={e.lifecycle} negative={negative} />
      <p className="flex items-center gap-3 text-xs text-slate-400">
        <span className="inline-flex items-center gap-1">
          <span className={cn("size-2 rounded-sm", negative ? "bg-red-500" : "bg-brand-600")} /> this persona
        </span>
        <span className="inline-flex items-center gap-1">
          <span className="size-2 rounded-sm bg-slate-300" /> all customers
        </span>
      </p>
    </section>
  );
}

const cmp = (c: Comparison) => ({ value: c.persona, base: c.base });
