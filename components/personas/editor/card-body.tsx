"use client";

import { Ban, Coins, Sparkles } from "lucide-react";
import { FreeSections, InlineArea, ListEditor, PersonalitySliders, SectionBox } from "@/components/personas/inline-fields";
import { FIELD_LABELS, LISTS, type Draft, type DraftKey } from "./card-fields";

/**
 * The card's body: for a negative persona first why they are not a fit and what serving them
 * costs; then the story, the list boxes, the personality sliders and the team's free sections.
 */
export function CardBody({ draft, change, readOnly }: { draft: Draft; change: <K extends DraftKey>(key: K, value: Draft[K]) => void; readOnly: boolean }) {
  return (
    <div className="space-y-6">
      {draft.isNegative && (
        <div className="grid gap-4 md:grid-cols-2" data-testid="negative-fields">
          <SectionBox title={FIELD_LABELS.notFitReasons} icon={<Ban className="size-3.5" />}>
            <ListEditor label={FIELD_LABELS.notFitReasons} items={draft.notFitReasons} readOnly={readOnly} placeholder="Why we do not target them" accent="red" onChange={(v) => change("notFitReasons", v)} />
          </SectionBox>
          <SectionBox title={FIELD_LABELS.costToServe} icon={<Coins className="size-3.5" />}>
            <InlineArea
              label={FIELD_LABELS.costToServe}
              value={draft.costToServe}
              readOnly={readOnly}
              rows={3}
              maxLength={500}
              placeholder="e.g. 3× the support tickets, 40% return rate, discounts only"
              onChange={(v) => change("costToServe", v)}
              className="text-sm text-slate-700"
            />
          </SectionBox>
        </div>
      )}
      <SectionBox title="Story" icon={<Sparkles className="size-3.5" />}>
        <InlineArea label="Story" value={draft.description} readOnly={readOnly} rows={4} placeholder="A short story: a day in their life, the moment they need you" onChange={(v) => change("description", v)} className="text-sm text-slate-700" />
      </SectionBox>
      <div className="grid gap-4 md:grid-cols-2">
        {LISTS.map(({ key, placeholder, accent, icon }) => (
          <SectionBox key={key} title={FIELD_LABELS[key]} icon={icon}>
            <ListEditor label={FIELD_LABELS[key]} items={draft[key]} readOnly={readOnly} placeholder={placeholder} accent={accent} onChange={(v) => change(key, v)} />
          </SectionBox>
        ))}
        <SectionBox title="Personality">
          <PersonalitySliders sliders={draft.personality} readOnly={readOnly} onChange={(v) => change("personality", v)} />
        </SectionBox>
      </div>
      <FreeSections sections={draft.sections} readOnly={readOnly} onChange={(v) => change("sections", v)} />
    </div>
  );
}
