"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Wand2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

type DraftAction = (input: unknown) => Promise<
  { ok: true; data: { id: string; version: number; fields: string[] } } | { ok: false; code: string; error: string; fieldErrors?: Record<string, string[]> }
>;

function useDraft(slug: string, draft: DraftAction) {
  const router = useRouter();
  return useAction(draft, {
    success: (data) => `Persona drafted: ${data.fields.length} ${data.fields.length === 1 ? "field" : "fields"} filled from the segment. Edit anything that does not fit.`,
    onSuccess: (data) => router.push(`/w/${slug}/personas/${data.id}`),
  });
}

/** On a segment's page: drafts a persona from this segment and opens its card. */
export function DraftFromThisSegmentButton({ slug, draft, segmentId }: { slug: string; draft: DraftAction; segmentId: string }) {
  const { execute, pending } = useDraft(slug, draft);
  return (
    <Button variant="secondary" pending={pending} onClick={() => void execute({ segmentId })}>
      <Wand2 className="size-4" /> New persona from this segment
    </Button>
  );
}

/** In the personas gallery: pick a segment, draft a persona from it, open its card. */
export function DraftFromSegmentButton({
  slug,
  draft,
  segments,
  negative = false,
}: {
  slug: string;
  draft: DraftAction;
  /** `size`: the last measured size; a segment last measured empty cannot be drafted from. */
  segments: { id: string; name: string; size?: number | null }[];
  negative?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [segmentId, setSegmentId] = useState((segments.find((s) => s.size !== 0) ?? segments[0])?.id ?? "");
  const { execute, pending, fieldErrors, error } = useDraft(slug, draft);
  if (segments.length === 0) return null;
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <Wand2 className="size-4" /> Draft from a segment
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={negative ? "Draft a negative persona from a segment" : "Draft a persona from a segment"}
        description="The card's age range, income, location, occupation, channels and tags are filled from the segment's members, each with the figure behind it. The persona stays linked to the segment."
      >
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            void execute({ segmentId, negative });
          }}
        >
          <Field id="draft-segment" label="Segment" errors={fieldErrors.segmentId}>
            <Select id="draft-segment" value={segmentId} onChange={(e) => setSegmentId(e.target.value)}>
              {segments.map((s) => (
                <option key={s.id} value={s.id} disabled={s.size === 0}>
                  {s.name}
                  {s.size === 0 ? " — no customers" : s.size != null ? ` (${s.size.toLocaleString("en-US")})` : ""}
                </option>
              ))}
            </Select>
          </Field>
          <FormError message={fieldErrors.segmentId ? null : error} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={pending}>
              Draft persona
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
