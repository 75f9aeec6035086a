"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Ban, LayoutTemplate, Loader2 } from "lucide-react";
import { cn } from "@/components/ui/cn";

type Template = { key: string; name: string; isNegative: boolean; headline: string | null; quote: string | null; tags: string[]; rules: number };
type CreateAction = (input: unknown) => Promise<{ ok: true; data: { id: string } } | { ok: false; error: string }>;

/** Starting points for an empty gallery: each creates an ordinary persona (card and rules) to edit. */
export function PersonaTemplates({ slug, templates, create }: { slug: string; templates: Template[]; create: CreateAction }) {
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);
  if (templates.length === 0) return null;
  const use = async (key: string) => {
    setPending(key);
    const result = await create({ template: key }).catch(() => ({ ok: false as const, error: "Could not reach the server." }));
    if (result.ok) {
      toast.success("Persona created from the template — make it yours.");
      router.push(`/w/${slug}/personas/${result.data.id}`);
    } else {
      toast.error(result.error);
      setPending(null);
    }
  };
  return (
    <section className="mt-6" aria-labelledby="persona-templates">
      <h2 id="persona-templates" className="flex items-center gap-2 text-sm font-semibold text-slate-900">
        <LayoutTemplate className="size-4 text-slate-400" aria-hidden /> Start from a template
      </h2>
      <p className="mt-0.5 text-xs text-slate-500">Each comes with rules over built-in fields, so it shows live evidence from your customers at once.</p>
      <ul className="mt-3 grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {templates.map((t) => (
          <li key={t.key} className={cn("flex flex-col rounded-xl bg-white p-4 shadow-sm ring-1", t.isNegative ? "ring-red-100" : "ring-slate-200")}>
            <p className="flex items-center gap-1.5 font-medium text-slate-900">
              {t.isNegative && <Ban className="size-3.5 text-red-600" aria-label="Negative persona" />}
              {t.name}
            </p>
            {t.headline && <p className="mt-0.5 text-sm text-slate-600">{t.headline}</p>}
            {t.quote && <p className="mt-2 line-clamp-2 text-xs text-slate-500 italic">“{t.quote}”</p>}
            <p className="mt-2 text-xs text-slate-500">
              {t.rules} {t.rules === 1 ? "rule" : "rules"}
              {t.tags.length > 0 && ` · ${t.tags.map((x) => `#${x}`).join(" ")}`}
            </p>
            <button
              type="button"
              onClick={() => void use(t.key)}
              disabled={pending !== null}
              className="mt-3 inline-flex items-center justify-center gap-1.5 self-start rounded-lg bg-white px-3 py-1.5 text-sm font-medium text-brand-700 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50 focus:ring-2 focus:ring-brand-600 focus:outline-none disabled:opacity-60"
              aria-label={`Use the template ${t.name}`}
            >
              {pending === t.key && <Loader2 className="size-3.5 animate-spin" aria-hidden />} Use template
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
