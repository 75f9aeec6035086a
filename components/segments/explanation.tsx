import { Check, X } from "lucide-react";
import type { Explanation, ExplanationValue } from "@/lib/segments/explanation";
import { cn } from "@/components/ui/cn";

function show(value: ExplanationValue | undefined): string {
  if (value === undefined) return "";
  if (value === null) return "empty";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "none";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The engine's explanation of one customer against one segment: each rule, its outcome, the values compared. */
export function ExplanationTree({ node }: { node: Explanation }) {
  return (
    <ul className="space-y-1 text-xs">
      <ExplanationNode node={node} />
    </ul>
  );
}

function ExplanationNode({ node }: { node: Explanation }) {
  const Icon = node.matched ? Check : X;
  return (
    <li>
      <div className="flex items-start gap-1.5">
        <Icon className={cn("mt-0.5 size-3.5 shrink-0", node.matched ? "text-emerald-600" : "text-slate-400")} aria-label={node.matched ? "true" : "false"} />
        <span className="text-slate-700">
          {node.negated && <span className="font-semibold">NOT </span>}
          {node.kind === "group" ? <span className="font-medium uppercase">{node.summary}</span> : node.summary}
          {node.kind !== "group" && (node.actual !== undefined || node.expected !== undefined) && (
            <span className="text-slate-500">
              {" "}
              — has <span className="font-mono text-slate-700">{show(node.actual)}</span>
              {node.expected !== undefined && (
                <>
                  , rule <span className="font-mono text-slate-700">{show(node.expected)}</span>
                </>
              )}
            </span>
          )}
          {node.repeated && <span className="text-slate-500"> (explained above)</span>}
          {node.omitted && <span className="text-slate-500"> (details left out: this explanation is long)</span>}
        </span>
      </div>
      {node.children && node.children.length > 0 && (
        <ul className="ml-4 mt-1 space-y-1 border-l border-slate-200 pl-2.5">
          {node.children.map((child) => (
            <ExplanationNode key={child.path} node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}
