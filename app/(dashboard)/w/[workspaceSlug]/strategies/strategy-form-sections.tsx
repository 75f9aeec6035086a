"use client";

import { useState, type Dispatch, type ReactNode, type SetStateAction } from "react";
import { Plus, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Field, Input, Select } from "@/components/ui/field";
import { DEFAULT_WEIGHTS, STRATEGY_TYPE_KEYS, STRATEGY_TYPES, type StrategyTypeKey } from "@/lib/validations/strategy";
import type { FormChoices } from "./strategy-form";

/** Sections of the strategy form that own no state: the form passes its state and setters down. */
type Shared = { readOnly: boolean; err: (path: string) => string[] | undefined; id: (s: string) => string; markDirty: () => void };

const changeWith =
  (markDirty: () => void) =>
  <T,>(set: (v: T) => void) =>
  (v: T) => {
    set(v);
    markDirty();
  };

/** Negative personas (excluded unless switched off with a reason), segments to leave out, the suppression list. */
export function ExclusionsSection({
  negatives,
  personasOff,
  setPersonasOff,
  excludedSegments,
  setExcludedSegments,
  suppressOptedOut,
  setSuppressOptedOut,
  segmentName,
  excludable,
  readOnly,
  err,
  id,
  markDirty,
}: Shared & {
  negatives: FormChoices["personas"];
  personasOff: Record<string, string>;
  setPersonasOff: Dispatch<SetStateAction<Record<string, string>>>;
  excludedSegments: string[];
  setExcludedSegments: Dispatch<SetStateAction<string[]>>;
  suppressOptedOut: boolean;
  setSuppressOptedOut: (v: boolean) => void;
  segmentName: Map<string, string>;
  excludable: FormChoices["segments"];
}) {
  const change = changeWith(markDirty);
  return (
    <Card>
      <CardHeader title="Exclusions" description="Who is left out of the audience, whatever segment they are in." />
      <CardBody className="space-y-5">
        <div className="space-y-2">
          <h3 className="text-sm font-medium text-slate-700">Negative personas</h3>
          {negatives.length === 0 ? (
            <p className="text-sm text-slate-500">This workspace has no negative personas. Describe who you do not want to reach on the Personas page.</p>
          ) : (
            <ul className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200">
              {negatives.map((persona) => {
                const isOff = persona.id in personasOff;
                const index = Object.keys(personasOff).filter((pid) => negatives.some((n) => n.id === pid)).indexOf(persona.id);
                const reasonErrors = index >= 0 ? err(`config.exclusions.personasOff.${index}.reason`) : undefined;
                return (
                  <li key={persona.id} className="space-y-2 px-3 py-2.5">
                    <label className="flex items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        className="size-4 accent-brand-600"
                        checked={!isOff}
                        onChange={(e) => {
                          setPersonasOff((cur) => {
                            const next = { ...cur };
                            if (e.target.checked) delete next[persona.id];
                            else next[persona.id] = "";
                            return next;
                          });
                          markDirty();
                        }}
                      />
                      <span>
                        Exclude <span className="font-medium text-slate-900">{persona.name}</span>
                      </span>
                      {!persona.hasRules && <span className="text-xs text-slate-500">(no rules or segment yet: excludes nobody)</span>}
                    </label>
                    {isOff && (
                      <Field id={id(`off-${persona.id}`)} label={`Why is ${persona.name} not excluded?`} errors={reasonErrors}>
                        <Input
                          id={id(`off-${persona.id}`)}
                          value={personasOff[persona.id]}
                          maxLength={300}
                          required
                          invalid={!!reasonErrors}
                          onChange={(e) => {
                            const v = e.target.value;
                            setPersonasOff((cur) => ({ ...cur, [persona.id]: v }));
                            markDirty();
                          }}
                        />
                      </Field>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        <div className="space-y-2">
          <h3 className="text-sm font-medium text-slate-700">Segments to leave out</h3>
          {excludedSegments.length > 0 && (
            <ul className="flex flex-wrap gap-2">
              {excludedSegments.map((sid, i) => (
                <li key={sid} className="inline-flex items-center gap-1 rounded-md bg-slate-100 py-1 pl-2 pr-1 text-sm text-slate-700">
                  {segmentName.get(sid) ?? "Unavailable segment"}
                  {err(`config.exclusions.segmentIds.${i}`) && <span className="text-xs text-red-600">{err(`config.exclusions.segmentIds.${i}`)![0]}</span>}
                  {!readOnly && (
                    <button
                      type="button"
                      className="rounded p-0.5 hover:bg-slate-200"
                      aria-label={`Stop excluding ${segmentName.get(sid) ?? "segment"}`}
                      onClick={() => {
                        setExcludedSegments((cur) => cur.filter((x) => x !== sid));
                        markDirty();
                      }}
                    >
                      <X className="size-3.5" />
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {err("config.exclusions.segmentIds") && <FieldErrorList errors={err("config.exclusions.segmentIds")} />}
          {!readOnly && (
            <AddSelect
              id={id("exclude-segment")}
              label="Exclude a segment"
              buttonLabel="Exclude segment"
              disabled={excludedSegments.length >= 10}
              options={excludable}
              onAdd={(sid) => {
                setExcludedSegments((cur) => [...cur, sid]);
                markDirty();
              }}
            />
          )}
          {readOnly && excludedSegments.length === 0 && <p className="text-sm text-slate-500">None.</p>}
        </div>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-0.5 size-4 accent-brand-600" checked={suppressOptedOut} onChange={(e) => change(setSuppressOptedOut)(e.target.checked)} />
          <span>
            <span className="font-medium text-slate-900">Leave out customers who opted out of e-mail</span>
            <span className="block text-xs text-slate-500">The suppression list: customers without e-mail consent are never in the audience.</span>
          </span>
        </label>
      </CardBody>
    </Card>
  );
}

/** The holdout share and the scoring weights (which must add up to 100). */
export function HoldoutAndWeights({
  holdout,
  setHoldout,
  weights,
  setWeights,
  weightSum,
  readOnly,
  err,
  id,
  markDirty,
}: Shared & {
  holdout: string;
  setHoldout: (v: string) => void;
  weights: { attractiveness: string; profitability: string; compatibility: string };
  setWeights: (v: { attractiveness: string; profitability: string; compatibility: string }) => void;
  weightSum: number;
}) {
  const change = changeWith(markDirty);
  const holdoutNumber = Number(holdout);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader title="Holdout" description="A control group to measure the strategy's lift against." />
        <CardBody className="space-y-2">
          <Field
            id={id("holdout")}
            label="Hold out (% of the audience)"
            errors={err("config.holdoutPercent")}
            hint={
              holdoutNumber > 0
                ? `${holdoutNumber}% of the audience is not contacted. The same customers are held out every time (chosen by a seeded hash); activating the strategy stores them.`
                : "0: everyone in the audience is contacted and there is nothing to compare against."
            }
          >
            <Input
              id={id("holdout")}
              type="number"
              min={0}
              max={50}
              step={1}
              value={holdout}
              onChange={(e) => change(setHoldout)(e.target.value)}
              invalid={!!err("config.holdoutPercent")}
              className="max-w-32"
            />
          </Field>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Weights" description="How much each factor counts in a segment's score." />
        <CardBody className="space-y-3">
          <div className="grid grid-cols-3 gap-3">
            {(["attractiveness", "profitability", "compatibility"] as const).map((k) => (
              <Field key={k} id={id(`w-${k}`)} label={`${k[0]!.toUpperCase()}${k.slice(1)} %`} errors={err(`config.weights.${k}`)}>
                <Input
                  id={id(`w-${k}`)}
                  type="number"
                  min={0}
                  max={100}
                  step={1}
                  value={weights[k]}
                  onChange={(e) => change(setWeights)({ ...weights, [k]: e.target.value })}
                  invalid={!!err(`config.weights.${k}`) || weightSum !== 100}
                />
              </Field>
            ))}
          </div>
          <p role="status" data-testid="weights-sum" className={cn("text-sm", weightSum === 100 ? "text-slate-500" : "font-medium text-red-600")}>
            {weightSum === 100 ? "The weights add up to 100 %." : `The weights add up to ${weightSum} %: they must add up to 100 %.`}
          </p>
          {err("config.weights") && <FieldErrorList errors={err("config.weights")} />}
          {!readOnly && (
            <button
              type="button"
              className="text-xs font-medium text-brand-700 hover:underline"
              onClick={() =>
                change(setWeights)({
                  attractiveness: String(DEFAULT_WEIGHTS.attractiveness),
                  profitability: String(DEFAULT_WEIGHTS.profitability),
                  compatibility: String(DEFAULT_WEIGHTS.compatibility),
                })
              }
            >
              Reset to {DEFAULT_WEIGHTS.attractiveness} / {DEFAULT_WEIGHTS.profitability} / {DEFAULT_WEIGHTS.compatibility}
            </button>
          )}
        </CardBody>
      </Card>
    </div>
  );
}

export function FieldErrorList({ errors }: { errors: string[] | undefined }) {
  return (
    <>
      {errors?.map((e) => (
        <p key={e} role="alert" className="text-sm font-medium text-red-600">
          {e}
        </p>
      ))}
    </>
  );
}

export function AddSelect({
  id,
  label,
  buttonLabel,
  options,
  disabled,
  onAdd,
}: {
  id: string;
  label: string;
  buttonLabel: string;
  options: { id: string; name: string; size: number | null }[];
  disabled?: boolean;
  onAdd: (id: string) => void;
}): ReactNode {
  const [value, setValue] = useState("");
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="w-full max-w-sm space-y-1.5">
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          {label}
        </label>
        <Select id={id} value={value} onChange={(e) => setValue(e.target.value)} disabled={disabled || options.length === 0}>
          <option value="">{options.length === 0 ? "No more segments" : "Choose a segment…"}</option>
          {options.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.size !== null ? ` (${s.size.toLocaleString("en-US")})` : ""}
            </option>
          ))}
        </Select>
      </div>
      <Button
        variant="secondary"
        disabled={!value || disabled}
        onClick={() => {
          onAdd(value);
          setValue("");
        }}
      >
        <Plus className="size-4" /> {buttonLabel}
      </Button>
    </div>
  );
}

export function segmentsRange(min: number, max: number) {
  if (max === 0) return "everyone";
  if (min === max) return `${min} ${min === 1 ? "segment" : "segments"}`;
  return `${min}–${max} segments`;
}

/** The four strategy types, each with its meaning, trade-offs, when to use it and how many segments it takes. */
export function TypeChooser({ type, onChange, readOnly, id }: { type: StrategyTypeKey; onChange: (k: StrategyTypeKey) => void; readOnly: boolean; id: (s: string) => string }) {
  return (
    <div role="radiogroup" aria-labelledby={id("type-label")} className="space-y-2">
      <p id={id("type-label")} className="text-sm font-medium text-slate-700">
        Type
      </p>
      <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-4">
        {STRATEGY_TYPE_KEYS.map((k) => {
          const t = STRATEGY_TYPES[k];
          const selected = type === k;
          return (
            <label
              key={k}
              className={cn(
                "flex cursor-pointer flex-col gap-1.5 rounded-lg p-3 text-sm ring-1 transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600",
                selected ? "bg-brand-50 ring-brand-500" : "bg-white ring-slate-200 hover:bg-slate-50",
                readOnly && "cursor-default",
              )}
            >
              <span className="flex items-center gap-2">
                <input type="radio" name={id("type")} value={k} checked={selected} onChange={() => onChange(k)} className="size-4 accent-brand-600" />
                <span className="font-semibold text-slate-900">{t.label}</span>
                <span className="ml-auto text-xs text-slate-500">{segmentsRange(t.minSegments, t.maxSegments)}</span>
              </span>
              <span className="text-slate-700">{t.meaning}</span>
              <span className="text-xs text-slate-500">
                <span className="font-medium text-slate-600">Trade-offs: </span>
                {t.tradeOffs}
              </span>
              <span className="text-xs text-slate-500">
                <span className="font-medium text-slate-600">When: </span>
                {t.when}
              </span>
            </label>
          );
        })}
      </div>
    </div>
  );
}
