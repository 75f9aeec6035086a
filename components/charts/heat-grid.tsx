"use client";

import { useLayoutEffect, useMemo, useRef } from "react";
import type { ChartConfiguration, Plugin } from "chart.js";
import { Chart } from "@/components/charts/chart";

/** One cell of a heat grid: its whole-number coordinates, the value that colours it, and its texts. */
export type HeatCell = {
  x: number;
  y: number;
  value: number;
  /** Drawn in the cell (short: a count). */
  text: string;
  /** Tooltip title and lines. */
  title: string;
  lines: string[];
};

const LOW = [241, 245, 249]; // slate-100
const HIGH = [67, 56, 202]; // brand (indigo-700)

function shade(t: number): string {
  const c = LOW.map((lo, i) => Math.round(lo + (HIGH[i]! - lo) * t));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/**
 * A square grid of `size` × `size` cells (1…size on both axes, 1 at the bottom left) coloured by
 * value, on the matrix controller of chartjs-chart-matrix. Clicking a cell calls `onSelect`; the
 * selected cell is outlined. Callers give a keyboard-accessible alternative (a table) next to it.
 */
export function HeatGrid({
  cells,
  size,
  xTitle,
  yTitle,
  label,
  selected,
  onSelect,
  height = 360,
}: {
  cells: HeatCell[];
  size: number;
  xTitle: string;
  yTitle: string;
  label: string;
  selected?: { x: number; y: number } | null;
  onSelect?: (cell: HeatCell) => void;
  height?: number;
}) {
  // The drawing plugin is created once; it reads the current cells from here.
  const current = useRef(cells);
  const select = useRef(onSelect);
  useLayoutEffect(() => {
    current.current = cells;
    select.current = onSelect;
  });

  const plugin = useMemo<Plugin<"matrix">>(
    () => ({
      id: "heatGridText",
      afterDatasetsDraw(chart) {
        const { ctx } = chart;
        const meta = chart.getDatasetMeta(0);
        const max = Math.max(0, ...current.current.map((c) => c.value));
        ctx.save();
        ctx.font = "600 13px ui-sans-serif, system-ui, sans-serif";
        ctx.textAlign = "center";
        ctx.textBaseline = "middle";
        meta.data.forEach((element, i) => {
          const cell = current.current[i];
          if (!cell) return;
          const { x, y } = element.tooltipPosition(true);
          if (x === null || y === null) return;
          ctx.fillStyle = max > 0 && cell.value / max > 0.55 ? "#ffffff" : "#334155";
          ctx.fillText(cell.text, x, y);
        });
        ctx.restore();
      },
    }),
    [],
  );

  const config = useMemo<ChartConfiguration<"matrix">>(() => {
    const max = Math.max(0, ...cells.map((c) => c.value));
    const axis = (title: string) => ({
      type: "linear" as const,
      min: 0.5,
      max: size + 0.5,
      offset: false,
      // The matrix controller reverses y by default; here 1 is at the bottom.
      reverse: false,
      grid: { display: false },
      border: { display: false },
      // One tick per cell, at its centre (whole numbers), not from the 0.5 edge.
      afterBuildTicks: (scale: { ticks: { value: number }[] }) => {
        scale.ticks = Array.from({ length: size }, (_, i) => ({ value: i + 1 }));
      },
      ticks: { font: { weight: 600 as const } },
      title: { display: true, text: title, color: "#475569", font: { weight: 600 as const } },
    });
    return {
      type: "matrix",
      data: {
        datasets: [
          {
            label,
            data: cells.map((c) => ({ x: c.x, y: c.y, v: c.value })),
            backgroundColor: (ctx) => {
              const cell = cells[ctx.dataIndex];
              return shade(cell && max > 0 ? cell.value / max : 0);
            },
            borderColor: (ctx) => {
              const cell = cells[ctx.dataIndex];
              return cell && selected && cell.x === selected.x && cell.y === selected.y ? "#0f172a" : "#ffffff";
            },
            borderWidth: (ctx) => {
              const cell = cells[ctx.dataIndex];
              return cell && selected && cell.x === selected.x && cell.y === selected.y ? 3 : 1;
            },
            borderRadius: 6,
            width: ({ chart }) => (chart.chartArea?.width ?? 0) / size - 4,
            height: ({ chart }) => (chart.chartArea?.height ?? 0) / size - 4,
          },
        ],
      },
      options: {
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            displayColors: false,
            callbacks: {
              title: (items) => cells[items[0]?.dataIndex ?? -1]?.title ?? "",
              label: (item) => cells[item.dataIndex]?.lines ?? [],
            },
          },
        },
        scales: { x: axis(xTitle), y: axis(yTitle) },
        onClick: (_event, elements) => {
          const cell = cells[elements[0]?.index ?? -1];
          if (cell) select.current?.(cell);
        },
        onHover: (event, elements) => {
          const target = event.native?.target;
          if (target instanceof HTMLElement) target.style.cursor = elements.length && select.current ? "pointer" : "default";
        },
      },
      plugins: [plugin],
    };
  }, [cells, size, xTitle, yTitle, label, selected, plugin]);

  return <Chart config={config as unknown as ChartConfiguration} height={height} label={label} />;
}
