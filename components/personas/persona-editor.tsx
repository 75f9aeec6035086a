"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { toast } from "sonner";
import {
  AlertTriangle,
  Ban,
  Camera,
  Check,
  CircleAlert,
  Frown,
  Heart,
  Lightbulb,
  Loader2,
  Megaphone,
  Monitor,
  Newspaper,
  ShieldQuestion,
  Sparkles,
  Target,
  Trash2,
  Zap,
} from "lucide-react";
import type { PersonaCardData } from "@/lib/dal/personas";
import type { Group } from "@/lib/segments/definition";
import { PERSONA_LIST_FIELDS, type PersonaListField, type PersonaTextField } from "@/lib/validations/persona";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { cn } from "@/components/ui/cn";
import { RuleBuilder, type CatalogEntry, type ReferenceOptions } from "@/components/segments/rule-builder";
import { PersonaAvatar, photoUrl } from "@/components/personas/avatar";
import { FreeSections, InlineArea, InlineText, ListEditor, PersonalitySliders, SectionBox } from "@/components/personas/inline-fields";

type Result<T> = { ok: true; data: T } | { ok: false; code: string; error: string; fieldErrors?: Record<string, string[]> };

type Draft = Omit<PersonaCardData, "id" | "version" | "photoVersion" | "reviewedAt" | "updatedAt" | "definition" | "segmentId">;
type DraftKey = keyof Draft;

const DRAFT_KEYS: DraftKey[] = [
  "name",
  "isNegative",
  "headline",
  "description",
  "ageRange",
  "gender",
  "occupation",
  "location",
  "incomeBand",
  "education",
  "family",
  "quote",
  ...PERSONA_LIST_FIELDS,
  "personality",
  "tags",
  "sections",
];

const FIELD_LABELS: Record<DraftKey, string> = {
  name: "Name",
  isNegative: "Negative persona",
  headline: "Headline / role",
  description: "Story",
  ageRange: "Age",
  gender: "Gender",
  occupation: "Occupation",
  location: "Location",
  incomeBand: "Income",
  education: "Education",
  family: "Family",
  quote: "Quote",
  goals: "Goals",
  painPoints: "Pain points",
  motivations: "Motivations",
  needs: "Needs / jobs to be done",
  objections: "Objections",
  buyingTriggers: "Buying triggers",
  preferredChannels: "Preferred channels",
  brandsMedia: "Brands & media",
  technology: "Technology",
  personality: "Personality",
  tags: "Tags",
  sections: "Sections",
};

const LISTS: { key: PersonaListField; placeholder: string; accent: "brand" | "red" | "amber" | "emerald" | "sky" | "violet"; icon: ReactNode }[] = [
  { key: "goals", placeholder: "What they want to achieve", accent: "emerald", icon: <Target className="size-3.5" /> },
  { key: "painPoints", placeholder: "What frustrates them", accent: "red", icon: <Frown className="size-3.5" /> },
  { key: "motivations", placeholder: "What drives them", accent: "violet", icon: <Heart className="size-3.5" /> },
  { key: "needs", placeholder: "A job they hire a product for", accent: "brand", icon: <Lightbulb className="size-3.5" /> },
  { key: "objections", placeholder: "Why they might say no", accent: "amber", icon: <ShieldQuestion className="size-3.5" /> },
  { key: "buyingTriggers", placeholder: "What makes them buy now", accent: "emerald", icon: <Zap className="size-3.5" /> },
  { key: "preferredChannels", placeholder: "Where to reach them", accent: "sky", icon: <Megaphone className="size-3.5" /> },
  { key: "brandsMedia", placeholder: "Brands and media they love", accent: "violet", icon: <Newspaper className="size-3.5" /> },
  { key: "technology", placeholder: "Devices, apps, tools", accent: "sky", icon: <Monitor className="size-3.5" /> },
];

