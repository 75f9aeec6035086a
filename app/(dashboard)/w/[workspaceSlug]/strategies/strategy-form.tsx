"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { ArrowDown, ArrowUp, X } from "lucide-react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { STRATEGY_TYPES, type StrategyConfig, type StrategyTypeKey } from "@/lib/validations/strategy";
import { AddSelect, ExclusionsSection, FieldErrorList, HoldoutAndWeights, segmentsRange, TypeChooser } from "./strategy-form-sections";
import { STATUS_LABELS, type StrategyStatus } from "./strategy-labels";
import { useTargetsBridge } from "./targets-bridge";

export type FormChoices = {
  members: { id: string; name: string }[];
  segments: { id: string; name: string; isStatic: boolean; size: number | null }[];
  personas: { id: string; name: string; isNegative: boolean; hasRules: boolean }[];
};

export type StrategyFormValues = {
  name: string;
  description: string | null;
  type: StrategyTypeKey;
  status: StrategyStatus;
  periodStart: string | null;
  periodEnd: string | null;
  budget: number | null;
  ownerId: string | null;
  config: StrategyConfig;
};

type TargetRow = {
  key: string;
  segmentId: string;
  positioning: string;
  offer: string;
  channel: string;
  personaId: string;
  marginPercent: string;
  costToServe: string;
};

type Saved = { id: string; version: number; heldOut?: number | null };

const num = (s: string): number | null => (s.trim() === "" ? null : Number(s));
const str = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));
let keys = 0;
const nextKey = () => `t${++keys}`;

function toRow(t: StrategyConfig["targets"][number]): TargetRow {
  return {
    key: nextKey(),
    segmentId: t.segmentId,
    positioning: t.positioning ?? "",
    offer: t.offer ?? "",
    channel: t.channel ?? "",
    personaId: t.personaId ?? "",
    marginPercent: str(t.marginPercent),
    costToServe: str(t.costToServe),
  };
}

const emptyRow = (segmentId: string): TargetRow => ({ key: nextKey(), segmentId, positioning: "", offer: "", channel: "", personaId: "", marginPercent: "", costToServe: "" });

