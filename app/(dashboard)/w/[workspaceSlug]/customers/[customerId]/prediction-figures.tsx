import Link from "next/link";
import { formatAmount } from "@/lib/customers/format";

export type CustomerPredictionView = {
  /** The workspace's model: null before the first fit. */
  model: { status: "READY" | "INSUFFICIENT_DATA"; horizonMonths: number } | null;
  prediction: { expectedPurchases: number; pAlive: number; predictedClv: number | null } | null;
  insightsHref: string;
};

/** Predicted value, expected purchases and P(alive) from the workspace's lifetime-value model. */
export function PredictionFigures({ view }: { view: CustomerPredictionView }) {
  const { model, prediction, insightsHref } = view;
  return (
    <div className="rounded-lg bg-slate-50 p-3 text-sm" data-testid="customer-prediction">
      <p className="font-medium text-slate-900">Next {model?.horizonMonths ?? 12} months (predicted)</p>
      {!model ? (
        <p className="mt-1 text-slate-500">
          The lifetime-value model is not fitted yet.{" "}
          <Link href={insightsHref} className="font-medium text-brand-700 underline">
            Fit it in Insights
          </Link>
          .
        </p>
      ) : model.status !== "READY" ? (
        <p className="mt-1 text-slate-500">
          Not enough order history for predictions yet.{" "}
          <Link href={insightsHref} className="font-medium text-brand-700 underline">
            See what is needed
          </Link>
          .
        </p>
      ) : !prediction ? (
        <p className="mt-1 text-slate-500">No prediction: the customer had no orders when the model was fitted.</p>
      ) : (
        <dl className="mt-2 grid grid-cols-3 gap-2">
          <div>
            <dt className="text-xs text-slate-500">Value</dt>
            <dd className="font-semibold tabular-nums text-slate-900" data-testid="prediction-clv">
              {prediction.predictedClv === null ? "—" : formatAmount(prediction.predictedClv.toFixed(2), { cents: true })}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Purchases</dt>
            <dd className="font-semibold tabular-nums text-slate-900">{prediction.expectedPurchases.toFixed(1)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500" title="Probability the customer is still active">Still active</dt>
            <dd className="font-semibold tabular-nums text-slate-900" data-testid="prediction-alive">
              {Math.round(prediction.pAlive * 100)}%
            </dd>
          </div>
        </dl>
      )}
    </div>
  );
}
