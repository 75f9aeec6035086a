"use client";

import { useMemo } from "react";
import { useRouter } from "next/navigation";
import type { ChartConfiguration } from "chart.js";
import { Chart } from "@/components/charts/chart";
import { Sankey, type SankeyFlow } from "@/components/charts/sankey";

export type StageBar = { key: string; label: string; customers: number; revenue: number; color: string; href: string };
export type FlowLink = { from: string; to: string; fromLabel: string; toLabel: string; customers: number; href: string };

const money = (v: number) => `$${v.toLocaleString("en-US", { maximumFractionDigits: 0 })}`;

/** Customers per stage as horizontal bars (the funnel); clicking a bar opens those customers. */
export function StageBars({ stages }: { stages: StageBar[] }) {
  const router = useRouter();
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: "bar",
      data: {
        labels: stages.map((s) => s.label),
        datasets: [{ label: "Customers", data: stages.map((s) => s.customers), backgroundColor: stages.map((s) => `${s.color}d9`), borderRadius: 6 }],
      },
      options: {
        indexAxis: "y",
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                const s = stages[item.dataIndex]!;
                return ` ${s.customers.toLocaleString("en-US")} customers · ${money(s.revenue)} lifetime revenue`;
              },
            },
          },
        },
        scales: {
          x: { beginAtZero: true, grid: { color: "#f1f5f9" }, ticks: { precision: 0 } },
          y: { grid: { display: false } },
        },
        onHover: (event, elements) => {
          const target = event.native?.target;
          if (target instanceof HTMLElement) target.style.cursor = elements.length > 0 ? "pointer" : "default";
        },
        onClick: (_event, elements) => {
          const hit = elements[0];
          if (hit) router.push(stages[hit.index]!.href);
        },
      },
    }),
    [stages, router],
  );
  return <Chart config={config} height={240} label={stages.map((s) => `${s.label}: ${s.customers}`).join(", ")} />;
}

/** The flow from the stage at the period's start to the stage now; clicking a flow opens those customers. */
export function StageFlow({
  flows,
  left,
  right,
  labels,
  colors,
}: {
  flows: FlowLink[];
  left: string[];
  right: string[];
  labels: Record<string, string>;
  colors: Record<string, string>;
}) {
  const router = useRouter();
  const data = useMemo<SankeyFlow[]>(() => flows.map((f) => ({ from: f.from, to: f.to, flow: f.customers })), [flows]);
  return (
    <Sankey
      flows={data}
      left={left}
      right={right}
      labels={labels}
      colors={colors}
      height={380}
      label={`Flow between lifecycle stages: ${flows.map((f) => `${f.fromLabel} to ${f.toLabel}: ${f.customers}`).join("; ")}`}
      tooltip={(f) => {
        const link = flows.find((x) => x.from === f.from && x.to === f.to);
        return link ? ` ${link.fromLabel} → ${link.toLabel}: ${link.customers.toLocaleString("en-US")} customers` : "";
      }}
      onSelect={(f) => {
        const link = flows.find((x) => x.from === f.from && x.to === f.to);
        if (link) router.push(link.href);
      }}
    />
  );
}
