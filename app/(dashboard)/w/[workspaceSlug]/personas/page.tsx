import type { Metadata } from "next";
import Link from "next/link";
import { Download, Search, UserSquare2, Users } from "lucide-react";
import { z } from "zod";
import { requireWorkspace } from "@/lib/auth/workspace";
import { GALLERY_LIMIT, listPersonas, personaTags, segmentChoices, type GallerySort } from "@/lib/dal/personas";
import { createPersonaAction, createPersonaFromTemplateAction, draftPersonaAction } from "@/lib/actions/personas";
import { formatNumber } from "@/lib/format";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { PersonaAvatar, photoUrl } from "@/components/personas/avatar";
import { DraftFromSegmentButton } from "@/components/personas/draft-persona";
import { NewPersonaButton } from "@/components/personas/new-persona";
import { PersonaTemplates } from "@/components/personas/persona-templates";
import { PERSONA_TEMPLATES } from "@/lib/personas/templates";
import { UploadPersonasButton } from "@/components/personas/upload-personas";

export const metadata: Metadata = { title: "Personas" };

const querySchema = z.object({
  tab: z.enum(["positive", "negative"]).catch("positive"),
  q: z.string().trim().max(100).catch(""),
  tag: z.string().trim().max(40).catch(""),
  segment: z.string().trim().max(64).catch(""),
  sort: z.enum(["matching", "name", "updated"]).catch("matching"),
});

const SORT_LABELS: Record<GallerySort, string> = { matching: "Matching customers", name: "Name", updated: "Recently edited" };

