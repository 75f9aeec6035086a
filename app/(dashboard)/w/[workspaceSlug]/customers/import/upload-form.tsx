"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { useDropzone, type FileRejection } from "react-dropzone";
import { CheckCircle2, FileUp, Link2, UploadCloud, X } from "lucide-react";
import { toast } from "sonner";
import type { ImportKind } from "@/lib/generated/prisma/enums";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ProgressBar } from "@/components/imports/progress-bar";
import { formatBytes } from "@/components/imports/format";

export type KindOption = { value: ImportKind; label: string; description: string; columns: string; note?: string };

type UploadState =
  | { phase: "idle" }
  | { phase: "uploading"; fileName: string; size: number; loaded: number }
  | { phase: "opening"; fileName: string }
  | { phase: "error"; message: string };

const ACCEPT = {
  "text/csv": [".csv"],
  "application/vnd.ms-excel": [".csv"],
  "text/tab-separated-values": [".tsv"],
  "text/plain": [".txt"],
};

/**
 * Step 1 of an import: what the file holds, then the file itself (dropped, or picked with a click
 * or Enter). The file is sent as the raw request body so the upload can show its progress; the
 * new import then opens on its mapping step.
 */
export function UploadForm({
  uploadUrl,
  jobBase,
  kinds,
  maxBytes,
  maxLabel,
  maxColumns,
}: {
  uploadUrl: string;
  jobBase: string;
  kinds: KindOption[];
  maxBytes: number;
  maxLabel: string;
  maxColumns: number;
}) {
  const router = useRouter();
  const limitsId = useId();
  const [kind, setKind] = useState<ImportKind>(kinds[0]?.value ?? "CUSTOMERS");
  const [state, setState] = useState<UploadState>({ phase: "idle" });
  const request = useRef<XMLHttpRequest | null>(null);

  // Leaving the page stops an upload in flight.
  useEffect(() => () => request.current?.abort(), []);

  const fail = (message: string) => setState({ phase: "error", message });

  const upload = (file: File) => {
    if (file.size === 0) return fail(`“${file.name}” is empty. Choose a CSV file with a header row and at least one row of data.`);
    const xhr = new XMLHttpRequest();
    request.current = xhr;
    setState({ phase: "uploading", fileName: file.name, size: file.size, loaded: 0 });
    xhr.open("POST", `${uploadUrl}?kind=${kind}`);
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setState({ phase: "uploading", fileName: file.name, size: e.total, loaded: e.loaded });
    };
    xhr.onload = () => {
      request.current = null;
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON: handled below with a generic message.
      }
      const field = (key: "id" | "error") =>
        body && typeof body === "object" && key in body && typeof (body as Record<string, unknown>)[key] === "string"
          ? ((body as Record<string, unknown>)[key] as string)
          : null;
      const id = field("id");
      if (xhr.status === 201 && id) {
        setState({ phase: "opening", fileName: file.name });
        toast.success(`“${file.name}” uploaded`);
        router.push(`${jobBase}/${encodeURIComponent(id)}`);
        return;
      }
      if (xhr.status === 401) return fail("Your session has ended. Sign in again, then upload the file again.");
      fail(field("error") ?? `The upload failed (error ${xhr.status}). Please try again.`);
    };
    xhr.onerror = () => {
      request.current = null;
      fail("The upload was interrupted. Check your connection and try again.");
    };
    xhr.onabort = () => {
      request.current = null;
      setState({ phase: "idle" });
    };
    xhr.send(file);
  };

  const onDrop = (accepted: File[], rejected: FileRejection[]) => {
    const file = accepted[0];
    if (file) return upload(file);
    const first = rejected[0];
    if (!first) return;
    if (rejected.length > 1) return fail("Choose one file at a time.");
    const code = first.errors[0]?.code;
    if (code === "file-too-large") {
      return fail(`“${first.file.name}” is ${formatBytes(first.file.size)}: larger than ${maxLabel}. Split it into smaller files and import them one after another.`);
    }
    if (code === "file-invalid-type") {
      return fail(`“${first.file.name}” is not a CSV file. Choose a .csv, .tsv or .txt file — from Excel or Google Sheets, save or download the sheet as CSV.`);
    }
    fail(first.errors[0]?.message ?? "That file cannot be imported.");
  };

  const busy = state.phase === "uploading" || state.phase === "opening";
  const { getRootProps, getInputProps, isDragActive, isDragReject, isFocused, open } = useDropzone({
    accept: ACCEPT,
    multiple: false,
    maxSize: maxBytes,
    onDrop,
    disabled: busy,
  });

  return (
    <div className="space-y-6">
      <fieldset disabled={busy}>
        <legend className="text-sm font-semibold text-slate-900">1. What does the file hold?</legend>
        <div className="mt-3 grid gap-3 md:grid-cols-3">
          {kinds.map((k) => (
            <label
              key={k.value}
              className={cn(
                "flex cursor-pointer flex-col gap-1.5 rounded-lg p-3.5 ring-1 ring-inset transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600",
                kind === k.value ? "bg-brand-50/60 ring-brand-300" : "ring-slate-200 hover:bg-slate-50",
              )}
            >
              <span className="flex items-center gap-2">
                <input
                  type="radio"
                  name="import-kind"
                  value={k.value}
                  checked={kind === k.value}
                  onChange={() => setKind(k.value)}
                  className="size-4 accent-brand-600"
                  aria-labelledby={`import-kind-${k.value}-label`}
                  aria-describedby={`import-kind-${k.value}`}
                />
                <span id={`import-kind-${k.value}-label`} className="text-sm font-medium text-slate-900">
                  {k.label}
                </span>
              </span>
              <span id={`import-kind-${k.value}`} className="space-y-1.5 text-xs text-slate-500">
                <span className="block">{k.description}</span>
                <span className="block">
                  <span className="font-medium text-slate-600">Columns: </span>
                  {k.columns}
                </span>
                {k.note && (
                  <span className="flex items-start gap-1 text-amber-700">
                    <Link2 className="mt-px size-3.5 shrink-0" aria-hidden /> {k.note}
                  </span>
                )}
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <div>
        <p className="text-sm font-semibold text-slate-900">2. Choose the file</p>
        {state.phase === "uploading" || state.phase === "opening" ? (
          <div className="mt-3 rounded-lg border border-slate-200 bg-slate-50 p-5" aria-live="polite">
            <div className="flex items-center gap-3">
              <FileUp className="size-5 shrink-0 text-brand-600" aria-hidden />
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900">{state.fileName}</p>
                <p className="text-xs text-slate-500">
                  {state.phase === "uploading"
                    ? `Uploading… ${formatBytes(state.loaded)} of ${formatBytes(state.size)}`
                    : "Uploaded. Reading the columns…"}
                </p>
              </div>
              {state.phase === "uploading" ? (
                <Button variant="ghost" size="sm" onClick={() => request.current?.abort()}>
                  <X className="size-4" aria-hidden /> Cancel upload
                </Button>
              ) : (
                <CheckCircle2 className="size-5 text-emerald-600" aria-hidden />
              )}
            </div>
            <ProgressBar
              className="mt-3"
              label="Upload progress"
              value={state.phase === "uploading" ? (state.size > 0 ? state.loaded / state.size : 0) : 1}
            />
          </div>
        ) : (
          <div
            {...getRootProps({
              role: "button",
              "aria-label": `Upload a CSV file of ${kinds.find((k) => k.value === kind)?.label.toLowerCase() ?? "rows"}: drop it here, or press Enter to choose one`,
              "aria-describedby": limitsId,
              className: cn(
                "mt-3 flex cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed px-6 py-10 text-center transition-colors focus:outline-none",
                isDragReject
                  ? "border-red-300 bg-red-50"
                  : isDragActive
                    ? "border-brand-500 bg-brand-50"
                    : isFocused
                      ? "border-brand-500 bg-white ring-2 ring-brand-600/20"
                      : "border-slate-300 bg-white hover:border-brand-400 hover:bg-slate-50",
              ),
            })}
          >
            <input {...getInputProps({ "aria-label": "CSV file" })} />
            <UploadCloud className={cn("size-8", isDragReject ? "text-red-500" : "text-brand-600")} aria-hidden />
            <p className="mt-3 text-sm font-medium text-slate-900">
              {isDragReject ? "Only .csv, .tsv and .txt files" : isDragActive ? "Drop the file to upload it" : "Drag a CSV file here, or click to choose one"}
            </p>
            <p id={limitsId} className="mt-1 max-w-md text-xs text-slate-500">
              .csv, .tsv or .txt, up to {maxLabel} and {maxColumns} columns. UTF-8, UTF-16, Windows-1252 and other encodings and
              delimiters are detected; you can correct them on the next step.
            </p>
          </div>
        )}
        {state.phase === "error" && (
          <div role="alert" className="mt-3 flex flex-wrap items-center justify-between gap-3 rounded-lg bg-red-50 px-4 py-3 text-sm text-red-700 ring-1 ring-inset ring-red-200">
            <span>{state.message}</span>
            <Button variant="secondary" size="sm" onClick={open}>
              Choose another file
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}
