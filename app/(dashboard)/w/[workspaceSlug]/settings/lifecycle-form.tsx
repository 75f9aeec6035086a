"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

type Thresholds = { newDays: number; activeDays: number; churnDays: number };

const FIELDS = [
  { key: "newDays", id: "lc-new", label: "New: first order within", hint: "days" },
  { key: "activeDays", id: "lc-active", label: "Active: last order within", hint: "days" },
  { key: "churnDays", id: "lc-churn", label: "Churned: no order for more than", hint: "days" },
] as const;

/** Settings → Lifecycle stages: the three thresholds, in whole days, with the defaults shown. */
export function LifecycleForm({
  action,
  current,
  defaults,
  canEdit,
}: {
  action: (input: unknown) => Promise<ActionResult<{ ok: true }>>;
  current: Thresholds;
  defaults: Thresholds;
  canEdit: boolean;
}) {
  const router = useRouter();
  const initial = { newDays: String(current.newDays), activeDays: String(current.activeDays), churnDays: String(current.churnDays) };
  const [form, setForm] = useState(initial);
  const { execute, pending, fieldErrors, error } = useAction(action, {
    success: "Lifecycle thresholds saved",
    onSuccess: () => router.refresh(),
  });
  const dirty = FIELDS.some((f) => form[f.key] !== initial[f.key]);
  const isDefault = FIELDS.every((f) => form[f.key] === String(defaults[f.key]));

  return (
    <form
      className="grid max-w-3xl gap-4 sm:grid-cols-3"
      noValidate
      aria-label="Lifecycle thresholds"
      onSubmit={(e) => {
        e.preventDefault();
        void execute(form);
      }}
    >
      <div className="sm:col-span-3">
        <FormError message={error} />
      </div>
      {FIELDS.map((f) => (
        <Field key={f.key} id={f.id} label={f.label} hint={`Days · default ${defaults[f.key]}`} errors={fieldErrors[f.key]}>
          <Input
            id={f.id}
            inputMode="numeric"
            value={form[f.key]}
            disabled={!canEdit}
            onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
            invalid={!!fieldErrors[f.key]}
          />
        </Field>
      ))}
      <p className="text-xs text-slate-500 sm:col-span-3">
        Between the active window and the churn threshold a customer is <em>at risk</em>. A customer whose last order is within the active
        window, after more than the churn threshold without ordering, is <em>reactivated</em>. Whole days, new ≤ active &lt; churned, at
        most 3650.
      </p>
      {canEdit ? (
        <div className="flex flex-wrap gap-2 sm:col-span-3">
          <Button type="submit" pending={pending} disabled={!dirty}>
            Save thresholds
          </Button>
          <Button
            type="button"
            variant="secondary"
            disabled={isDefault || pending}
            onClick={() => setForm({ newDays: String(defaults.newDays), activeDays: String(defaults.activeDays), churnDays: String(defaults.churnDays) })}
          >
            Use the defaults
          </Button>
        </div>
      ) : (
        <p className="text-sm text-slate-500 sm:col-span-3">Only admins and owners can change these.</p>
      )}
    </form>
  );
}
