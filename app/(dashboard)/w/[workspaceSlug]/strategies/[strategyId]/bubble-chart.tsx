"use client";

import { useMemo } from "react";
import type { ChartConfiguration, Plugin } from "chart.js";
import { Chart } from "@/components/charts/chart";

export type BubblePoint = { id: string; name: string; attractiveness: number; profitability: number; compatibility: number; size: number; score: number; chosen: boolean };

/** Slate (0) → indigo (1): a segment's compatibility with the team's view (distinct from the zone colours behind). */
export function compatibilityColor(x: number, alpha = 0.75): string {
  const low = [148, 163, 184];
  const high = [67, 56, 202];
  const t = Math.max(0, Math.min(1, x));
  const c = low.map((v, k) => Math.round(v + (high[k]! - v) * t));
  return `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${alpha})`;
}

const band = (i: number, j: number) => (i + j >= 3 ? "invest" : i + j === 2 ? "selective" : "avoid");
const ZONE_FILL = { invest: "rgba(16, 185, 129, 0.08)", selective: "rgba(245, 158, 11, 0.08)", avoid: "rgba(239, 68, 68, 0.06)" } as const;

/** Shades the 3 × 3 attractiveness × profitability matrix behind the bubbles and names its zones. */
const zones: Plugin<"bubble"> = {
  id: "strategyZones",
  beforeDatasetsDraw(chart) {
    const { ctx, chartArea, scales } = chart;
    const x = scales.x!;
    const y = scales.y!;
    ctx.save();
    ctx.beginPath();
    ctx.rect(chartArea.left, chartArea.top, chartArea.width, chartArea.height);
    ctx.clip();
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        const x0 = x.getPixelForValue(i / 3);
        const x1 = x.getPixelForValue((i + 1) / 3);
        const y0 = y.getPixelForValue((j + 1) / 3);
        const y1 = y.getPixelForValue(j / 3);
        ctx.fillStyle = ZONE_FILL[band(i, j)];
        ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
      }
    ctx.strokeStyle = "rgba(100, 116, 139, 0.35)";
    ctx.setLineDash([4, 4]);
    for (const v of [1 / 3, 2 / 3]) {
      ctx.beginPath();
      ctx.moveTo(x.getPixelForValue(v), chartArea.top);
      ctx.lineTo(x.getPixelForValue(v), chartArea.bottom);
      ctx.moveTo(chartArea.left, y.getPixelForValue(v));
      ctx.lineTo(chartArea.right, y.getPixelForValue(v));
      ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.font = "600 12px ui-sans-serif, system-ui, sans-serif";
    const label = (text: string, color: string, vx: number, vy: number) => {
      ctx.fillStyle = color;
      ctx.textAlign = "center";
      ctx.fillText(text, x.getPixelForValue(vx), y.getPixelForValue(vy));
    };
    label("Invest", "rgba(4, 120, 87, 0.8)", 5 / 6, 0.96);
    label("Selective", "rgba(180, 83, 9, 0.8)", 1 / 2, 0.63);
    label("Avoid", "rgba(185, 28, 28, 0.75)", 1 / 6, 0.03);
    ctx.restore();
  },
};

export function ScoresBubbleChart({ points }: { points: BubblePoint[] }) {
  const config = useMemo<ChartConfiguration<"bubble">>(() => {
    const max = Math.max(1, ...points.map((p) => p.size));
    return {
      type: "bubble",
      data: {
        datasets: [
          {
            label: "Segments",
            data: points.map((p) => ({ x: p.attractiveness, y: p.profitability, r: 5 + 25 * Math.sqrt(p.size / max) })),
            backgroundColor: points.map((p) => compatibilityColor(p.compatibility, 0.6)),
            borderColor: points.map((p) => (p.chosen ? "#0f172a" : compatibilityColor(p.compatibility, 1))),
            borderWidth: points.map((p) => (p.chosen ? 2.5 : 1)),
            // Bubbles at the edges (a factor of 0 or 1) are drawn whole, over the axes' padding.
            clip: false,
          },
        ],
      },
      options: {
        layout: { padding: 28 },
        scales: {
          x: { type: "linear", min: 0, max: 1, title: { display: true, text: "Attractiveness (size, growth, revenue share)" }, ticks: { stepSize: 0.25, callback: (v) => Number(v).toFixed(2) }, grid: { display: false } },
          y: { type: "linear", min: 0, max: 1, title: { display: true, text: "Profitability (value per customer, order value)" }, ticks: { stepSize: 0.25, callback: (v) => Number(v).toFixed(2) }, grid: { display: false } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                const p = points[item.dataIndex];
                if (!p) return "";
                return [
                  `${p.name}${p.chosen ? " (chosen)" : ""}: score ${p.score}`,
                  `Attractiveness ${p.attractiveness.toFixed(2)} · profitability ${p.profitability.toFixed(2)} · compatibility ${p.compatibility.toFixed(2)}`,
                  `${p.size.toLocaleString("en-US")} customers`,
                ];
              },
            },
          },
        },
      },
      plugins: [zones],
    };
  }, [points]);
  return (
    <div>
      <Chart config={config} height={380} label="Candidate segments by attractiveness (x) and profitability (y); bubble area shows size, colour shows compatibility" />
      <p className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-500">
        <span>Bubble area: customers in the segment.</span>
        <span className="inline-flex items-center gap-1.5">
          Colour: compatibility
          <span className="inline-block h-2 w-16 rounded-full" style={{ background: `linear-gradient(to right, ${compatibilityColor(0, 1)}, ${compatibilityColor(0.5, 1)}, ${compatibilityColor(1, 1)})` }} aria-hidden />
          low → high
        </span>
        <span>Dark outline: chosen in this strategy.</span>
      </p>
    </div>
  );
}
