"use client";

import { useMemo } from "react";
import type { ChartConfiguration } from "chart.js";
import { Chart, CHART_COLORS } from "@/components/charts/chart";

type Row = { label: string; share: number; baseShare: number };

/** Share of the persona vs share of the base, one pair of horizontal bars per value. */
export function ShareBars({ rows, label, negative = false }: { rows: Row[]; label: string; negative?: boolean }) {
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: "bar",
      data: {
        labels: rows.map((r) => r.label),
        datasets: [
          { label: "This persona", data: rows.map((r) => Math.round(r.share * 1000) / 10), backgroundColor: negative ? "#ef4444" : CHART_COLORS[0], borderRadius: 3, barPercentage: 0.9 },
          { label: "All customers", data: rows.map((r) => Math.round(r.baseShare * 1000) / 10), backgroundColor: "#cbd5e1", borderRadius: 3, barPercentage: 0.9 },
        ],
      },
      options: {
        indexAxis: "y",
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${c.parsed.x}%` } },
        },
        scales: {
          x: { beginAtZero: true, ticks: { callback: (v) => `${v}%`, font: { size: 10 } }, grid: { color: "#f1f5f9" } },
          y: { grid: { display: false }, ticks: { font: { size: 11 } } },
        },
      },
    }),
    [rows, negative],
  );
  return <Chart config={config} height={Math.max(90, rows.length * 30 + 30)} label={label} />;
}
