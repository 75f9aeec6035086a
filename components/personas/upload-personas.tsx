"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { AlertTriangle, CheckCircle2, FileUp, ImageIcon, Loader2, Upload, XCircle } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_LABEL, MAX_PERSONAS_PER_FILE, type UploadPreview, type UploadProblem } from "@/lib/personas/upload/common";

const ACCEPT = ".json,.csv,.md,.markdown,application/json,text/csv,text/markdown";

type Phase = { step: "choose" } | { step: "reading"; file: File } | { step: "preview"; file: File; preview: UploadPreview } | { step: "importing"; file: File; preview: UploadPreview };

async function send(slug: string, mode: "preview" | "import", file: File): Promise<unknown> {
  const url = `/w/${slug}/personas/upload?${new URLSearchParams({ mode, name: file.name }).toString()}`;
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", body: file, headers: { "Content-Type": "application/octet-stream" } });
  } catch {
    throw new Error("We could not reach the server. Check your connection and try again.");
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && typeof body === "object" && "error" in body && typeof body.error === "string" ? body.error : "The file could not be read.";
    throw new Error(message);
  }
  return body;
}

const problemText = (p: UploadProblem) => `${p.where ? `${p.where[0]!.toUpperCase()}${p.where.slice(1)}` : "File"}${p.label ? ` · ${p.label}` : ""}: ${p.message}`;

/**
 * "Upload personas": pick a .json (our export), .csv or .md file; the server reads it and shows a
 * preview — each persona with its kind, filled fields, photo, warnings and problems — and nothing is
 * written until "Import N personas", which creates them all or none.
 */
