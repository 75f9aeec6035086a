import type { StoredClvParams } from "@/lib/insights/clv-model";
import { formatMoney } from "@/lib/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";

const WEEKS_PER_YEAR = 365.25 / 7;
const pct = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.1 ? 1 : 0)}%`;
const fmt = (n: number) => (n >= 10_000 ? n.toLocaleString("en-US", { maximumSignificantDigits: 4 }) : n >= 100 ? n.toFixed(1) : n >= 1 ? n.toFixed(3) : n.toPrecision(3));

/** The fitted parameters with what they mean in plain words. */
export function Parameters({ params }: { params: StoredClvParams }) {
  const { r, alpha, a, b } = params.bgnbd;
  const perYear = (r / alpha) * WEEKS_PER_YEAR;
  const dropout = a / (a + b);
  const gg = params.gammaGamma;
  const meanSpend = gg && gg.q > 1 ? (gg.p * gg.v) / (gg.q - 1) : null;
  const rows: { name: string; value: string; meaning: string }[] = [
    { name: "r", value: fmt(r), meaning: `Shape of how purchase rates vary between customers: ${r < 1 ? "below 1, a few customers buy far more often than most" : "1 or more, customers buy at fairly similar rates"}.` },
    { name: "α", value: fmt(alpha), meaning: `Scale of the purchase rates (weeks). With r, an active customer buys on average ${perYear.toFixed(1)} times a year (r ÷ α per week).` },
    { name: "a", value: fmt(a), meaning: "With b, how likely a customer is to stop buying after a purchase." },
    { name: "b", value: fmt(b), meaning: `After each purchase about ${pct(dropout)} of customers stop buying for good (a ÷ (a + b)).` },
  ];
  if (gg) {
    rows.push(
      { name: "p", value: fmt(gg.p), meaning: "Shape of the spend of one purchase around the customer's own average." },
      { name: "q", value: fmt(gg.q), meaning: "How much customers' average spends differ (larger: more alike)." },
      {
        name: "v",
        value: fmt(gg.v),
        meaning: meanSpend === null ? "Scale of the average spends." : `With p and q, a purchase is worth ${formatMoney(meanSpend)} on average (p·v ÷ (q − 1)).`,
      },
    );
  }
  return (
    <Card>
      <CardHeader title="Fitted parameters" description="BG/NBD (purchases and dropout) and Gamma-Gamma (spend per purchase), fitted by maximum likelihood." />
      <CardBody>
        <table className="w-full text-sm" data-testid="clv-parameters">
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-2 pr-4 font-medium">Parameter</th>
              <th className="py-2 pr-4 font-medium">Value</th>
              <th className="py-2 font-medium">What it means</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.name}>
                <td className="py-2 pr-4 font-mono text-slate-900">{row.name}</td>
                <td className="py-2 pr-4 tabular-nums text-slate-900">{row.value}</td>
                <td className="py-2 text-slate-600">{row.meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {params.spendMessage && <p className="mt-3 text-sm text-amber-800">{params.spendMessage}</p>}
        {params.spendCorrelation !== null && (
          <p className="mt-3 text-xs text-slate-500">
            The spend model assumes a customer&apos;s spend per purchase does not depend on how often they buy: here the correlation is{" "}
            {(Math.abs(params.spendCorrelation) < 0.005 ? 0 : params.spendCorrelation).toFixed(2)}
            {Math.abs(params.spendCorrelation) > 0.3 ? " — fairly strong, so read the predicted values with care." : " (close to 0, as assumed)."}
          </p>
        )}
      </CardBody>
    </Card>
  );
}
