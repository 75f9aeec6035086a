"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Camera, Loader2, Trash2 } from "lucide-react";
import type { Result } from "./use-autosave";

/** Upload / change / remove the card's photo (checked, resized and stored by the photo route). */
export function PhotoControl({
  slug,
  personaId,
  photoVersion,
  onChange,
  removePhoto,
}: {
  slug: string;
  personaId: string;
  photoVersion: number | null;
  onChange: (photoVersion: number | null) => void;
  removePhoto: (input: unknown) => Promise<Result<{ removed: boolean }>>;
}) {
  const [uploading, setUploading] = useState(false);
  const upload = async (file: File) => {
    setUploading(true);
    try {
      const response = await fetch(`/w/${slug}/personas/${personaId}/photo`, { method: "POST", body: file, headers: { "Content-Type": "application/octet-stream" } });
      const body = (await response.json().catch(() => ({}))) as { photoVersion?: number; error?: string };
      if (!response.ok || !body.photoVersion) throw new Error(body.error ?? "The photo could not be uploaded.");
      onChange(body.photoVersion);
      toast.success("Photo updated");
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "The photo could not be uploaded.");
    } finally {
      setUploading(false);
    }
  };
  const drop = async () => {
    const result = await removePhoto({ id: personaId });
    if (result.ok) onChange(null);
    else toast.error(result.error);
  };
  return (
    <div className="flex items-center gap-1 text-xs print:hidden">
      <label className="inline-flex cursor-pointer items-center gap-1 rounded-md px-2 py-1 font-medium text-slate-600 focus-within:ring-2 focus-within:ring-brand-500 hover:bg-slate-100">
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
        <button type="button" onClick={() => void drop()} className="rounded-md p-1 text-slate-400 hover:bg-red-50 hover:text-red-600" aria-label="Remove photo">
          <Trash2 className="size-3.5" />
        </button>
      )}
    </div>
  );
}
