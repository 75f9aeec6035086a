"use client";

import type { ChartConfiguration } from "chart.js";
import { useMemo } from "react";
import { Chart, CHART_COLORS } from "@/components/charts/chart";
import type { HistogramBin } from "@/lib/insights/clv-model";

const money = (n: number) => `$${n.toLocaleString("en-US", { maximumFractionDigits: n < 10 ? 2 : 0 })}`;

function binLabel(b: HistogramBin, format: (n: number) => string): string {
  return Number.isFinite(b.to) ? `${format(b.from)}–${format(b.to)}` : `${format(b.from)}+`;
}

function histogram(bins: HistogramBin[], format: (n: number) => string, color: string, xTitle: string): ChartConfiguration {
  return {
    type: "bar",
    data: {
      labels: bins.map((b) => binLabel(b, format)),
      datasets: [{ label: "Customers", data: bins.map((b) => b.customers), backgroundColor: color, borderRadius: 3, categoryPercentage: 0.95, barPercentage: 0.95 }],
    },
    options: {
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => `${Number(item.raw).toLocaleString("en-US")} customers` } } },
      scales: {
        x: { title: { display: true, text: xTitle }, grid: { display: false }, ticks: { maxRotation: 50, autoSkip: true } },
        y: { title: { display: true, text: "Customers" }, beginAtZero: true, ticks: { precision: 0 } },
      },
    },
  };
}

/** Histograms of the stored predictions: predicted value and probability still active. */
export function ValueHistogram({ bins }: { bins: HistogramBin[] }) {
  const config = useMemo(() => histogram(bins, money, CHART_COLORS[0]!, "Predicted value, next 12 months"), [bins]);
  return <Chart config={config} height={280} label="Histogram of predicted customer value over the next 12 months" />;
}

export function AliveHistogram({ bins }: { bins: HistogramBin[] }) {
  const config = useMemo(() => histogram(bins, (n) => `${Math.round(n * 100)}%`, CHART_COLORS[2]!, "Probability still active"), [bins]);
  return <Chart config={config} height={280} label="Histogram of the probability that each customer is still active" />;
}
