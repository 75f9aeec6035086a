"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { addToStaticSegment, staticSegmentChoices } from "@/lib/actions/segment-members";
import { plural } from "@/lib/customers/format";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

type Choices = Extract<Awaited<ReturnType<typeof staticSegmentChoices>>, { ok: true }>["data"];

/**
 * "Add to static segment" for a selection of customers: pick one of the workspace's static segments
 * or name a new one. Mounted while open; the choices are loaded fresh each time, through the
 * caller's membership of the workspace in the URL.
 */
export function AddToStaticSegmentDialog({
  workspaceSlug,
  customers,
  onClose,
  onAdded,
}: {
  workspaceSlug: string;
  customers: { id: number; name: string }[];
  onClose: () => void;
  /** After a successful add (the selection can be cleared). */
  onAdded: () => void;
}) {
  const router = useRouter();
  const [choices, setChoices] = useState<Choices | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [mode, setMode] = useState<"existing" | "new" | null>(null);
  const [segmentId, setSegmentId] = useState("");
  const [newName, setNewName] = useState("");

  useEffect(() => {
    let live = true;
    staticSegmentChoices({ workspaceSlug }).then(
      (result) => {
        if (!live) return;
        if (result.ok) setChoices(result.data);
        else setLoadError(result.error);
      },
      () => live && setLoadError("We could not reach the server. Check your connection and try again."),
    );
    return () => {
      live = false;
    };
  }, [workspaceSlug]);

  const workspaceId = choices?.workspaceId ?? "";
  const add = useAction((input: unknown) => addToStaticSegment(workspaceId, input), {
    success: (data) => data.message,
    onSuccess: () => {
      onAdded();
      onClose();
      router.refresh();
    },
  });

  const hasStatic = (choices?.segments.length ?? 0) > 0;
  // Until the user picks, an existing static segment is offered first when there is one.
  const current = mode ?? (hasStatic ? "existing" : "new");
  const chosenId = segmentId || choices?.segments[0]?.id || "";
  const count = plural(customers.length, "customer");

  return (
    <Dialog
      open
      onClose={onClose}
      title={`Add ${count} to a static segment`}
      description={
        customers.length <= 3
          ? `${customers.map((c) => c.name).join(", ")}. Customers already in the segment stay in it once.`
          : `${customers
              .slice(0, 2)
              .map((c) => c.name)
              .join(", ")} and ${plural(customers.length - 2, "other")}. Customers already in the segment stay in it once.`
      }
    >
      {loadError ? (
        <FormError message={loadError} />
      ) : !choices ? (
        <p className="text-sm text-slate-500" role="status">
          Loading static segments…
        </p>
      ) : !choices.canWrite ? (
        <FormError message="Your role does not allow changing segments." />
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const ids = customers.map((c) => c.id);
            void add.execute(current === "existing" ? { segmentId: chosenId, customerIds: ids } : { newSegmentName: newName, customerIds: ids });
          }}
          className="space-y-4"
        >
          <FormError message={add.error && !add.fieldErrors.newSegmentName && !add.fieldErrors.segmentId ? add.error : null} />
          <fieldset className="space-y-3">
            <legend className="sr-only">Which segment</legend>
            <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
              <input
                type="radio"
                name="static-target"
                className="size-4 accent-brand-600"
                checked={current === "existing"}
                disabled={!hasStatic}
                onChange={() => setMode("existing")}
              />
              An existing static segment
            </label>
            {hasStatic ? (
              current === "existing" && (
                <div className="pl-6">
                  <Field id="static-segment" label="Static segment" errors={add.fieldErrors.segmentId}>
                    <Select id="static-segment" value={chosenId} onChange={(e) => setSegmentId(e.target.value)} autoFocus>
                      {choices.segments.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name} ({plural(s.size, "member")})
                        </option>
                      ))}
                    </Select>
                  </Field>
                </div>
              )
            ) : (
              <p className="pl-6 text-xs text-slate-500">There are no static segments yet: create one by naming it.</p>
            )}
            <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
              <input
                type="radio"
                name="static-target"
                className="size-4 accent-brand-600"
                checked={current === "new"}
                onChange={() => setMode("new")}
              />
              A new static segment
            </label>
            {current === "new" && (
              <div className="pl-6">
                <Field id="new-static-segment" label="Name of the new segment" errors={add.fieldErrors.newSegmentName}>
                  <Input
                    id="new-static-segment"
                    value={newName}
                    onChange={(e) => setNewName(e.target.value)}
                    placeholder="e.g. Trade-show leads"
                    maxLength={120}
                    invalid={!!add.fieldErrors.newSegmentName}
                    autoFocus
                  />
                </Field>
              </div>
            )}
          </fieldset>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" pending={add.pending}>
              Add {count}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
