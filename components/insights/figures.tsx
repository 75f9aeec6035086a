import type { ReactNode } from "react";
import { Clock } from "lucide-react";
import { Card, EmptyState } from "@/components/ui/card";

/** A figure in a row of figures above an Insights chart (inside a <dl>); the hint shows on hover. */
export function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div title={hint}>
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums text-slate-900">{value}</dd>
    </div>
  );
}

/** A key figure on its own card (inside a <dl>), with its explanation below. */
export function Figure({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div className="rounded-xl bg-white px-5 py-4 shadow-sm ring-1 ring-slate-200">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</dd>
      <p className="mt-1 text-xs text-slate-500">{hint}</p>
    </div>
  );
}

/** An analysis that ran over the interactive time limit: say so, and what to do. */
export function TookTooLong({ title, children = "The workspace is busy or very large. Reload the page in a moment." }: { title: string; children?: ReactNode }) {
  return (
    <Card>
      <EmptyState icon={<Clock className="size-5" aria-hidden />} title={title}>
        {children}
      </EmptyState>
    </Card>
  );
}
