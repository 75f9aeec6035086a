"use client";

import { useMemo } from "react";
import type { ChartConfiguration } from "chart.js";
import { Chart, CHART_COLORS } from "@/components/charts/chart";

export function SizeHistoryChart({ points, current }: { points: { at: string; size: number }[]; current: number }) {
  const config = useMemo<ChartConfiguration>(() => {
    const all = [...points, { at: new Date().toISOString(), size: current }];
    return {
      type: "line",
      data: {
        labels: all.map((p, i) =>
          i === all.length - 1 ? "Now" : new Date(p.at).toLocaleString("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" }),
        ),
        datasets: [
          {
            label: "Customers",
            data: all.map((p) => p.size),
            borderColor: CHART_COLORS[0],
            backgroundColor: `${CHART_COLORS[0]}22`,
            fill: true,
            tension: 0.3,
            pointRadius: 3,
          },
        ],
      },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, grid: { color: "#f1f5f9" } }, x: { grid: { display: false } } } },
    };
  }, [points, current]);
  return <Chart config={config} height={220} label="Segment size over time" />;
}