const DEMOGRAPHICS: { key: PersonaTextField; placeholder: string }[] = [
  { key: "ageRange", placeholder: "e.g. 25–34" },
  { key: "gender", placeholder: "e.g. Any" },
  { key: "location", placeholder: "e.g. Urban Germany" },
  { key: "incomeBand", placeholder: "e.g. $50–80k" },
  { key: "education", placeholder: "e.g. Bachelor's" },
  { key: "family", placeholder: "e.g. Married, 2 kids" },
  { key: "occupation", placeholder: "e.g. Nurse" },
];

function draftOf(card: PersonaCardData): Draft {
  const out = {} as Record<DraftKey, unknown>;
  for (const k of DRAFT_KEYS) out[k] = card[k];
  return out as Draft;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (Array.isArray(value))
    return (
      value
        .map((v) => (typeof v === "string" ? v : v && typeof v === "object" && "title" in v ? String((v as { title: string }).title) : "left" in (v as object) ? `${(v as { left: string }).left}: ${(v as { value: number }).value}/5` : ""))
        .filter(Boolean)
        .join(", ") || "—"
    );
  return String(value);
}

type Status = "saved" | "pending" | "saving" | "conflict" | "error";
type Conflict = { theirs: PersonaCardData; keys: DraftKey[] };

export type PersonaEditorProps = {
  slug: string;
  card: PersonaCardData;
  canEdit: boolean;
  save: (input: unknown) => Promise<Result<{ id: string; version: number }>>;
  load: (input: unknown) => Promise<Result<PersonaCardData>>;
  removePhoto: (input: unknown) => Promise<Result<{ removed: boolean }>>;
  /** The builder's live count (nothing saved). */
  preview: (input: unknown) => Promise<Result<{ size: number; total: number }>>;
  segments: { id: string; name: string }[];
  catalog: CatalogEntry[];
  refs: ReferenceOptions;
  /** The evidence panel (rendered on the server). */
  evidence: ReactNode;
};

const AUTOSAVE_MS = 700;
const emptyRoot = (): Group => ({ type: "group", op: "and", children: [] });

