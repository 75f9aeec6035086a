import Link from "next/link";
import type { RuleLine, RulePart, RulesDescription } from "@/lib/segments/describe-rules";
import { cn } from "@/components/ui/cn";

/**
 * A definition in words (lib/segments/describe-rules.ts): one sentence, or an indented list for
 * nested rules. Every value is rendered as text; referenced segments and personas are links.
 */
export function RulesDescriptionView({ description, hrefs }: { description: RulesDescription; hrefs: { segment: (id: string) => string; persona: (id: string) => string } }) {
  const { root } = description;
  return (
    <div className="text-sm leading-6 text-slate-800" data-testid="rules-description">
      <p className="break-words">
        <Parts parts={root.parts} hrefs={hrefs} />
      </p>
      {root.items && <Items items={root.items} depth={0} hrefs={hrefs} />}
    </div>
  );
}

function Items({ items, depth, hrefs }: { items: readonly RuleLine[]; depth: number; hrefs: Parameters<typeof RulesDescriptionView>[0]["hrefs"] }) {
  return (
    <ul className={cn("mt-1 space-y-1", depth === 0 ? "pl-5" : "pl-5", depth % 2 === 0 ? "list-disc" : "list-[circle]", "marker:text-slate-400")}>
      {items.map((item, i) => (
        <li key={i} className="break-words">
          <Parts parts={item.parts} hrefs={hrefs} />
          {item.items && <Items items={item.items} depth={depth + 1} hrefs={hrefs} />}
        </li>
      ))}
    </ul>
  );
}

function Parts({ parts, hrefs }: { parts: readonly RulePart[]; hrefs: Parameters<typeof RulesDescriptionView>[0]["hrefs"] }) {
  return (
    <>
      {parts.map((p, i) =>
        "text" in p ? (
          <span key={i}>{p.text}</span>
        ) : p.name === null ? (
          <span key={i} className="italic text-slate-500">
            an unavailable {p.ref}
          </span>
        ) : (
          <Link key={i} href={p.ref === "segment" ? hrefs.segment(p.id) : hrefs.persona(p.id)} className="font-medium text-brand-700 hover:underline">
            {p.name}
          </Link>
        ),
      )}
    </>
  );
}