export function StrategyForm({
  initial,
  choices,
  readOnly,
  save,
  strategyId,
  version: initialVersion,
  base,
}: {
  initial: StrategyFormValues;
  choices: FormChoices;
  readOnly: boolean;
  /** create (no id) or update (with id and expectedVersion). */
  save: (input: unknown) => Promise<ActionResult<Saved>>;
  strategyId: string | null;
  version: number | null;
  base: string;
}) {
  const router = useRouter();
  const uid = useId();
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description ?? "");
  const [type, setType] = useState<StrategyTypeKey>(initial.type);
  const [status, setStatus] = useState<StrategyStatus>(initial.status);
  const [periodStart, setPeriodStart] = useState(initial.periodStart ?? "");
  const [periodEnd, setPeriodEnd] = useState(initial.periodEnd ?? "");
  const [budget, setBudget] = useState(str(initial.budget));
  const [ownerId, setOwnerId] = useState(initial.ownerId ?? "");
  const [targets, setTargets] = useState<TargetRow[]>(() => initial.config.targets.map(toRow));
  const [offer, setOffer] = useState({
    positioning: initial.config.offer?.positioning ?? "",
    offer: initial.config.offer?.offer ?? "",
    channel: initial.config.offer?.channel ?? "",
  });
  const [weights, setWeights] = useState({
    attractiveness: String(initial.config.weights.attractiveness),
    profitability: String(initial.config.weights.profitability),
    compatibility: String(initial.config.weights.compatibility),
  });
  const [personasOff, setPersonasOff] = useState<Record<string, string>>(() =>
    Object.fromEntries(initial.config.exclusions.personasOff.map((p) => [p.personaId, p.reason])),
  );
  const [excludedSegments, setExcludedSegments] = useState<string[]>(initial.config.exclusions.segmentIds);
  const [suppressOptedOut, setSuppressOptedOut] = useState(initial.config.exclusions.suppressOptedOut);
  const [holdout, setHoldout] = useState(String(initial.config.holdoutPercent));
  const [version, setVersion] = useState(initialVersion);
  const [conflict, setConflict] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);

  const bridge = useTargetsBridge();
  useEffect(() => {
    if (!bridge || readOnly) return;
    bridge.register((ids) => {
      setTargets((current) => ids.map((id) => current.find((t) => t.segmentId === id) ?? emptyRow(id)));
      setExcludedSegments((current) => current.filter((id) => !ids.includes(id)));
      setDirty(true);
      document.getElementById("strategy-segments")?.scrollIntoView({ behavior: "smooth", block: "start" });
      toast.success(`${ids.length} ${ids.length === 1 ? "segment" : "segments"} filled in: review the offers and save.`);
    });
    return () => bridge.register(null);
  }, [bridge, readOnly]);

  const action = useAction(save, {
    onSuccess: (data) => {
      setDirty(false);
      if (!strategyId) {
        toast.success("Strategy created");
        router.push(`${base}/${data.id}`);
        return;
      }
      setVersion(data.version);
      toast.success(
        data.heldOut !== null && data.heldOut !== undefined
          ? `Strategy activated: ${data.heldOut.toLocaleString("en-US")} customers held out as the control group.`
          : "Strategy saved",
      );
      router.refresh();
    },
  });
  const errors = action.fieldErrors;
  const err = (path: string) => errors[path];

  const rule = STRATEGY_TYPES[type];
  const undifferentiated = type === "UNDIFFERENTIATED";
  const segmentName = new Map(choices.segments.map((s) => [s.id, s.name]));
  const negatives = choices.personas.filter((p) => p.isNegative);
  const positives = choices.personas.filter((p) => !p.isNegative);
  const chosen = new Set(targets.map((t) => t.segmentId));
  // Segments neither chosen nor excluded: the ones that can be added to either list.
  const available = choices.segments.filter((s) => !chosen.has(s.id) && !excludedSegments.includes(s.id));
  const weightSum = ["attractiveness", "profitability", "compatibility"].reduce((s, k) => s + (Number(weights[k as keyof typeof weights]) || 0), 0);
  const change = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setDirty(true);
  };
  const updateTarget = (i: number, patch: Partial<TargetRow>) => {
    setTargets((ts) => ts.map((t, j) => (j === i ? { ...t, ...patch } : t)));
    setDirty(true);
  };
  const move = (i: number, delta: number) => {
    setTargets((ts) => {
      const next = [...ts];
      const [row] = next.splice(i, 1);
      next.splice(i + delta, 0, row!);
      return next;
    });
    setDirty(true);
  };

  function submit() {
    setConflict(null);
    const config = {
      targets: undifferentiated
        ? []
        : targets.map((t) => ({
            segmentId: t.segmentId,
            positioning: t.positioning,
            offer: t.offer,
            channel: t.channel,
            personaId: t.personaId || null,
            marginPercent: num(t.marginPercent),
            costToServe: num(t.costToServe),
          })),
      ...(undifferentiated ? { offer } : {}),
      weights: { attractiveness: Number(weights.attractiveness), profitability: Number(weights.profitability), compatibility: Number(weights.compatibility) },
      exclusions: {
        // Only the workspace's negative personas can be switched off (one that stopped being negative drops out).
        personasOff: Object.entries(personasOff)
          .filter(([personaId]) => negatives.some((p) => p.id === personaId))
          .map(([personaId, reason]) => ({ personaId, reason })),
        segmentIds: excludedSegments,
        suppressOptedOut,
      },
      holdoutPercent: Number(holdout),
    };
    const input = {
      name,
      description,
      type,
      status,
      periodStart: periodStart || null,
      periodEnd: periodEnd || null,
      budget: num(budget),
      ownerId: ownerId || null,
      config,
      ...(strategyId ? { id: strategyId, expectedVersion: version } : {}),
    };
    void action.execute(input).then((result) => {
      if (result && !result.ok && result.code === "CONFLICT") setConflict(result.error);
    });
  }

  const id = (s: string) => `${uid}-${s}`;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!readOnly) submit();
      }}
      aria-label="Strategy"
    >
      <fieldset disabled={readOnly || action.pending} className="space-y-6">
        {readOnly && (
          <p className="rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-600 ring-1 ring-slate-200">
            You can read this strategy and rate its segments; your role does not allow editing it.
          </p>
        )}
        <Card>
          <CardHeader title="Strategy" description="What it is for, who owns it and when it runs." />
          <CardBody className="space-y-5">
            <div className="grid gap-4 md:grid-cols-2">
              <Field id={id("name")} label="Name" errors={err("name")}>
                <Input id={id("name")} value={name} onChange={(e) => change(setName)(e.target.value)} invalid={!!err("name")} maxLength={120} required />
              </Field>
              <Field id={id("owner")} label="Owner" errors={err("ownerId")} hint={!strategyId ? "You, unless you choose someone else." : undefined}>
                <Select id={id("owner")} value={ownerId} onChange={(e) => change(setOwnerId)(e.target.value)} invalid={!!err("ownerId")}>
                  <option value="">{strategyId ? "No owner" : "Me"}</option>
                  {choices.members.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <Field id={id("goal")} label="Goal" errors={err("description")} hint="What should this strategy achieve? For example: win back lapsed outdoor buyers before spring.">
              <textarea
                id={id("goal")}
                value={description}
                onChange={(e) => change(setDescription)(e.target.value)}
                maxLength={1000}
                rows={2}
                className="block w-full rounded-lg border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 disabled:bg-slate-50 disabled:text-slate-500"
              />
            </Field>
            <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
              <Field id={id("start")} label="Starts" errors={err("periodStart")}>
                <Input id={id("start")} type="date" value={periodStart} onChange={(e) => change(setPeriodStart)(e.target.value)} invalid={!!err("periodStart")} />
              </Field>
              <Field id={id("end")} label="Ends" errors={err("periodEnd")}>
                <Input id={id("end")} type="date" value={periodEnd} onChange={(e) => change(setPeriodEnd)(e.target.value)} invalid={!!err("periodEnd")} />
              </Field>
              <Field id={id("budget")} label="Budget (USD)" errors={err("budget")}>
                <Input id={id("budget")} type="number" min={0} step="any" inputMode="decimal" value={budget} onChange={(e) => change(setBudget)(e.target.value)} invalid={!!err("budget")} />
              </Field>
              <Field
                id={id("status")}
                label="Status"
                errors={err("status")}
                hint={status === "ACTIVE" && initial.status !== "ACTIVE" ? "Saving as active stores the holdout group as it is now." : undefined}
              >
                <Select id={id("status")} value={status} onChange={(e) => change(setStatus)(e.target.value as StrategyStatus)}>
                  {(Object.keys(STATUS_LABELS) as StrategyStatus[]).map((s) => (
                    <option key={s} value={s}>
                      {STATUS_LABELS[s]}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <TypeChooser type={type} onChange={change(setType)} readOnly={readOnly} id={id} />
          </CardBody>
        </Card>

        <Card>
          <div id="strategy-segments" className="scroll-mt-6" />
          <CardHeader
            title={undifferentiated ? "Offer" : "Segments"}
            description={
              undifferentiated
                ? "One offer and one message for every customer (after exclusions)."
                : "In priority order: a customer in several chosen segments is counted once, in the first (the waterfall)."
            }
            action={!undifferentiated && <span className="text-sm tabular-nums text-slate-500">{`${targets.length} chosen · ${segmentsRange(rule.minSegments, rule.maxSegments)}`}</span>}
          />
          <CardBody className="space-y-4">
            {err("config.targets") && <FieldErrorList errors={err("config.targets")} />}
            {undifferentiated ? (
              <>
                {targets.length > 0 && (
                  <p className="text-sm text-slate-500">
                    The {targets.length} chosen {targets.length === 1 ? "segment is" : "segments are"} kept aside while this type is selected and not saved with it.
                  </p>
                )}
                <div className="grid gap-4 md:grid-cols-3">
                  <Field id={id("u-positioning")} label="Positioning" errors={err("config.offer.positioning")}>
                    <Input id={id("u-positioning")} value={offer.positioning} maxLength={300} onChange={(e) => change(setOffer)({ ...offer, positioning: e.target.value })} />
                  </Field>
                  <Field id={id("u-offer")} label="Offer" errors={err("config.offer.offer")}>
                    <Input id={id("u-offer")} value={offer.offer} maxLength={200} onChange={(e) => change(setOffer)({ ...offer, offer: e.target.value })} />
                  </Field>
                  <Field id={id("u-channel")} label="Channel" errors={err("config.offer.channel")}>
                    <Input id={id("u-channel")} value={offer.channel} maxLength={80} onChange={(e) => change(setOffer)({ ...offer, channel: e.target.value })} />
                  </Field>
                </div>
              </>
            ) : (
              <>
                {targets.length === 0 && <p className="text-sm text-slate-500">No segment chosen yet. Add one below, or use the recommendation in the report.</p>}
                <ol className="space-y-3">
                  {targets.map((t, i) => {
                    const p = `config.targets.${i}`;
                    const rowId = (s: string) => id(`${t.key}-${s}`);
                    return (
                      <li key={t.key} className="rounded-lg p-4 ring-1 ring-slate-200" data-testid="strategy-target">
                        <div className="mb-3 flex flex-wrap items-center gap-2">
                          <span className="inline-flex size-6 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">{i + 1}</span>
                          <span className="font-medium text-slate-900">{segmentName.get(t.segmentId) ?? "Unavailable segment"}</span>
                          {!readOnly && (
                            <span className="ml-auto flex gap-1">
                              <Button size="sm" variant="ghost" aria-label={`Move ${segmentName.get(t.segmentId) ?? "segment"} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                                <ArrowUp className="size-4" />
                              </Button>
                              <Button
                                size="sm"
                                variant="ghost"
                                aria-label={`Move ${segmentName.get(t.segmentId) ?? "segment"} down`}
                                disabled={i === targets.length - 1}
                                onClick={() => move(i, 1)}
                              >
                                <ArrowDown className="size-4" />
                              </Button>
                              <Button
                                size="sm"
                                variant="ghost"
                                className="text-red-600 hover:bg-red-50"
                                aria-label={`Remove ${segmentName.get(t.segmentId) ?? "segment"}`}
                                onClick={() => {
                                  setTargets((ts) => ts.filter((_, j) => j !== i));
                                  setDirty(true);
                                }}
                              >
                                <X className="size-4" />
                              </Button>
                            </span>
                          )}
                        </div>
                        {err(`${p}.segmentId`) && <FieldErrorList errors={err(`${p}.segmentId`)} />}
                        <div className="grid gap-3 md:grid-cols-3">
                          <Field id={rowId("positioning")} label="Positioning" errors={err(`${p}.positioning`)}>
                            <Input id={rowId("positioning")} value={t.positioning} maxLength={300} onChange={(e) => updateTarget(i, { positioning: e.target.value })} />
                          </Field>
                          <Field
                            id={rowId("offer")}
                            label="Offer"
                            errors={err(`${p}.offer`)}
                            hint={type === "CUSTOMIZED" ? "Per customer: {{first_name}}, {{traits.your_key | fallback}} are filled in on export." : undefined}
                          >
                            <Input id={rowId("offer")} value={t.offer} maxLength={200} onChange={(e) => updateTarget(i, { offer: e.target.value })} />
                          </Field>
                          <Field id={rowId("channel")} label="Channel" errors={err(`${p}.channel`)}>
                            <Input id={rowId("channel")} value={t.channel} maxLength={80} placeholder="E-mail, paid social…" onChange={(e) => updateTarget(i, { channel: e.target.value })} />
                          </Field>
                          <Field id={rowId("persona")} label="Persona" errors={err(`${p}.personaId`)}>
                            <Select id={rowId("persona")} value={t.personaId} onChange={(e) => updateTarget(i, { personaId: e.target.value })} invalid={!!err(`${p}.personaId`)}>
                              <option value="">None</option>
                              {positives.map((persona) => (
                                <option key={persona.id} value={persona.id}>
                                  {persona.name}
                                </option>
                              ))}
                            </Select>
                          </Field>
                          <Field id={rowId("margin")} label="Margin %" errors={err(`${p}.marginPercent`)} hint="Blank: counts all revenue.">
                            <Input
                              id={rowId("margin")}
                              type="number"
                              min={0}
                              max={100}
                              step="any"
                              value={t.marginPercent}
                              onChange={(e) => updateTarget(i, { marginPercent: e.target.value })}
                              invalid={!!err(`${p}.marginPercent`)}
                            />
                          </Field>
                          <Field id={rowId("cost")} label="Cost to serve (per customer, USD)" errors={err(`${p}.costToServe`)}>
                            <Input
                              id={rowId("cost")}
                              type="number"
                              min={0}
                              step="any"
                              value={t.costToServe}
                              onChange={(e) => updateTarget(i, { costToServe: e.target.value })}
                              invalid={!!err(`${p}.costToServe`)}
                            />
                          </Field>
                        </div>
                      </li>
                    );
                  })}
                </ol>
                {!readOnly && (
                  <AddSelect
                    id={id("add-segment")}
                    label="Add a segment"
                    buttonLabel="Add segment"
                    disabled={targets.length >= rule.maxSegments}
                    options={available}
                    onAdd={(sid) => {
                      setTargets((ts) => [...ts, emptyRow(sid)]);
                      setDirty(true);
                    }}
                  />
                )}
              </>
            )}
          </CardBody>
        </Card>

        <ExclusionsSection
          negatives={negatives}
          personasOff={personasOff}
          setPersonasOff={setPersonasOff}
          excludedSegments={excludedSegments}
          setExcludedSegments={setExcludedSegments}
          suppressOptedOut={suppressOptedOut}
          setSuppressOptedOut={setSuppressOptedOut}
          segmentName={segmentName}
          excludable={available}
          readOnly={readOnly}
          err={err}
          id={id}
          markDirty={() => setDirty(true)}
        />

        <HoldoutAndWeights holdout={holdout} setHoldout={setHoldout} weights={weights} setWeights={setWeights} weightSum={weightSum} readOnly={readOnly} err={err} id={id} markDirty={() => setDirty(true)} />
      </fieldset>

      {!readOnly && (
        <div className="sticky bottom-0 z-10 -mx-1 mt-6 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 px-1 py-3 backdrop-blur">
          <Button type="submit" pending={action.pending} disabled={weightSum !== 100}>
            {strategyId ? "Save strategy" : "Create strategy"}
          </Button>
          {dirty && !action.pending && <span className="text-sm text-slate-500">Unsaved changes{strategyId ? ": the report below shows the saved strategy." : "."}</span>}
          {conflict ? (
            <div role="alert" className="flex flex-wrap items-center gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
              {conflict}
              <a href={strategyId ? `${base}/${strategyId}` : base} className="font-medium underline">
                Reload the latest version
              </a>
              <span className="text-amber-800">(your unsaved changes are lost)</span>
            </div>
          ) : (
            action.error && Object.keys(errors).length > 0 && <FormError message={action.error} />
          )}
          {!strategyId && (
            <Link href={base} className="ml-auto text-sm text-slate-500 hover:text-slate-900">
              Cancel
            </Link>
          )}
        </div>
      )}
    </form>
  );
}

