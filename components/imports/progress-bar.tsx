import { cn } from "@/components/ui/cn";

/** A determinate progress bar; `value` is a share from 0 to 1. */
export function ProgressBar({ value, label, valueText, className }: { value: number; label: string; valueText?: string; className?: string }) {
  const percent = Math.max(0, Math.min(100, Math.floor(value * 100)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={valueText ?? `${percent}%`}
      className={cn("h-2.5 w-full overflow-hidden rounded-full bg-slate-100", className)}
    >
      <div className="h-full rounded-full bg-brand-600 transition-[width] duration-500 ease-out" style={{ width: `${percent}%` }} />
    </div>
  );
}
