"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Plus } from "lucide-react";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { AttributeFamily, TraitType } from "@/lib/generated/prisma/enums";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, OptionSelect } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { FAMILIES, FAMILY_LABELS, TRAIT_TYPE_LABELS, TRAIT_TYPES } from "@/lib/customers/fields";
import { suggestTraitKey } from "@/lib/customers/traits";

const EMPTY = { label: "", key: "", type: "TEXT" as TraitType, family: "PSYCHOGRAPHIC" as AttributeFamily };

/** Adds a custom trait. The key follows the label until someone edits it. */
export function TraitForm({ action }: { action: (input: unknown) => Promise<ActionResult<{ id: string; key: string }>> }) {
  const router = useRouter();
  const [form, setForm] = useState(EMPTY);
  const [keyEdited, setKeyEdited] = useState(false);
  const { execute, pending, fieldErrors, error } = useAction(action, {
    success: (d) => `Trait “${d.key}” added`,
    onSuccess: () => {
      setForm(EMPTY);
      setKeyEdited(false);
      router.refresh();
    },
  });
  const key = keyEdited ? form.key : suggestTraitKey(form.label);

  return (
    <form
      noValidate
      aria-label="Add a custom trait"
      className="grid gap-4 md:grid-cols-2 xl:grid-cols-[1fr_1fr_10rem_12rem_auto] xl:items-start"
      onSubmit={(e) => {
        e.preventDefault();
        void execute({ ...form, key });
      }}
    >
      {error && Object.keys(fieldErrors).length === 0 && (
        <div className="md:col-span-2 xl:col-span-5">
          <FormError message={error} />
        </div>
      )}
      <Field id="trait-label" label="Label" errors={fieldErrors.label}>
        <Input
          id="trait-label"
          value={form.label}
          placeholder="NPS score"
          maxLength={60}
          invalid={!!fieldErrors.label}
          onChange={(e) => setForm({ ...form, label: e.target.value })}
        />
      </Field>
      <Field id="trait-key" label="Key" hint="Used in segment rules and exports; cannot be changed later." errors={fieldErrors.key}>
        <Input
          id="trait-key"
          value={key}
          placeholder="nps_score"
          maxLength={40}
          className="font-mono"
          invalid={!!fieldErrors.key}
          onChange={(e) => {
            setKeyEdited(true);
            setForm({ ...form, key: e.target.value });
          }}
        />
      </Field>
      <Field id="trait-type" label="Type" errors={fieldErrors.type}>
        <OptionSelect
          id="trait-type"
          value={form.type}
          options={TRAIT_TYPES}
          labels={TRAIT_TYPE_LABELS}
          onValueChange={(v) => setForm({ ...form, type: v })}
        />
      </Field>
      <Field id="trait-family" label="Family" errors={fieldErrors.family}>
        <OptionSelect
          id="trait-family"
          value={form.family}
          options={FAMILIES}
          labels={FAMILY_LABELS}
          onValueChange={(v) => setForm({ ...form, family: v })}
        />
      </Field>
      <div className="xl:pt-6">
        <Button type="submit" pending={pending}>
          <Plus className="size-4" aria-hidden /> Add trait
        </Button>
      </div>
    </form>
  );
}
