"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

export function GeneralForm({
  action,
  name,
  slug,
  canEdit,
}: {
  action: (input: unknown) => Promise<ActionResult<{ slug: string }>>;
  name: string;
  slug: string;
  canEdit: boolean;
}) {
  const router = useRouter();
  const [form, setForm] = useState({ name, slug });
  const { execute, pending, fieldErrors, error } = useAction(action, {
    success: "Workspace saved",
    onSuccess: (data) => {
      if (data.slug !== slug) router.replace(`/w/${data.slug}/settings`);
      else router.refresh();
    },
  });
  const dirty = form.name !== name || form.slug !== slug;

  return (
    <form
      className="grid max-w-2xl gap-4 sm:grid-cols-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void execute(form);
      }}
    >
      <div className="sm:col-span-2">
        <FormError message={error && Object.keys(fieldErrors).length === 0 ? error : null} />
      </div>
      <Field id="ws-name" label="Name" errors={fieldErrors.name}>
        <Input id="ws-name" value={form.name} disabled={!canEdit} onChange={(e) => setForm({ ...form, name: e.target.value })} invalid={!!fieldErrors.name} />
      </Field>
      <Field id="ws-slug" label="Address" hint={`/w/${form.slug || "…"}`} errors={fieldErrors.slug}>
        <Input id="ws-slug" value={form.slug} disabled={!canEdit} onChange={(e) => setForm({ ...form, slug: e.target.value })} invalid={!!fieldErrors.slug} />
      </Field>
      {canEdit ? (
        <div className="sm:col-span-2">
          <Button type="submit" pending={pending} disabled={!dirty}>
            Save changes
          </Button>
        </div>
      ) : (
        <p className="text-sm text-slate-500 sm:col-span-2">Only admins and owners can change these.</p>
      )}
    </form>
  );
}
