"use client";

import { useLayoutEffect, useMemo, useRef } from "react";
import type { ChartConfiguration } from "chart.js";
import { Chart } from "@/components/charts/chart";

/** One flow between two nodes: keys must differ between the left and right columns. */
export type SankeyFlow = { from: string; to: string; flow: number };

/**
 * A two-column Sankey diagram (chartjs-chart-sankey): `left` nodes in column 0, `right` nodes in
 * column 1, in the given order; flows coloured from their source node. Clicking a flow calls
 * `onSelect`. Callers give a keyboard-accessible alternative (a table) next to it.
 */
export function Sankey({
  flows,
  left,
  right,
  labels,
  colors,
  label,
  tooltip,
  onSelect,
  height = 360,
}: {
  flows: SankeyFlow[];
  left: string[];
  right: string[];
  labels: Record<string, string>;
  colors: Record<string, string>;
  label: string;
  tooltip: (flow: SankeyFlow) => string;
  onSelect?: (flow: SankeyFlow) => void;
  height?: number;
}) {
  const select = useRef(onSelect);
  const describe = useRef(tooltip);
  useLayoutEffect(() => {
    select.current = onSelect;
    describe.current = tooltip;
  });

  const config = useMemo<ChartConfiguration<"sankey">>(() => {
    const column: Record<string, number> = {};
    const priority: Record<string, number> = {};
    left.forEach((k, i) => {
      column[k] = 0;
      priority[k] = i;
    });
    right.forEach((k, i) => {
      column[k] = 1;
      priority[k] = i;
    });
    const color = (key: string) => colors[key] ?? "#94a3b8";
    return {
      type: "sankey",
      data: {
        datasets: [
          {
            data: flows,
            parsing: { from: "from", to: "to", flow: "flow" },
            labels,
            column,
            priority,
            colorFrom: (c) => color((c.raw as SankeyFlow).from),
            colorTo: (c) => color((c.raw as SankeyFlow).to),
            colorMode: "gradient",
            alpha: 0.45,
            size: "max",
            nodeWidth: 12,
            nodePadding: 14,
            borderWidth: 0,
            color: "#334155",
            font: { size: 12, weight: 500 },
          },
        ],
      },
      options: {
        animation: false,
        layout: { padding: { left: 8, right: 8, top: 8, bottom: 8 } },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: () => "",
              label: (item) => describe.current(item.raw as SankeyFlow),
            },
          },
        },
        onHover: (event, elements) => {
          const target = event.native?.target;
          if (target instanceof HTMLElement) target.style.cursor = elements.length > 0 && select.current ? "pointer" : "default";
        },
        onClick: (_event, elements) => {
          const hit = elements[0];
          if (hit && select.current) select.current(flows[hit.index]!);
        },
      },
    };
  }, [flows, left, right, labels, colors]);

  return <Chart config={config as unknown as ChartConfiguration} height={height} label={label} />;
}
