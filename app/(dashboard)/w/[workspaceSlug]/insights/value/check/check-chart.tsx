"use client";

import type { ChartConfiguration } from "chart.js";
import { useMemo } from "react";
import { Chart, CHART_COLORS } from "@/components/charts/chart";
import type { CheckGroup } from "@/lib/analytics/clv-predict";

/** Mean repeat purchases in the hold-out, predicted and actual, by calibration repeat purchases. */
export function CheckChart({ groups }: { groups: CheckGroup[] }) {
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: "bar",
      data: {
        labels: groups.map((g) => g.label),
        datasets: [
          { type: "bar", label: "Actual", data: groups.map((g) => g.actual), backgroundColor: CHART_COLORS[1], borderRadius: 3, order: 2 },
          {
            type: "line",
            label: "Predicted",
            data: groups.map((g) => g.predicted),
            borderColor: CHART_COLORS[0],
            backgroundColor: CHART_COLORS[0],
            borderDash: [6, 4],
            pointRadius: 4,
            order: 1,
          },
        ],
      },
      options: {
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              title: (items) => {
                const g = groups[items[0]?.dataIndex ?? 0];
                return g ? `${g.label} repeat purchases before the cut-off (${g.customers.toLocaleString("en-US")} customers)` : "";
              },
              label: (item) => `${item.dataset.label}: ${Number(item.raw).toFixed(2)} purchases per customer`,
            },
          },
        },
        scales: {
          x: { title: { display: true, text: "Repeat purchases in the calibration period" }, grid: { display: false } },
          y: { title: { display: true, text: "Purchases per customer in the hold-out" }, beginAtZero: true },
        },
      },
    }),
    [groups],
  );
  return <Chart config={config} height={320} label="Predicted and actual repeat purchases in the hold-out period, by repeat purchases in the calibration period" />;
}
