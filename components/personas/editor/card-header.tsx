"use client";

import type { ReactNode } from "react";
import { Ban } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { PersonaAvatar, photoUrl } from "@/components/personas/avatar";
import { InlineArea, InlineText } from "@/components/personas/inline-fields";
import { DEMOGRAPHICS, FIELD_LABELS, type Draft, type DraftKey } from "./card-fields";

/** The card's identity: photo, name, headline, quote, demographics, tags and its kind. */
export function CardHeader({
  slug,
  personaId,
  draft,
  change,
  readOnly,
  photoVersion,
  photoControl,
  status,
  tagsText,
  setTagsText,
}: {
  slug: string;
  personaId: string;
  draft: Draft;
  change: <K extends DraftKey>(key: K, value: Draft[K]) => void;
  readOnly: boolean;
  photoVersion: number | null;
  photoControl: ReactNode;
  status: ReactNode;
  tagsText: string;
  setTagsText: (text: string) => void;
}) {
  const negative = draft.isNegative;
  return (
    <section className={cn("relative overflow-hidden rounded-2xl bg-white shadow-sm ring-1", negative ? "ring-red-200" : "ring-slate-200")} aria-label="Persona">
      <div className={cn("h-24", negative ? "bg-gradient-to-r from-red-600 to-rose-400" : "bg-gradient-to-r from-brand-600 to-sky-400")} aria-hidden />
      <div className="flex flex-col gap-6 px-6 pb-6 md:flex-row">
        <div className="-mt-16 flex flex-col items-center gap-2">
          <PersonaAvatar name={draft.name} photoUrl={photoUrl(slug, personaId, photoVersion)} size="lg" negative={negative} />
          {photoControl}
        </div>
        <div className="min-w-0 flex-1 pt-4">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0 flex-1">
              {negative && (
                <p className="mb-1 inline-flex items-center gap-1 rounded-md bg-red-50 px-2 py-0.5 text-xs font-semibold tracking-wide text-red-700 uppercase ring-1 ring-red-200" data-testid="negative-label">
                  <Ban className="size-3.5" /> Negative persona
                </p>
              )}
              <InlineText label="Name" value={draft.name} readOnly={readOnly} maxLength={120} onChange={(v) => change("name", v)} className="text-3xl font-bold tracking-tight text-slate-900" />
              <InlineText
                label="Headline / role"
                value={draft.headline}
                readOnly={readOnly}
                placeholder="Headline or role — e.g. Operations lead at a mid-size retailer"
                onChange={(v) => change("headline", v)}
                className="mt-1 text-lg text-slate-600"
              />
            </div>
            {status}
          </div>
          <blockquote className={cn("mt-4 border-l-4 pl-4", negative ? "border-red-300" : "border-brand-300")}>
            <InlineArea label="Quote" value={draft.quote} readOnly={readOnly} rows={2} maxLength={500} placeholder="A quote in their own words" onChange={(v) => change("quote", v)} className="text-lg text-slate-700 italic" />
          </blockquote>
          <dl className="mt-5 grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-4">
            {DEMOGRAPHICS.map(({ key, placeholder }) => (
              <div key={key}>
                <dt className="text-xs font-medium text-slate-500">{FIELD_LABELS[key]}</dt>
                <dd>
                  <InlineText label={FIELD_LABELS[key]} value={draft[key]} readOnly={readOnly} placeholder={placeholder} onChange={(v) => change(key, v)} className="text-sm font-medium text-slate-900" />
                </dd>
              </div>
            ))}
            <div>
              <dt className="text-xs font-medium text-slate-500">Tags</dt>
              <dd>
                <TagsField readOnly={readOnly} text={tagsText} setText={setTagsText} onChange={(tags) => change("tags", tags)} />
              </dd>
            </div>
          </dl>
          {!readOnly && (
            <label className="mt-4 inline-flex items-center gap-2 text-sm text-slate-600 print:hidden">
              <input type="checkbox" className="size-4 rounded border-slate-300 text-red-600" checked={negative} onChange={(e) => change("isNegative", e.target.checked)} />
              Negative persona (someone we deliberately do not target)
            </label>
          )}
        </div>
      </div>
    </section>
  );
}

/** Tags typed as comma-separated text; stored lower-cased, blanks dropped. */
function TagsField({ readOnly, text, setText, onChange }: { readOnly: boolean; text: string; setText: (t: string) => void; onChange: (tags: string[]) => void }) {
  return (
    <InlineText
        label="Tags"
        value={text}
        readOnly={readOnly}
        placeholder="comma, separated"
        onChange={(v) => {
          setText(v);
          onChange(
            v
              .split(",")
              .map((t) => t.trim().toLowerCase())
              .filter(Boolean),
          );
        }}
      className="text-sm text-slate-700"
    />
  );
}
