"use client";

import type { FieldErrors } from "@/lib/errors";
import type { ImportKind } from "@/lib/generated/prisma/enums";
import type { ColumnTarget } from "@/lib/imports/mapping";
import type { PreviewRow } from "@/lib/imports/preview";
import { FAMILIES, FAMILY_LABELS, TRAIT_TYPE_LABELS, TRAIT_TYPES } from "@/lib/customers/fields";
import { headerUnit, SCALE_LABELS, type HeaderScale } from "@/lib/imports/units";
import { cn } from "@/components/ui/cn";
import { Field, Input, OptionSelect, Select } from "@/components/ui/field";
import { FIELD_GROUP, isOffered, requiredLabel, samplesOf, targetLabel, targetValue, type Target, type Trait } from "./model";

/** One column of the file: its sample values, where it goes, and the new trait's or property's details. */
export function ColumnRow({
  i,
  name,
  kind,
  matchBy,
  target,
  targets,
  traits,
  rows,
  errors,
  chooseTarget,
  setColumn,
}: {
  i: number;
  name: string;
  kind: ImportKind;
  matchBy: string;
  target: ColumnTarget;
  targets: Target[];
  traits: Trait[];
  rows: readonly PreviewRow[];
  errors: FieldErrors;
  chooseTarget: (index: number, value: string) => void;
  setColumn: (index: number, target: ColumnTarget) => void;
}) {
  const columnErrors = errors[`columns.${i}`];
  const sub = (part: string) => errors[`columns.${i}.${part}`];
  const value = targetValue(target);
  const known = isOffered(target, targets, traits);
  const samples = samplesOf(rows, i);
  return (
    <li className={cn("grid gap-3 px-5 py-4 md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]", columnErrors && "bg-red-50/40")}>
      <div className="min-w-0">
        <p className="truncate font-medium text-slate-900" title={name}>
          {name}
        </p>
        <p className="mt-1 flex flex-wrap gap-1 text-xs text-slate-500">
          {samples.length ? (
            samples.map((s) => (
              <span key={s} className="max-w-full truncate rounded bg-slate-100 px-1.5 py-0.5 text-slate-600">
                {s}
              </span>
            ))
          ) : (
            <span>No values in the first rows</span>
          )}
        </p>
      </div>
      <div className="min-w-0 space-y-2">
        <label htmlFor={`column-${i}`} className="sr-only">
          Import “{name}” as
        </label>
        <Select
          id={`column-${i}`}
          value={value}
          invalid={!!columnErrors}
          aria-describedby={columnErrors ? `column-${i}-errors` : undefined}
          onChange={(e) => chooseTarget(i, e.target.value)}
        >
          <option value="ignore">Ignore this column</option>
          {!known && <option value={value}>{targetLabel(target, targets, traits)} (no longer available)</option>}
          <optgroup label={FIELD_GROUP[kind]}>
            {targets.map((t) => (
              <option key={t.key} value={`field:${t.key}`}>
                {requiredLabel(t, kind, matchBy)}
              </option>
            ))}
          </optgroup>
          {kind === "CUSTOMERS" && (
            <optgroup label="Custom traits">
              {traits.map((t) => (
                <option key={t.key} value={`trait:${t.key}`}>
                  {t.label} ({TRAIT_TYPE_LABELS[t.type].toLowerCase()})
                </option>
              ))}
              <option value="new-trait">New custom trait…</option>
            </optgroup>
          )}
          {kind === "EVENTS" && (
            <optgroup label="Event properties">
              <option value="property">Event property…</option>
            </optgroup>
          )}
        </Select>
        {target.type === "field" && targets.find((t) => t.key === target.key)?.amount && (
          <AmountScale i={i} name={name} target={target} setColumn={setColumn} />
        )}
        {target.type === "newTrait" && (
          <fieldset className="grid gap-3 rounded-lg bg-slate-50 p-3 ring-1 ring-inset ring-slate-200 sm:grid-cols-2">
            <legend className="sr-only">New custom trait from “{name}”</legend>
            <Field id={`column-${i}-label`} label="Label" errors={sub("label")}>
              <Input
                id={`column-${i}-label`}
                value={target.label}
                maxLength={60}
                invalid={!!sub("label")}
                onChange={(e) => setColumn(i, { ...target, label: e.target.value })}
              />
            </Field>
            <Field id={`column-${i}-key`} label="Key" hint={`Named traits.${target.key || "key"} in segments.`} errors={sub("key")}>
              <Input
                id={`column-${i}-key`}
                value={target.key}
                maxLength={40}
                spellCheck={false}
                autoCapitalize="off"
                className="font-mono"
                invalid={!!sub("key")}
                onChange={(e) => setColumn(i, { ...target, key: e.target.value })}
              />
            </Field>
            <Field id={`column-${i}-type`} label="Type" errors={sub("traitType")}>
              <OptionSelect
                id={`column-${i}-type`}
                value={target.traitType}
                options={TRAIT_TYPES}
                labels={TRAIT_TYPE_LABELS}
                onValueChange={(v) => setColumn(i, { ...target, traitType: v })}
              />
            </Field>
            <Field id={`column-${i}-family`} label="Family" errors={sub("family")}>
              <OptionSelect
                id={`column-${i}-family`}
                value={target.family}
                options={FAMILIES}
                labels={FAMILY_LABELS}
                onValueChange={(v) => setColumn(i, { ...target, family: v })}
              />
            </Field>
          </fieldset>
        )}
        {target.type === "property" && (
          <Field id={`column-${i}-property`} label="Property key" hint="Lowercase letters, digits and underscores." errors={sub("key")}>
            <Input
              id={`column-${i}-property`}
              value={target.key}
              maxLength={40}
              spellCheck={false}
              autoCapitalize="off"
              className="font-mono"
              invalid={!!sub("key")}
              onChange={(e) => setColumn(i, { type: "property", key: e.target.value })}
            />
          </Field>
        )}
        {columnErrors && (
          <div id={`column-${i}-errors`} role="alert" className="space-y-0.5 text-xs font-medium text-red-600">
            {columnErrors.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </div>
        )}
      </div>
    </li>
  );
}

/**
 * Amounts only: multiply the values when the file writes them in thousands or millions. A header
 * that names its unit (“Income (k$)”) is scaled by it when matched; if someone maps it by hand and
 * leaves it as written, the unit is pointed out with a one-click fix.
 */
function AmountScale({
  i,
  name,
  target,
  setColumn,
}: {
  i: number;
  name: string;
  target: Extract<ColumnTarget, { type: "field" }>;
  setColumn: (index: number, target: ColumnTarget) => void;
}) {
  const unit = headerUnit(name);
  const scale = target.scale ?? 1;
  const set = (next: HeaderScale) => setColumn(i, next === 1 ? { type: "field", key: target.key } : { ...target, scale: next });
  return (
    <div className="space-y-2">
      <Field
        id={`column-${i}-scale`}
        label="Values are"
        hint={scale === 1 ? undefined : `15 is imported as ${(15 * scale).toLocaleString("en-US")}.`}
      >
        <Select id={`column-${i}-scale`} value={String(scale)} onChange={(e) => set(Number(e.target.value) as HeaderScale)}>
          {([1, 1000, 1_000_000] as const).map((s) => (
            <option key={s} value={s}>
              {SCALE_LABELS[s]}
            </option>
          ))}
        </Select>
      </Field>
      {unit && scale !== unit.scale && (
        <p role="status" className="flex flex-wrap items-center gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 ring-1 ring-inset ring-amber-200">
          The header says the amounts are in {unit.label}.
          <button type="button" className="font-medium underline" onClick={() => set(unit.scale)}>
            Multiply by {unit.scale.toLocaleString("en-US")}
          </button>
        </p>
      )}
    </div>
  );
}
