"use client";

import { useEffect, useRef } from "react";
import {
  ArcElement,
  BarController,
  BarElement,
  BubbleController,
  CategoryScale,
  Chart as ChartJS,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
} from "chart.js";
import { MatrixController, MatrixElement } from "chartjs-chart-matrix";
import { Flow, SankeyController } from "chartjs-chart-sankey";

ChartJS.register(
  ArcElement,
  BarController,
  BarElement,
  BubbleController,
  CategoryScale,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  MatrixController,
  MatrixElement,
  PointElement,
  ScatterController,
  SankeyController,
  Flow,
  Tooltip,
);

ChartJS.defaults.font.family = 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
ChartJS.defaults.color = "#64748b";

export const CHART_COLORS = ["#4f46e5", "#0ea5e9", "#10b981", "#f59e0b", "#ef4444", "#8b5cf6", "#14b8a6", "#f97316"];

/**
 * The one Chart.js component: it owns the chart's create / update / destroy. Callers pass a plain
 * configuration; a new configuration updates the chart in place.
 */
export function Chart({
  config,
  height = 280,
  label,
}: {
  config: ChartConfiguration;
  height?: number;
  label: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<ChartJS | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new ChartJS(canvas.current, {
      ...config,
      options: { responsive: true, maintainAspectRatio: false, ...config.options },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
    // The chart is created once per type; data and options changes go through update() below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [config.type]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data = config.data;
    if (config.options) c.options = { responsive: true, maintainAspectRatio: false, ...config.options };
    c.update();
  }, [config.data, config.options]);

  return (
    <div style={{ height }} className="relative w-full">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
