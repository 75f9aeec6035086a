import Link from "next/link";
import { ArrowRight, Check } from "lucide-react";
import type { ChecklistStep } from "@/lib/workspaces/getting-started";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";

/** The overview's checklist for a workspace that is still being set up; hidden once all is done. */
export function GettingStarted({ steps, base }: { steps: ChecklistStep[]; base: string }) {
  const done = steps.filter((s) => s.done).length;
  if (done === steps.length) return null;
  const next = steps.find((s) => !s.done && !s.blockedNote);
  return (
    <Card className="mb-6">
      <CardHeader
        title="Get started"
        description={`${done} of ${steps.length} done — a few steps to your first useful segment.`}
      />
      <CardBody>
        <div
          className="mb-4 h-2 overflow-hidden rounded-full bg-slate-100"
          role="progressbar"
          aria-label="Setup progress"
          aria-valuemin={0}
          aria-valuemax={steps.length}
          aria-valuenow={done}
        >
          <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${(done / steps.length) * 100}%` }} />
        </div>
        <ol className="divide-y divide-slate-100" aria-label="Setup steps">
          {steps.map((step, i) => (
            <li key={step.key} className="flex flex-wrap items-center gap-4 py-3" data-done={step.done}>
              <span
                className={cn(
                  "flex size-7 shrink-0 items-center justify-center rounded-full text-xs font-semibold",
                  step.done ? "bg-emerald-100 text-emerald-700" : "bg-slate-100 text-slate-600",
                )}
                aria-hidden
              >
                {step.done ? <Check className="size-4" /> : i + 1}
              </span>
              <div className="min-w-0 flex-1">
                <p className={cn("text-sm font-medium", step.done ? "text-slate-500 line-through" : "text-slate-900")}>
                  {step.title}
                  <span className="sr-only">{step.done ? " (done)" : " (to do)"}</span>
                </p>
                <p className="text-sm text-slate-500">{step.blockedNote ?? step.description}</p>
              </div>
              {!step.done && !step.blockedNote && (
                <Link
                  href={`${base}/${step.href}`}
                  className={cn(
                    "inline-flex items-center gap-1.5 rounded-lg px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600",
                    step === next
                      ? "bg-brand-600 text-white hover:bg-brand-700"
                      : "text-brand-700 ring-1 ring-inset ring-brand-200 hover:bg-brand-50",
                  )}
                >
                  {step.action}
                  <ArrowRight className="size-4" aria-hidden />
                </Link>
              )}
            </li>
          ))}
        </ol>
      </CardBody>
    </Card>
  );
}
