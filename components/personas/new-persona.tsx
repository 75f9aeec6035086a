"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

type CreateAction = (input: unknown) => Promise<
  { ok: true; data: { id: string; version: number } } | { ok: false; code: string; error: string; fieldErrors?: Record<string, string[]> }
>;

/** "New persona": a name and whether it is a negative persona; then the card opens for editing. */
export function NewPersonaButton({ slug, create, negative = false, label = "New persona" }: { slug: string; create: CreateAction; negative?: boolean; label?: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [isNegative, setIsNegative] = useState(negative);
  const { execute, pending, fieldErrors, error } = useAction(create, {
    onSuccess: (data) => router.push(`/w/${slug}/personas/${data.id}`),
  });
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus className="size-4" /> {label}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="New persona" description="Give it a name; you fill in the card next, and it saves as you type.">
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            void execute({ name, isNegative });
          }}
        >
          <Field id="new-persona-name" label="Name" errors={fieldErrors.name}>
            <Input id="new-persona-name" autoFocus value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Budget-conscious Bea" invalid={!!fieldErrors.name} />
          </Field>
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input type="checkbox" className="mt-0.5 size-4 rounded border-slate-300 text-red-600" checked={isNegative} onChange={(e) => setIsNegative(e.target.checked)} />
            <span>
              <span className="font-medium">Negative persona</span>
              <span className="block text-slate-500">Someone you deliberately do not target.</span>
            </span>
          </label>
          <FormError message={fieldErrors.name ? null : error} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={pending}>
              Create persona
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
