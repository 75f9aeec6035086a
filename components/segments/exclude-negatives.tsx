"use client";

import { Ban, Check } from "lucide-react";
import type { Group } from "@/lib/segments/definition";
import { excludedPersonaIds, excludePersonas, includePersonas } from "@/lib/segments/exclusion-rules";
import type { ReferenceOptions } from "@/components/segments/rule-builder";

/**
 * "Exclude negative personas": adds (or removes) one "does not match persona" rule per negative
 * persona that has rules, so who is left out is written in the rules and counted live.
 */
export function ExcludeNegatives({ root, onChange, personas }: { root: Group; onChange: (root: Group) => void; personas: ReferenceOptions["personas"] }) {
  const negatives = personas.filter((p) => p.isNegative && p.grounded !== false);
  if (negatives.length === 0) return null;
  const excluded = excludedPersonaIds(root);
  const ids = negatives.map((p) => p.id);
  const all = ids.every((id) => excluded.has(id));
  const names = negatives.map((p) => p.name).join(", ");
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-lg bg-red-50/60 px-3 py-2 text-sm ring-1 ring-red-100">
      <Ban className="size-4 text-red-600" aria-hidden />
      <span className="min-w-0 flex-1 text-slate-700">
        {all ? (
          <>
            <Check className="mr-1 inline size-3.5 text-emerald-600" aria-hidden />
            Negative personas are excluded ({names}).
          </>
        ) : (
          <>
            {negatives.length === 1 ? "1 negative persona" : `${negatives.length} negative personas`} ({names}) {excluded.size ? "are partly excluded" : "are not excluded"}.
          </>
        )}
      </span>
      <button
        type="button"
        onClick={() => onChange(all ? includePersonas(root, ids) : excludePersonas(root, ids))}
        className="rounded-md bg-white px-2.5 py-1 text-xs font-medium text-red-700 shadow-sm ring-1 ring-red-200 hover:bg-red-50 focus:ring-2 focus:ring-red-500 focus:outline-none"
      >
        {all ? "Stop excluding them" : "Exclude negative personas"}
      </button>
    </div>
  );
}
