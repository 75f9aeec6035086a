import Link from "next/link";
import { Ban } from "lucide-react";
import type { ExclusionSummary } from "@/lib/dal/exclusions";
import { formatMoney, formatNumber } from "@/lib/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";

const pct = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : "0%");

/**
 * A segment after leaving out everyone who matches a negative persona: the size and revenue that
 * remain, and what each negative persona removes (a customer matching two is removed once).
 */
export function ExclusionsCard({ summary, personasHref, unavailable }: { summary: ExclusionSummary | null; personasHref: string; unavailable?: string }) {
  return (
    <Card>
      <CardHeader title="After exclusions" description="Who is left once every negative persona is left out." />
      <CardBody>
        {unavailable ? (
          <p className="text-sm text-slate-600" role="alert">
            {unavailable}
          </p>
        ) : !summary ? (
          <p className="flex gap-2 text-sm text-slate-600">
            <Ban className="mt-0.5 size-4 shrink-0 text-slate-400" aria-hidden />
            <span>
              No negative persona with rules yet. Describe who you deliberately do not target —{" "}
              <Link href={`${personasHref}?tab=negative`} className="font-medium text-brand-700 hover:underline">
                create a negative persona
              </Link>{" "}
              — and its customers are left out here, in the segments list and in targeting.
            </span>
          </p>
        ) : (
          <div className="space-y-4">
            <div className="flex flex-wrap items-end gap-x-8 gap-y-2">
              <div>
                <p className="text-xs text-slate-500">Customers after exclusions</p>
                <p className="text-2xl font-semibold tabular-nums" data-testid="size-after-exclusions">
                  {formatNumber(summary.after.customers)}
                </p>
                <p className="text-xs text-slate-500">
                  of {formatNumber(summary.before.customers)} ·{" "}
                  <span className="font-medium text-red-700" data-testid="removed-by-exclusions">
                    −{formatNumber(summary.removed.customers)}
                  </span>
                </p>
              </div>
              <div>
                <p className="text-xs text-slate-500">Revenue after exclusions</p>
                <p className="text-2xl font-semibold tabular-nums">{formatMoney(summary.after.revenue)}</p>
                <p className="text-xs text-slate-500">
                  of {formatMoney(summary.before.revenue)} · <span className="font-medium text-red-700">−{formatMoney(summary.removed.revenue)}</span>
                </p>
              </div>
            </div>
            <div
              className="flex h-2.5 overflow-hidden rounded-full bg-slate-100"
              role="img"
              aria-label={`${pct(summary.after.customers, summary.before.customers)} of the segment remains after exclusions`}
            >
              <div className="h-full bg-brand-600" style={{ width: pct(summary.after.customers, summary.before.customers) }} />
              <div className="h-full bg-red-300" style={{ width: pct(summary.removed.customers, summary.before.customers) }} />
            </div>
            <table className="w-full text-left text-sm">
              <caption className="sr-only">What each negative persona removes from this segment</caption>
              <thead className="text-xs text-slate-500">
                <tr>
                  <th className="py-1.5 font-medium">Negative persona</th>
                  <th className="py-1.5 text-right font-medium">Customers</th>
                  <th className="py-1.5 text-right font-medium">Revenue</th>
                  <th className="py-1.5 text-right font-medium">Avg. CLV</th>
                </tr>
              </thead>
              <tbody>
                {summary.byPersona.map((p) => (
                  <tr key={p.id} className="border-t border-slate-100">
                    <td className="py-1.5">
                      <Link href={`${personasHref}/${p.id}`} className="inline-flex items-center gap-1.5 font-medium text-red-700 hover:underline">
                        <Ban className="size-3.5" aria-hidden /> {p.name}
                      </Link>
                    </td>
                    <td className="py-1.5 text-right tabular-nums">{p.customers > 0 ? `−${formatNumber(p.customers)}` : <span className="text-slate-500">none</span>}</td>
                    <td className="py-1.5 text-right tabular-nums">{p.revenue > 0 ? `−${formatMoney(p.revenue)}` : "—"}</td>
                    <td className="py-1.5 text-right tabular-nums">{p.averageClv === null ? "—" : formatMoney(p.averageClv)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {summary.byPersona.length > 1 && <p className="text-xs text-slate-500">A customer matching several negative personas is removed once, so the rows can add up to more than the total.</p>}
          </div>
        )}
      </CardBody>
    </Card>
  );
}