export function UploadPersonasButton({ slug }: { slug: string }) {
  const router = useRouter();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [phase, setPhase] = useState<Phase>({ step: "choose" });
  const [error, setError] = useState<string | null>(null);

  const reset = () => {
    setPhase({ step: "choose" });
    setError(null);
    if (input.current) input.current.value = "";
  };
  const close = () => {
    setOpen(false);
    reset();
  };

  const choose = async (file: File | undefined) => {
    setError(null);
    if (!file) return;
    // Cleared so that choosing the same file again (after fixing it) reads it again.
    if (input.current) input.current.value = "";
    if (file.size > MAX_UPLOAD_BYTES) {
      setError(`${file.name} is larger than ${MAX_UPLOAD_LABEL}. Split it into smaller files.`);
      return;
    }
    setPhase({ step: "reading", file });
    try {
      const preview = (await send(slug, "preview", file)) as UploadPreview;
      setPhase({ step: "preview", file, preview });
    } catch (e) {
      setPhase({ step: "choose" });
      setError(e instanceof Error ? e.message : "The file could not be read.");
    }
  };

  const importAll = async () => {
    if (phase.step !== "preview") return;
    setError(null);
    setPhase({ ...phase, step: "importing" });
    try {
      const result = (await send(slug, "import", phase.file)) as { created: { id: string; name: string }[] };
      const n = result.created.length;
      toast.success(`Imported ${n} ${n === 1 ? "persona" : "personas"} from ${phase.file.name}.`);
      close();
      router.refresh();
    } catch (e) {
      setPhase({ ...phase, step: "preview" });
      setError(e instanceof Error ? e.message : "The personas could not be imported.");
    }
  };

  const preview = phase.step === "preview" || phase.step === "importing" ? phase.preview : null;
  const count = preview?.personas.length ?? 0;
  const problemCount = preview ? preview.problems.length + preview.personas.reduce((n, p) => n + p.problems.length, 0) : 0;

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <Upload className="size-4" /> Upload personas
      </Button>
      <Dialog
        open={open}
        onClose={close}
        wide
        title="Upload personas"
        description={
          <>
            Our JSON export, a CSV (one row per persona, list items split by <code className="whitespace-nowrap">;</code>) or Markdown (<code className="whitespace-nowrap"># Name</code>, then <code className="whitespace-nowrap">## Goals</code> …),
            up to {MAX_UPLOAD_LABEL} and {MAX_PERSONAS_PER_FILE} personas. Templates:{" "}
            <a href="/templates/personas.csv" download className="font-medium text-brand-700 underline">
              CSV
            </a>
            ,{" "}
            <a href="/templates/persona.md" download className="font-medium text-brand-700 underline">
              Markdown
            </a>
            .
          </>
        }
      >
        <div className="space-y-4">
          <div>
            <label
              htmlFor={inputId}
              className="flex cursor-pointer items-center gap-3 rounded-lg border-2 border-dashed border-slate-300 px-4 py-4 text-sm text-slate-600 focus-within:border-brand-500 focus-within:ring-2 focus-within:ring-brand-200 hover:border-brand-400"
            >
              <FileUp className="size-5 shrink-0 text-slate-400" aria-hidden />
              <span className="min-w-0 flex-1">
                <span className="block font-medium text-slate-900">{phase.step === "choose" ? "Choose a file" : phase.file.name}</span>
                <span className="block text-xs text-slate-500">.json, .csv or .md — nothing is saved until you import</span>
              </span>
              <input
                ref={input}
                id={inputId}
                type="file"
                accept={ACCEPT}
                aria-label="Persona file"
                className="sr-only"
                disabled={phase.step === "reading" || phase.step === "importing"}
                onChange={(e) => void choose(e.target.files?.[0])}
              />
            </label>
          </div>

          <div aria-live="polite">
            {phase.step === "reading" && (
              <p className="flex items-center gap-2 text-sm text-slate-600">
                <Loader2 className="size-4 animate-spin" aria-hidden /> Reading {phase.file.name}…
              </p>
            )}
            {preview && (
              <div className="space-y-3" data-testid="upload-preview">
                <p className={cn("flex items-center gap-2 text-sm font-medium", problemCount > 0 ? "text-red-700" : "text-slate-700")}>
                  {problemCount > 0 ? <XCircle className="size-4" aria-hidden /> : <CheckCircle2 className="size-4 text-emerald-600" aria-hidden />}
                  {problemCount > 0
                    ? `${problemCount} ${problemCount === 1 ? "problem" : "problems"} to fix in the file — nothing will be imported.`
                    : `${count} ${count === 1 ? "persona" : "personas"} ready to import.`}
                </p>
                {preview.problems.length > 0 && (
                  <ul role="alert" className="space-y-1 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200 ring-inset">
                    {preview.problems.map((p, i) => (
                      <li key={i}>{problemText(p)}</li>
                    ))}
                  </ul>
                )}
                {preview.warnings.length > 0 && (
                  <ul className="space-y-1 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800 ring-1 ring-amber-200 ring-inset">
                    {preview.warnings.map((w, i) => (
                      <li key={i}>{w}</li>
                    ))}
                  </ul>
                )}
                {count > 0 && (
                  <ul className="max-h-80 divide-y divide-slate-100 overflow-y-auto rounded-lg ring-1 ring-slate-200" aria-label="Personas in the file">
                    {preview.personas.map((p) => (
                      <li key={p.index} className="px-3 py-2.5 text-sm" data-testid="upload-persona">
                        <div className="flex flex-wrap items-center gap-2">
                          <span className="font-medium text-slate-900">{p.name}</span>
                          <span
                            className={cn(
                              "rounded-full px-2 py-0.5 text-xs font-medium",
                              p.isNegative ? "bg-red-50 text-red-700" : "bg-brand-50 text-brand-700",
                            )}
                          >
                            {p.isNegative ? "Negative" : "Positive"}
                          </span>
                          <span className="text-xs text-slate-500">
                            {p.filled} {p.filled === 1 ? "field" : "fields"}
                            {p.rules ? " · rules" : ""}
                            {p.linkedSegment ? " · linked segment" : ""}
                          </span>
                          {p.photo && (
                            <span className="flex items-center gap-1 text-xs text-slate-500">
                              <ImageIcon className="size-3.5" aria-hidden /> photo
                            </span>
                          )}
                          <span className="ml-auto text-xs text-slate-400">{p.where}</span>
                        </div>
                        {p.problems.length > 0 && (
                          <ul className="mt-1 space-y-0.5 text-xs text-red-700">
                            {p.problems.map((problem, i) => (
                              <li key={i} className="flex gap-1">
                                <XCircle className="mt-0.5 size-3 shrink-0" aria-hidden />
                                <span>
                                  {problem.label && <span className="font-semibold">{problem.label}: </span>}
                                  {problem.message}
                                </span>
                              </li>
                            ))}
                          </ul>
                        )}
                        {p.warnings.length > 0 && (
                          <ul className="mt-1 space-y-0.5 text-xs text-amber-700">
                            {p.warnings.map((w, i) => (
                              <li key={i} className="flex gap-1">
                                <AlertTriangle className="mt-0.5 size-3 shrink-0" aria-hidden />
                                <span>{w}</span>
                              </li>
                            ))}
                          </ul>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
          </div>

          <FormError message={error} />

          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            {preview && problemCount > 0 ? (
              <Button variant="secondary" onClick={() => input.current?.click()}>
                Choose another file
              </Button>
            ) : (
              <Button onClick={() => void importAll()} disabled={!preview?.importable} pending={phase.step === "importing"}>
                {count > 0 ? `Import ${count} ${count === 1 ? "persona" : "personas"}` : "Import"}
              </Button>
            )}
          </div>
        </div>
      </Dialog>
    </>
  );
}
