"use client";

import { useMemo, useState } from "react";
import type { ChartConfiguration } from "chart.js";
import { Chart, CHART_COLORS } from "@/components/charts/chart";
import { cn } from "@/components/ui/cn";

type Month = { month: string; revenue: number; orders: number };
type Category = { category: string; revenue: number; orders: number };

const money = (v: number) => `$${v >= 1000 ? `${Math.round(v / 100) / 10}k` : Math.round(v)}`;

/** The customer's spend: by month over the last twelve months, or by order category over their lifetime. */
export function SpendChart({ months, categories }: { months: Month[]; categories: Category[] }) {
  const [view, setView] = useState<"month" | "category">("month");
  const config = useMemo<ChartConfiguration>(() => {
    if (view === "month") {
      return {
        type: "bar",
        data: {
          labels: months.map((m) =>
            new Date(`${m.month}-01T00:00:00Z`).toLocaleDateString("en-US", { month: "short", year: "2-digit", timeZone: "UTC" }),
          ),
          datasets: [
            {
              label: "Spend",
              data: months.map((m) => Math.round(m.revenue * 100) / 100),
              backgroundColor: `${CHART_COLORS[0]}cc`,
              borderRadius: 6,
            },
          ],
        },
        options: {
          indexAxis: "x",
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { label: (item) => ` $${Number(item.raw).toLocaleString("en-US", { minimumFractionDigits: 2 })} · ${months[item.dataIndex]?.orders ?? 0} orders` } },
          },
          scales: {
            x: { grid: { display: false } },
            y: { beginAtZero: true, suggestedMax: 10, grid: { color: "#f1f5f9" }, ticks: { precision: 0, callback: (v) => money(Number(v)) } },
          },
        },
      };
    }
    return {
      type: "bar",
      data: {
        labels: categories.map((c) => c.category),
        datasets: [
          {
            label: "Spend",
            data: categories.map((c) => Math.round(c.revenue * 100) / 100),
            backgroundColor: categories.map((_, i) => `${CHART_COLORS[i % CHART_COLORS.length]}cc`),
            borderRadius: 6,
          },
        ],
      },
      options: {
        indexAxis: "y",
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (item) => ` $${Number(item.raw).toLocaleString("en-US", { minimumFractionDigits: 2 })} · ${categories[item.dataIndex]?.orders ?? 0} orders` } },
        },
        scales: {
          x: { beginAtZero: true, suggestedMax: 10, grid: { color: "#f1f5f9" }, ticks: { precision: 0, callback: (v) => money(Number(v)) } },
          y: { grid: { display: false } },
        },
      },
    };
  }, [view, months, categories]);

  return (
    <div>
      <div className="mb-3 inline-flex rounded-lg bg-slate-100 p-0.5 text-sm" role="group" aria-label="Spend chart view">
        {(["month", "category"] as const).map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={view === v}
            onClick={() => setView(v)}
            className={cn(
              "rounded-md px-3 py-1 font-medium",
              view === v ? "bg-white text-slate-900 shadow-sm" : "text-slate-500 hover:text-slate-800",
            )}
          >
            {v === "month" ? "By month" : "By category"}
          </button>
        ))}
      </div>
      <Chart
        config={config}
        height={240}
        label={
          view === "month"
            ? "Spend per month over the last twelve months"
            : `Lifetime spend per category: ${categories.map((c) => `${c.category} $${Math.round(c.revenue)}`).join(", ")}`
        }
      />
    </div>
  );
}
