import { Database, EyeOff } from "lucide-react";
import { formatMoney, formatNumber } from "@/lib/format";
import { SHARE_MIN_GROUP, type SharedEvidence, type SharedFigure, type SharedLiftRow, type SharedMixRow, type SharedRows } from "@/lib/personas/share";
import { cn } from "@/components/ui/cn";
import { ShareBars } from "@/components/personas/evidence-charts";

/**
 * The evidence of a shared persona: aggregates only, each over SHARE_MIN_GROUP or more customers
 * (lib/personas/share.ts decides; this only draws what it was given).
 */
const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 && x > 0 ? 1 : 0)}%`;
const FEWER = `Fewer than ${SHARE_MIN_GROUP}`;

function Figure({ label, value, format }: { label: string; value: SharedFigure; format: (n: number) => string }) {
  const diff = value && value.persona !== null && value.base !== null && value.base !== 0 ? (value.persona - value.base) / Math.abs(value.base) : null;
  return (
    <div className="rounded-lg bg-slate-50 px-3 py-2">
      <dt className="text-xs text-slate-500">{label}</dt>
      {value === null ? (
        <dd className="text-sm font-medium text-slate-500" title={`Computed over fewer than ${SHARE_MIN_GROUP} customers: withheld`}>
          {FEWER}
        </dd>
      ) : (
        <>
          <dd className="text-lg font-semibold text-slate-900">{value.persona === null ? "—" : format(value.persona)}</dd>
          <dd className="text-xs text-slate-500">
            all: {value.base === null ? "—" : format(value.base)}
            {diff !== null && Math.abs(diff) >= 0.005 && (
              <span className={cn("ml-1 font-medium", diff > 0 ? "text-emerald-700" : "text-red-700")}>
                {diff > 0 ? "+" : "−"}
                {Math.abs(diff * 100).toFixed(0)}%
              </span>
            )}
          </dd>
        </>
      )}
    </div>
  );
}

function Withheld({ n }: { n: number }) {
  if (n === 0) return null;
  return (
    <p className="mt-1 text-xs text-slate-400">
      {n} more {n === 1 ? "value" : "values"}: fewer than {SHARE_MIN_GROUP} customers
    </p>
  );
}

function TopValues({ title, data, negative }: { title: string; data: SharedRows<SharedLiftRow>; negative: boolean }) {
  if (data.rows.length === 0 && data.withheld === 0) return null;
  return (
    <div className="break-inside-avoid">
      <h3 className="mb-1 flex items-baseline justify-between text-xs font-semibold text-slate-600">
        {title}
        <span className="font-normal text-slate-400">share · lift</span>
      </h3>
      {data.rows.length > 0 && (
        <div className="print-hidden">
          <ShareBars rows={data.rows.map((r) => ({ label: r.value, share: r.share, baseShare: r.baseShare }))} label={`${title}: this persona vs all customers`} negative={negative} />
        </div>
      )}
      <ul className="mt-1 flex flex-wrap gap-1.5 text-xs">
        {data.rows.map((r) => (
          <li
            key={r.value}
            className={cn(
              "rounded px-1.5 py-0.5",
              r.lift !== null && r.lift >= 1.2 ? "bg-emerald-50 text-emerald-800" : r.lift !== null && r.lift <= 0.8 ? "bg-amber-50 text-amber-800" : "bg-slate-100 text-slate-600",
            )}
          >
            {r.value} {pct(r.share)} · ×{r.lift === null ? "—" : r.lift.toFixed(1)}
          </li>
        ))}
      </ul>
      <Withheld n={data.withheld} />
    </div>
  );
}

function Mix({ title, data, negative }: { title: string; data: SharedRows<SharedMixRow>; negative: boolean }) {
  if (data.rows.length === 0 && data.withheld === 0) return null;
  const rows = data.rows.filter((r) => r.share >= 0.02 || r.baseShare >= 0.02);
  return (
    <div className="print-hidden break-inside-avoid">
      <h3 className="mb-1 text-xs font-semibold text-slate-600">{title}</h3>
      {rows.length > 0 && <ShareBars rows={rows.map((r) => ({ label: r.label, share: r.share, baseShare: r.baseShare }))} label={`${title}: this persona vs all customers`} negative={negative} />}
      <Withheld n={data.withheld} />
    </div>
  );
}

export function SharedEvidencePanel({ evidence: e, negative }: { evidence: SharedEvidence; negative: boolean }) {
  if (e.status === "ungrounded" || e.status === "unavailable") {
    return (
      <section className="print-box rounded-xl bg-white p-5 text-center shadow-sm ring-1 ring-slate-200" aria-label="Evidence">
        <Database className="mx-auto size-6 text-slate-300" aria-hidden />
        <p className="mt-2 text-sm text-slate-500">
          {e.status === "ungrounded" ? "This persona is not grounded in customer data yet." : "The figures cannot be computed right now. Try again in a moment."}
        </p>
      </section>
    );
  }
  if (e.status === "too-few") {
    return (
      <section className="print-box rounded-xl bg-white p-5 text-center shadow-sm ring-1 ring-slate-200" aria-label="Evidence" data-testid="shared-evidence">
        <EyeOff className="mx-auto size-6 text-slate-300" aria-hidden />
        <h2 className="mt-2 text-sm font-semibold text-slate-900">{FEWER} matching customers</h2>
        <p className="mt-1 text-sm text-slate-500">Figures over so few customers are withheld from shared views, so no one can be singled out.</p>
      </section>
    );
  }
  return (
    <section className="print-box space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label="Evidence" data-testid="shared-evidence">
      <div>
        <h2 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Matching customers</h2>
        <p className={cn("text-3xl font-bold", negative ? "text-red-600" : "text-brand-700")} data-testid="shared-matching">
          {formatNumber(e.matching)}
        </p>
        <p className="text-sm text-slate-500">
          {pct(e.share)} of {formatNumber(e.base)} customers
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-2">
        <Figure label="Median age" value={e.medianAge} format={(n) => `${n.toFixed(n % 1 ? 1 : 0)}`} />
        <Figure label="Median income" value={e.medianIncome} format={formatMoney} />
        <Figure label="Avg. lifetime value" value={e.averageClv} format={formatMoney} />
        <Figure label="Avg. order value" value={e.averageOrderValue} format={formatMoney} />
      </dl>
      <TopValues title="Top countries" data={e.countries} negative={negative} />
      <TopValues title="Top industries" data={e.industries} negative={negative} />
      <TopValues title="Acquisition channels" data={e.channels} negative={negative} />
      <TopValues title="Order categories" data={e.categories} negative={negative} />
      <Mix title="RFM mix (customers with orders)" data={e.rfm} negative={negative} />
      <Mix title="Lifecycle mix" data={e.lifecycle} negative={negative} />
      <p className="text-xs text-slate-400">Aggregates only. Figures over fewer than {SHARE_MIN_GROUP} customers are withheld.</p>
    </section>
  );
}
