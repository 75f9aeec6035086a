"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Pencil, SlidersHorizontal, Trash2 } from "lucide-react";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { AttributeFamily, TraitType } from "@/lib/generated/prisma/enums";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, Input, OptionSelect } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { DataTable } from "@/components/data-table/data-table";
import { FAMILIES, FAMILY_LABELS, TRAIT_TYPE_LABELS, TRAIT_TYPES } from "@/lib/customers/fields";
import { plural } from "@/lib/customers/format";
import { traitColumns, type TraitRow } from "./traits-columns";

type Action<T> = (input: unknown) => Promise<ActionResult<T>>;

export function TraitsTable({
  rows,
  canWrite,
  update,
  changeType,
  remove,
}: {
  rows: TraitRow[];
  canWrite: boolean;
  update: Action<{ id: string }>;
  changeType: Action<{ converted: number }>;
  remove: Action<{ key: string; cleared: number }>;
}) {
  const [editing, setEditing] = useState<TraitRow | null>(null);
  const [deleting, setDeleting] = useState<TraitRow | null>(null);

  const columns = useMemo(
    () =>
      traitColumns((row) =>
        canWrite ? (
          <div className="flex justify-end gap-1">
            <Button variant="ghost" size="sm" aria-label={`Edit ${row.label}`} onClick={() => setEditing(row)}>
              <Pencil className="size-4" aria-hidden /> Edit
            </Button>
            <Button variant="ghost" size="sm" className="text-red-600 hover:bg-red-50" aria-label={`Delete ${row.label}`} onClick={() => setDeleting(row)}>
              <Trash2 className="size-4" aria-hidden /> Delete
            </Button>
          </div>
        ) : null,
      ),
    [canWrite],
  );

  return (
    <>
      <DataTable
        label="Custom traits"
        columns={columns}
        data={rows}
        getRowId={(r) => r.id}
        empty={
          <EmptyState icon={<SlidersHorizontal className="size-5" />} title="No custom traits yet">
            Custom traits hold what your built-in fields do not: a loyalty tier, an NPS score, a renewal date. Each has a
            type, and a family that decides where it shows on a profile.
          </EmptyState>
        }
      />
      {editing && <EditTraitDialog key={editing.id} trait={editing} onClose={() => setEditing(null)} update={update} changeType={changeType} />}
      {deleting && <DeleteTraitDialog key={deleting.id} trait={deleting} onClose={() => setDeleting(null)} remove={remove} />}
    </>
  );
}

function usageNote(trait: TraitRow): string | null {
  const names = [...trait.usedBy.segments.map((s) => `segment “${s}”`), ...trait.usedBy.personas.map((p) => `persona “${p}”`)];
  if (names.length === 0) return null;
  return `Used by ${names.slice(0, 3).join(", ")}${names.length > 3 ? ` and ${names.length - 3} more` : ""}.`;
}

function EditTraitDialog({
  trait,
  onClose,
  update,
  changeType,
}: {
  trait: TraitRow;
  onClose: () => void;
  update: Action<{ id: string }>;
  changeType: Action<{ converted: number }>;
}) {
  const router = useRouter();
  const [label, setLabel] = useState(trait.label);
  const [family, setFamily] = useState<AttributeFamily>(trait.family);
  const [type, setType] = useState<TraitType>(trait.type);
  const done = () => {
    onClose();
    router.refresh();
  };
  const updateAction = useAction(update, { success: "Trait saved", onSuccess: done });
  const typeAction = useAction(changeType, {
    success: (d) => (d.converted ? `Type changed; ${plural(d.converted, "value")} converted` : "Type changed"),
    onSuccess: done,
  });
  const usage = usageNote(trait);

  return (
    <Dialog open onClose={onClose} title={`Edit “${trait.label}”`} description={<code className="text-xs">traits.{trait.key}</code>}>
      <form
        className="space-y-4"
        noValidate
        aria-label="Label and family of the trait"
        onSubmit={(e) => {
          e.preventDefault();
          void updateAction.execute({ id: trait.id, label, family });
        }}
      >
        {updateAction.error && Object.keys(updateAction.fieldErrors).length === 0 && <FormError message={updateAction.error} />}
        <Field id="edit-trait-label" label="Label" errors={updateAction.fieldErrors.label}>
          <Input id="edit-trait-label" value={label} maxLength={60} invalid={!!updateAction.fieldErrors.label} onChange={(e) => setLabel(e.target.value)} />
        </Field>
        <Field id="edit-trait-family" label="Family" hint="Where the trait shows on profiles and in the segment builder.">
          <OptionSelect
            id="edit-trait-family"
            value={family}
            options={FAMILIES}
            labels={FAMILY_LABELS}
            onValueChange={(v) => setFamily(v)}
          />
        </Field>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" pending={updateAction.pending} disabled={label.trim() === trait.label && family === trait.family}>
            Save
          </Button>
        </div>
      </form>

      <form
        className="mt-6 space-y-3 border-t border-slate-100 pt-5"
        noValidate
        aria-label="Type of the trait"
        onSubmit={(e) => {
          e.preventDefault();
          void typeAction.execute({ id: trait.id, type });
        }}
      >
        <Field
          id="edit-trait-type"
          label="Type"
          errors={typeAction.fieldErrors.type}
          hint={
            trait.values === 0
              ? "No customer has a value yet, so any type works."
              : `${plural(trait.values, "customer")} ${trait.values === 1 ? "has" : "have"} a value. The type changes only if every value converts.`
          }
        >
          <OptionSelect
            id="edit-trait-type"
            value={type}
            invalid={!!typeAction.fieldErrors.type}
            options={TRAIT_TYPES}
            labels={TRAIT_TYPE_LABELS}
            onValueChange={(v) => setType(v)}
          />
        </Field>
        {usage && type !== trait.type && (
          <p className="text-xs text-amber-700">{usage} Rules on this trait may need new operators after the change.</p>
        )}
        {typeAction.error && !typeAction.fieldErrors.type && <FormError message={typeAction.error} />}
        <div className="flex justify-end">
          <Button type="submit" variant="secondary" pending={typeAction.pending} disabled={type === trait.type}>
            Change type
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteTraitDialog({
  trait,
  onClose,
  remove,
}: {
  trait: TraitRow;
  onClose: () => void;
  remove: Action<{ key: string; cleared: number }>;
}) {
  const router = useRouter();
  const action = useAction(remove, {
    success: (d) => (d.cleared ? `Trait deleted and cleared from ${plural(d.cleared, "customer")}` : "Trait deleted"),
    onSuccess: () => {
      onClose();
      router.refresh();
    },
  });
  const usage = usageNote(trait);
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Delete “${trait.label}”?`}
      description={
        <>
          {trait.values === 0
            ? "No customer has a value for this trait."
            : `${plural(trait.values, "customer")} ${trait.values === 1 ? "has a value" : "have a value"} for this trait; it is removed from ${trait.values === 1 ? "that customer" : "all of them"}.`}{" "}
          This cannot be undone.
          {usage && <span className="mt-2 block text-amber-700">{usage} Those rules will stop validating until they are updated.</span>}
        </>
      }
    >
      <FormError message={action.error} />
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="danger" pending={action.pending} onClick={() => void action.execute({ id: trait.id })}>
          Delete trait
        </Button>
      </div>
    </Dialog>
  );
}