export function PersonaEditor({ slug, card, canEdit, save, load, removePhoto, preview, segments, catalog, refs, evidence }: PersonaEditorProps) {
  const router = useRouter();
  const readOnly = !canEdit;
  const [draft, setDraft] = useState<Draft>(() => draftOf(card));
  const [status, setStatus] = useState<Status>("saved");
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [conflictOpen, setConflictOpen] = useState(false);
  const [photoVersion, setPhotoVersion] = useState(card.photoVersion);
  const [uploading, setUploading] = useState(false);
  const [tagsText, setTagsText] = useState(card.tags.join(", "));

  const version = useRef(card.version);
  const draftRef = useRef(draft);
  const dirty = useRef(new Set<DraftKey>());
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    draftRef.current = draft;
  }, [draft]);

  /** Runs saves one after another, each against the version the previous one produced. */
  const enqueue = useCallback(<T,>(fn: () => Promise<T>) => {
    const next = queue.current.then(fn, fn);
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    return enqueue(async () => {
      if (dirty.current.size === 0) return;
      const keys = [...dirty.current];
      dirty.current.clear();
      const patch: Record<string, unknown> = { id: card.id, expectedVersion: version.current };
      for (const k of keys) patch[k] = draftRef.current[k];
      setStatus("saving");
      let result: Result<{ id: string; version: number }>;
      try {
        result = await save(patch);
      } catch {
        keys.forEach((k) => dirty.current.add(k));
        setStatus("error");
        return;
      }
      if (result.ok) {
        version.current = result.data.version;
        setStatus(dirty.current.size ? "pending" : "saved");
        return;
      }
      keys.forEach((k) => dirty.current.add(k));
      if (result.code === "CONFLICT") {
        const theirs = await load({ id: card.id });
        if (theirs.ok) {
          setConflict({ theirs: theirs.data, keys: [...dirty.current] });
          setConflictOpen(true);
          setStatus("conflict");
          return;
        }
      }
      setStatus("error");
      // A field's own message ("Give the persona a name.") says more than the form's.
      toast.error(Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.error);
    });
  }, [card.id, enqueue, load, save]);

  const change = <K extends DraftKey>(key: K, value: Draft[K]) => {
    if (readOnly) return;
    setDraft((d) => ({ ...d, [key]: value }));
    dirty.current.add(key);
    if (status !== "conflict") setStatus("pending");
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!conflictRef.current) void flush();
    }, AUTOSAVE_MS);
  };
  const conflictRef = useRef<Conflict | null>(null);
  useEffect(() => {
    conflictRef.current = conflict;
  }, [conflict]);

  // Save before the page goes away.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirty.current.size > 0) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  const keepTheirs = () => {
    if (!conflict) return;
    version.current = conflict.theirs.version;
    const theirs = draftOf(conflict.theirs);
    setDraft(theirs);
    draftRef.current = theirs;
    setTagsText(theirs.tags.join(", "));
    dirty.current.clear();
    setConflict(null);
    setStatus("saved");
  };
  const overwriteWithMine = () => {
    if (!conflict) return;
    version.current = conflict.theirs.version;
    setConflict(null);
    void flush();
  };

  // -------------------------------------------------------------------------------------------
  // Grounding: rules and linked segment, saved explicitly (the evidence is recomputed then).
  const [root, setRoot] = useState<Group>(card.definition?.root ?? emptyRoot());
  const [segmentId, setSegmentId] = useState(card.segmentId ?? "");
  const [ruleIssues, setRuleIssues] = useState<Record<string, string[]>>({});
  const [savingRules, setSavingRules] = useState(false);
  const groundingDirty = JSON.stringify(root) !== JSON.stringify(card.definition?.root ?? emptyRoot()) || segmentId !== (card.segmentId ?? "");

  // Live count of unsaved rules: the linked segment AND the rules, as the persona will match.
  const previewKey = groundingDirty && (segmentId || root.children.length) ? JSON.stringify([segmentId, root]) : null;
  const [previewed, setPreviewed] = useState<{ key: string; text: string; problem: boolean } | null>(null);
  useEffect(() => {
    if (!previewKey) return;
    let cancelled = false;
    const t = setTimeout(async () => {
      const children: Group["children"] = [];
      if (segmentId) children.push({ type: "membership", target: "segment", operator: "in", id: segmentId });
      if (root.children.length) children.push(root);
      const result = await preview({ definition: { version: 1, root: { type: "group", op: "and", children } } }).catch(() => null);
      if (cancelled || !result) return;
      setPreviewed(
        result.ok
          ? { key: previewKey, text: `${result.data.size.toLocaleString("en-US")} of ${result.data.total.toLocaleString("en-US")} customers would match`, problem: false }
          : { key: previewKey, text: result.error, problem: true },
      );
    }, 600);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [previewKey, root, segmentId, preview]);
  const livePreview = previewed && previewed.key === previewKey ? previewed : null;

  const saveGrounding = async () => {
    await flush();
    setSavingRules(true);
    const result = await enqueue(() =>
      save({
        id: card.id,
        expectedVersion: version.current,
        definition: root.children.length ? { version: 1, root } : null,
        segmentId: segmentId || null,
      }),
    );
    setSavingRules(false);
    if (result.ok) {
      version.current = result.data.version;
      setRuleIssues({});
      toast.success("Rules saved — the evidence is up to date.");
      router.refresh();
    } else {
      const issues: Record<string, string[]> = {};
      for (const [path, messages] of Object.entries(result.fieldErrors ?? {})) issues[path.replace(/^definition\./, "")] = messages;
      setRuleIssues(issues);
      toast.error(result.code === "CONFLICT" ? `${result.error} Reload the page to see their version.` : result.error);
    }
  };

  // -------------------------------------------------------------------------------------------
  // Photo

  const upload = async (file: File) => {
    setUploading(true);
    try {
      const response = await fetch(`/w/${slug}/personas/${card.id}/photo`, { method: "POST", body: file, headers: { "Content-Type": "application/octet-stream" } });
      const body = (await response.json().catch(() => ({}))) as { photoVersion?: number; error?: string };
      if (!response.ok || !body.photoVersion) throw new Error(body.error ?? "The photo could not be uploaded.");
      setPhotoVersion(body.photoVersion);
      toast.success("Photo updated");
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "The photo could not be uploaded.");
    } finally {
      setUploading(false);
    }
  };
  const dropPhoto = async () => {
    const result = await removePhoto({ id: card.id });
    if (result.ok) setPhotoVersion(null);
    else toast.error(result.error);
  };

  const negative = draft.isNegative;

  return (
    <div className="space-y-6">
      {/* Header: the card's identity */}
      <section
        className={cn(
          "relative overflow-hidden rounded-2xl bg-white shadow-sm ring-1",
          negative ? "ring-red-200" : "ring-slate-200",
        )}
        aria-label="Persona"
      >
        <div className={cn("h-24", negative ? "bg-gradient-to-r from-red-600 to-rose-400" : "bg-gradient-to-r from-brand-600 to-sky-400")} aria-hidden />
        <div className="flex flex-col gap-6 px-6 pb-6 md:flex-row">
          <div className="-mt-16 flex flex-col items-center gap-2">
            <PersonaAvatar name={draft.name} photoUrl={photoUrl(slug, card.id, photoVersion)} size="lg" negative={negative} />
            {canEdit && (
              <div className="flex items-center gap-1 text-xs">
                <label className="inline-flex cursor-pointer items-center gap-1 rounded-md px-2 py-1 font-medium text-slate-600 hover:bg-slate-100">
                  {uploading ? <Loader2 className="size-3.5 animate-spin" /> : <Camera className="size-3.5" />}
                  {photoVersion ? "Change photo" : "Upload photo"}
                  <input
                    type="file"
                    accept="image/jpeg,image/png,image/webp,image/gif"
                    className="sr-only"
                    aria-label="Upload photo"
                    onChange={(e) => {
                      const file = e.target.files?.[0];
                      e.target.value = "";
                      if (file) void upload(file);
                    }}
                  />
                </label>
                {photoVersion && (
                  <button type="button" onClick={() => void dropPhoto()} className="rounded-md p-1 text-slate-400 hover:bg-red-50 hover:text-red-600" aria-label="Remove photo">
                    <Trash2 className="size-3.5" />
                  </button>
                )}
              </div>
            )}
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
              <SaveStatus status={status} onResolve={() => setConflictOpen(true)} />
            </div>
            <blockquote className={cn("mt-4 border-l-4 pl-4", negative ? "border-red-300" : "border-brand-300")}>
              <InlineArea
                label="Quote"
                value={draft.quote}
                readOnly={readOnly}
                rows={2}
                maxLength={500}
                placeholder="A quote in their own words"
                onChange={(v) => change("quote", v)}
                className="text-lg text-slate-700 italic"
              />
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
                  <InlineText
                    label="Tags"
                    value={tagsText}
                    readOnly={readOnly}
                    placeholder="comma, separated"
                    onChange={(v) => {
                      setTagsText(v);
                      change(
                        "tags",
                        v
                          .split(",")
                          .map((t) => t.trim().toLowerCase())
                          .filter(Boolean),
                      );
                    }}
                    className="text-sm text-slate-700"
                  />
                </dd>
              </div>
            </dl>
            {canEdit && (
              <label className="mt-4 inline-flex items-center gap-2 text-sm text-slate-600">
                <input type="checkbox" className="size-4 rounded border-slate-300 text-red-600" checked={negative} onChange={(e) => change("isNegative", e.target.checked)} />
                Negative persona (someone we deliberately do not target)
              </label>
            )}
          </div>
        </div>
      </section>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
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

        <aside className="space-y-6" aria-label="Grounded in data">
          {evidence}
        </aside>
      </div>

      <section className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-label="Rules">
            <h2 className="text-base font-semibold text-slate-900">Who matches this persona</h2>
            <p className="mt-0.5 text-xs text-slate-500">Link a segment, add rules of its own, or both (customers must match all).</p>
            <label className="mt-3 block text-xs font-medium text-slate-600" htmlFor="persona-segment">
              Linked segment
            </label>
            <select
              id="persona-segment"
              value={segmentId}
              disabled={readOnly}
              onChange={(e) => setSegmentId(e.target.value)}
              className="mt-1 h-9 w-full max-w-sm rounded-lg border-0 bg-white px-2 text-sm shadow-sm ring-1 ring-slate-300 ring-inset"
            >
              <option value="">No segment</option>
              {segments.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <div className="mt-3 overflow-x-auto text-sm">
              <RuleBuilder root={root} onChange={setRoot} catalog={catalog} refs={{ ...refs, personas: refs.personas.filter((p) => p.id !== card.id) }} issues={ruleIssues} readOnly={readOnly} />
            </div>
            {canEdit && (
              <div className="mt-3 flex items-center justify-end gap-2">
                {groundingDirty && (
                  <span className={cn("text-xs", livePreview?.problem ? "text-red-700" : "text-amber-700")} data-testid="rules-preview" role="status">
                    {livePreview ? livePreview.text : "Unsaved rules"}
                  </span>
                )}
                <Button size="sm" onClick={() => void saveGrounding()} pending={savingRules} disabled={!groundingDirty}>
                  Save rules
                </Button>
              </div>
            )}
          </section>

      <Dialog open={conflict !== null && conflictOpen} onClose={() => setConflictOpen(false)} title="Someone else changed this persona" description="Your last edits were not saved because another editor saved first. Choose which version to keep.">
        {conflict && (
          <div className="space-y-4">
            <div className="max-h-72 overflow-y-auto rounded-lg ring-1 ring-slate-200">
              <table className="w-full text-left text-sm">
                <thead className="bg-slate-50 text-xs text-slate-500">
                  <tr>
                    <th className="px-3 py-2 font-medium">Field</th>
                    <th className="px-3 py-2 font-medium">Their version</th>
                    <th className="px-3 py-2 font-medium">Yours</th>
                  </tr>
                </thead>
                <tbody>
                  {conflict.keys.map((k) => (
                    <tr key={k} className="border-t border-slate-100 align-top">
                      <td className="px-3 py-2 font-medium text-slate-700">{FIELD_LABELS[k]}</td>
                      <td className="px-3 py-2 text-slate-600" data-testid="conflict-theirs">
                        {show(conflict.theirs[k])}
                      </td>
                      <td className="px-3 py-2 text-slate-900" data-testid="conflict-mine">
                        {show(draft[k])}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={keepTheirs}>
                Keep theirs
              </Button>
              <Button onClick={overwriteWithMine}>Overwrite with mine</Button>
            </div>
          </div>
        )}
      </Dialog>
    </div>
  );
}

function SaveStatus({ status, onResolve }: { status: Status; onResolve: () => void }) {
  const content: Record<Status, ReactNode> = {
    saved: (
      <>
        <Check className="size-3.5 text-emerald-600" /> All changes saved
      </>
    ),
    pending: <>Unsaved changes…</>,
    saving: (
      <>
        <Loader2 className="size-3.5 animate-spin" /> Saving…
      </>
    ),
    conflict: (
      <>
        <AlertTriangle className="size-3.5 text-amber-600" /> Not saved: someone else edited ·{" "}
        <button type="button" onClick={onResolve} className="font-medium text-brand-700 hover:underline">
          choose a version
        </button>
      </>
    ),
    error: (
      <>
        <CircleAlert className="size-3.5 text-red-600" /> Not saved
      </>
    ),
  };
  return (
    <p role="status" aria-live="polite" data-testid="save-status" data-status={status} className="inline-flex items-center gap-1.5 rounded-full bg-slate-50 px-3 py-1 text-xs text-slate-600 ring-1 ring-slate-200">
      {content[status]}
    </p>
  );
}