export default async function PersonasPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspaceSlug } = await params;
  const { workspace, can } = await requireWorkspace(workspaceSlug);
  const raw = await searchParams;
  const query = querySchema.parse({ tab: raw.tab, q: raw.q ?? "", tag: raw.tag ?? "", segment: raw.segment ?? "", sort: raw.sort });
  const negative = query.tab === "negative";
  const [gallery, tags, segments] = await Promise.all([
    listPersonas(workspace.id, { negative, q: query.q, tag: query.tag || null, segmentId: query.segment || null }, query.sort),
    personaTags(workspace.id),
    segmentChoices(workspace.id),
  ]);
  const base = `/w/${workspace.slug}/personas`;
  const create = createPersonaAction.bind(null, workspace.id);
  const draft = draftPersonaAction.bind(null, workspace.id);
  const createButtons = (
    <div className="flex flex-wrap items-center gap-2">
      <UploadPersonasButton slug={workspace.slug} />
      <DraftFromSegmentButton slug={workspace.slug} draft={draft} segments={segments} negative={negative} />
      <NewPersonaButton slug={workspace.slug} create={create} negative={negative} label={negative ? "New negative persona" : "New persona"} />
    </div>
  );
  const filtered = !!(query.q || query.tag || query.segment);
  const tabHref = (tab: "positive" | "negative") => `${base}?${new URLSearchParams({ tab, sort: query.sort }).toString()}`;

  return (
    <>
      <PageHeader
        title="Personas"
        description="Who you serve — and who you deliberately don't — each card grounded in your live customer data."
        actions={
          <div className="flex flex-wrap items-center gap-2">
            {gallery.positives + gallery.negatives > 0 && (
              <a href={`${base}/export.json`} download className={buttonClasses("secondary")} title="Download every persona as our JSON export (re-importable)">
                <Download className="size-4" aria-hidden /> Export JSON
              </a>
            )}
            {can("personas.write") && createButtons}
          </div>
        }
      />

      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <nav className="flex gap-1 rounded-lg bg-slate-100 p-1 text-sm" aria-label="Persona kind">
          {(["positive", "negative"] as const).map((tab) => (
            <Link
              key={tab}
              href={tabHref(tab)}
              aria-current={query.tab === tab ? "page" : undefined}
              className={cn(
                "rounded-md px-3 py-1.5 font-medium",
                query.tab === tab ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900",
              )}
            >
              {tab === "positive" ? "Personas" : "Negative personas"}
              <span className={cn("ml-1.5 rounded-full px-1.5 text-xs", tab === "negative" ? "bg-red-50 text-red-700" : "bg-brand-50 text-brand-700")}>
                {tab === "positive" ? gallery.positives : gallery.negatives}
              </span>
            </Link>
          ))}
        </nav>
        <form className="flex flex-wrap items-center gap-2 text-sm" role="search" aria-label="Filter personas">
          <input type="hidden" name="tab" value={query.tab} />
          <label className="relative">
            <span className="sr-only">Search personas</span>
            <Search className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-400" aria-hidden />
            <input
              name="q"
              defaultValue={query.q}
              placeholder="Name, headline or quote"
              className="h-9 w-60 rounded-lg border-0 bg-white pr-3 pl-8 text-sm shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600"
            />
          </label>
          <select name="tag" defaultValue={query.tag} aria-label="Tag" className="h-9 rounded-lg border-0 bg-white px-2 text-sm shadow-sm ring-1 ring-slate-300 ring-inset">
            <option value="">All tags</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                #{t}
              </option>
            ))}
          </select>
          <select name="segment" defaultValue={query.segment} aria-label="Linked segment" className="h-9 max-w-48 rounded-lg border-0 bg-white px-2 text-sm shadow-sm ring-1 ring-slate-300 ring-inset">
            <option value="">Any linked segment</option>
            {segments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <select name="sort" defaultValue={query.sort} aria-label="Sort by" className="h-9 rounded-lg border-0 bg-white px-2 text-sm shadow-sm ring-1 ring-slate-300 ring-inset">
            {(Object.keys(SORT_LABELS) as GallerySort[]).map((s) => (
              <option key={s} value={s}>
                Sort: {SORT_LABELS[s]}
              </option>
            ))}
          </select>
          <button type="submit" className={buttonClasses("secondary", "sm", "h-9")}>
            Apply
          </button>
          {filtered && (
            <Link href={tabHref(query.tab)} className="text-slate-500 hover:text-slate-900">
              Clear
            </Link>
          )}
        </form>
      </div>

      {gallery.cards.length === 0 ? (
        <>
        <Card>
          <EmptyState
            icon={<UserSquare2 className="size-5" />}
            title={filtered ? "No persona matches these filters" : negative ? "No negative personas yet" : "No personas yet"}
            action={
              !filtered && can("personas.write") && createButtons
            }
          >
            {filtered
              ? "Try another search, tag or segment."
              : negative
                ? "A negative persona describes who you deliberately do not target — bargain hunters for a premium brand, students for an enterprise tool — so the team stops spending on them."
                : "A persona is a card your team shares — goals, frustrations, channels, a quote — tied to rules over your real customers, so it shows how many match and how they differ from everyone else."}
          </EmptyState>
        </Card>
        {!filtered && can("personas.write") && (
          <PersonaTemplates slug={workspace.slug} templates={PERSONA_TEMPLATES.filter((t) => t.isNegative === negative)} create={createPersonaFromTemplateAction.bind(null, workspace.id)} />
        )}
        </>
      ) : (
        <>
          <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label={negative ? "Negative personas" : "Personas"}>
            {gallery.cards.map((p) => (
              <li key={p.id}>
                <Link
                  href={`${base}/${p.id}`}
                  className={cn(
                    "group flex h-full flex-col rounded-xl bg-white p-5 shadow-sm ring-1 transition hover:shadow-md",
                    p.isNegative ? "border-t-4 border-red-500 ring-red-100" : "border-t-4 border-brand-500 ring-slate-200",
                  )}
                  data-testid="persona-card"
                >
                  <div className="flex items-start gap-4">
                    <PersonaAvatar name={p.name} photoUrl={photoUrl(workspace.slug, p.id, p.photoVersion)} negative={p.isNegative} />
                    <div className="min-w-0 flex-1">
                      <h2 className="truncate text-base font-semibold text-slate-900 group-hover:text-brand-700">{p.name}</h2>
                      {p.isNegative && <p className="text-xs font-semibold tracking-wide text-red-600 uppercase">Negative persona</p>}
                      {p.headline && <p className="mt-0.5 line-clamp-2 text-sm text-slate-600">{p.headline}</p>}
                    </div>
                  </div>
                  {p.quote && <p className="mt-4 line-clamp-2 text-sm text-slate-500 italic">“{p.quote}”</p>}
                  <div className="mt-auto flex flex-wrap items-center gap-1.5 pt-4">
                    {p.tags.slice(0, 4).map((t) => (
                      <span key={t} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">
                        #{t}
                      </span>
                    ))}
                  </div>
                  <div className="mt-3 flex items-center justify-between border-t border-slate-100 pt-3 text-sm">
                    <span className="flex items-center gap-1.5 text-slate-600" data-testid="persona-matching">
                      <Users className="size-4 text-slate-400" aria-hidden />
                      {p.matching === null ? (
                        <span className="text-slate-400">{p.segment || p.hasRules ? "Not counted" : "No rules yet"}</span>
                      ) : (
                        <span>
                          <span className="font-semibold text-slate-900">{formatNumber(p.matching)}</span> matching
                        </span>
                      )}
                    </span>
                    {p.segment && <span className="max-w-40 truncate rounded-md bg-brand-50 px-2 py-0.5 text-xs text-brand-700">{p.segment.name}</span>}
                  </div>
                </Link>
              </li>
            ))}
          </ul>
          {gallery.total > GALLERY_LIMIT && (
            <p className="mt-4 text-sm text-slate-500">
              Showing {GALLERY_LIMIT} of {formatNumber(gallery.total)} — search or filter to find the others.
            </p>
          )}
        </>
      )}
    </>
  );
}
