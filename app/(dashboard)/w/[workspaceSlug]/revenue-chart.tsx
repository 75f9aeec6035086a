"use client";

import { useMemo } from "react";
import type { ChartConfiguration } from "chart.js";
import { Chart, CHART_COLORS } from "@/components/charts/chart";

type Month = { month: string; orders: number; revenue: number; customers: number };

export function RevenueChart({ months }: { months: Month[] }) {
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: "bar",
      data: {
        labels: months.map((m) =>
          new Date(`${m.month}-01T00:00:00Z`).toLocaleDateString("en-US", { month: "short", year: "2-digit", timeZone: "UTC" }),
        ),
        datasets: [
          {
            type: "bar",
            label: "Revenue",
            data: months.map((m) => Math.round(m.revenue)),
            backgroundColor: `${CHART_COLORS[0]}cc`,
            borderRadius: 6,
            yAxisID: "y",
          },
          {
            type: "line",
            label: "Buying customers",
            data: months.map((m) => m.customers),
            borderColor: CHART_COLORS[1],
            backgroundColor: CHART_COLORS[1],
            tension: 0.35,
            yAxisID: "y1",
          },
        ],
      },
      options: {
        interaction: { mode: "index", intersect: false },
        plugins: { legend: { position: "bottom", labels: { usePointStyle: true, boxWidth: 8 } } },
        scales: {
          x: { grid: { display: false } },
          y: {
            beginAtZero: true,
            grid: { color: "#f1f5f9" },
            ticks: { callback: (v) => `$${Number(v) >= 1000 ? `${Math.round(Number(v) / 1000)}k` : v}` },
          },
          y1: { beginAtZero: true, position: "right", grid: { display: false } },
        },
      },
    }),
    [months],
  );
  return <Chart config={config} label="Monthly revenue and buying customers over the last twelve months" />;
}
