"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Button, buttonClasses } from "@/components/ui/button";
import { Badge, Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { FAMILY_DESCRIPTIONS, FAMILY_LABELS, groupByFamily, type BuiltInField, type BuiltInFieldKey } from "@/lib/customers/fields";
import type { CustomerFormState, FormTrait, SuggestionField } from "@/lib/customers/form";
import { TAGS_MAX } from "@/lib/customers/traits";

type SaveResult = ActionResult<{ id: number; name: string }>;
type EditableKey = Exclude<BuiltInFieldKey, "firstSeenAt" | "createdAt" | "updatedAt">;
type TextKey = Exclude<EditableKey, "emailOptIn">;

/**
 * Create and edit a customer. Fields are grouped by attribute family, custom traits in their
 * family's section, each with the control its type needs. The server checks everything again and
 * answers with messages per field, shown next to the field.
 */
export function CustomerForm({
  mode,
  action,
  customerId,
  initial,
  traits,
  countries,
  suggestions,
  basePath,
  cancelHref,
}: {
  mode: "create" | "edit";
  action: (input: unknown) => Promise<SaveResult>;
  customerId?: number;
  initial: CustomerFormState;
  traits: FormTrait[];
  countries: { code: string; name: string }[];
  suggestions: Record<SuggestionField, string[]>;
  basePath: string;
  cancelHref: string;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState(initial);
  const { execute, pending, fieldErrors, error } = useAction(action, {
    success: mode === "create" ? (d) => `${d.name} added` : "Changes saved",
    onSuccess: (d) => router.push(`${basePath}/${d.id}`),
  });

  // After a refused save, put the cursor in the first field that needs attention.
  useEffect(() => {
    if (Object.keys(fieldErrors).length) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [fieldErrors]);

  const set = <K extends keyof CustomerFormState>(key: K, value: CustomerFormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setTrait = (key: string, value: string) => setForm((f) => ({ ...f, traits: { ...f.traits, [key]: value } }));
  const today = new Date().toISOString().slice(0, 10);

  const textField = (key: TextKey, label: string, control: (props: ControlProps) => ReactNode, hint?: ReactNode) => (
    <Field key={key} id={`cf-${key}`} label={label} hint={hint} errors={fieldErrors[key]}>
      {control({
        id: `cf-${key}`,
        value: form[key],
        invalid: !!fieldErrors[key],
        onChange: (v) => set(key, v),
        describedBy: fieldErrors[key] ? `cf-${key}-error` : undefined,
      })}
    </Field>
  );

  const builtIn = (field: BuiltInField) => {
    const key = field.key as EditableKey;
    if (key === "emailOptIn") {
      return (
        <div key={key} className="flex items-start gap-3 sm:col-span-2">
          <input
            id="cf-emailOptIn"
            type="checkbox"
            className="mt-0.5 size-4 accent-brand-600"
            checked={form.emailOptIn}
            onChange={(e) => set("emailOptIn", e.target.checked)}
          />
          <label htmlFor="cf-emailOptIn" className="text-sm">
            <span className="font-medium text-slate-700">Opted in to marketing e-mail</span>
            <span className="block text-xs text-slate-500">Only customers who agreed to receive e-mail should be ticked.</span>
          </label>
        </div>
      );
    }
    switch (field.kind) {
      case "date":
        return textField(key, field.label, (p) => <TextControl {...p} type="date" max={today} min="1900-01-01" />);
      case "money":
        return textField(key, field.label, (p) => <TextControl {...p} inputMode="decimal" placeholder="85000" />, "Per year, in USD");
      case "integer":
        return textField(key, field.label, (p) => <TextControl {...p} inputMode="numeric" placeholder="250" />, "Number of employees");
      case "country":
        return textField(key, field.label, (p) => (
          <Select id={p.id} value={p.value} invalid={p.invalid} aria-describedby={p.describedBy} onChange={(e) => p.onChange(e.target.value)}>
            <option value="">—</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} ({c.code})
              </option>
            ))}
          </Select>
        ));
      case "tags":
        return textField(
          key,
          field.label,
          (p) => <TextControl {...p} placeholder="hiking, travel" />,
          `Separate with commas (up to ${TAGS_MAX})`,
        );
      default: {
        const list = key in suggestions ? suggestions[key as SuggestionField] : [];
        return textField(key, field.label, (p) => <TextControl {...p} list={list.length ? `cf-${key}-options` : undefined} />, undefined);
      }
    }
  };

  const traitField = (t: FormTrait) => {
    const id = `cf-trait-${t.key}`;
    const errors = fieldErrors[`traits.${t.key}`];
    const value = form.traits[t.key] ?? "";
    const common = { id, value, invalid: !!errors, describedBy: errors ? `${id}-error` : undefined, onChange: (v: string) => setTrait(t.key, v) };
    const hint = t.type === "TAGS" ? "Separate with commas" : t.type === "NUMBER" ? "A number" : undefined;
    return (
      <Field
        key={t.key}
        id={id}
        label={
          <span className="inline-flex items-center gap-2">
            {t.label}
            <span aria-hidden className="rounded bg-slate-100 px-1.5 py-px text-[10px] font-medium uppercase tracking-wide text-slate-500">
              custom
            </span>
          </span>
        }
        hint={hint}
        errors={errors}
      >
        {t.type === "BOOLEAN" ? (
          <Select id={id} value={value} invalid={!!errors} aria-describedby={common.describedBy} onChange={(e) => setTrait(t.key, e.target.value)}>
            <option value="">—</option>
            <option value="true">Yes</option>
            <option value="false">No</option>
          </Select>
        ) : t.type === "DATE" ? (
          <TextControl {...common} type="date" />
        ) : t.type === "NUMBER" ? (
          <TextControl {...common} inputMode="decimal" />
        ) : (
          <TextControl {...common} />
        )}
      </Field>
    );
  };

  const groups = groupByFamily(traits, { includeReadOnly: false });

  return (
    <form
      ref={formRef}
      noValidate
      className="space-y-6"
      aria-label={mode === "create" ? "New customer" : "Edit customer"}
      onSubmit={(e) => {
        e.preventDefault();
        void execute(mode === "edit" ? { ...form, id: customerId } : form);
      }}
    >
      {error && Object.keys(fieldErrors).length === 0 && <FormError message={error} />}
      {Object.keys(fieldErrors).length > 0 && (
        <FormError message={`Please correct the ${Object.keys(fieldErrors).length === 1 ? "highlighted field" : "highlighted fields"} below.`} />
      )}
      {fieldErrors.traits && <FormError message={fieldErrors.traits.join(" ")} />}

      <Card>
        <CardHeader title="Identity" description="How you and your other systems recognise this customer." />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          {textField("firstName", "First name", (p) => <TextControl {...p} autoComplete="off" />)}
          {textField("lastName", "Last name", (p) => <TextControl {...p} autoComplete="off" />)}
          {textField("email", "E-mail", (p) => <TextControl {...p} type="email" autoComplete="off" placeholder="name@company.com" />)}
          {textField(
            "externalId",
            "External id",
            (p) => <TextControl {...p} autoComplete="off" placeholder={mode === "create" ? "Generated if left blank" : undefined} />,
            mode === "create" ? "Your id for this customer in other systems; unique in the workspace." : "Unique in the workspace.",
          )}
        </CardBody>
      </Card>

      {groups.map((group) => (
        <Card key={group.family}>
          <CardHeader
            title={FAMILY_LABELS[group.family]}
            description={FAMILY_DESCRIPTIONS[group.family]}
            action={group.traits.length > 0 ? <Badge>{group.traits.length} custom</Badge> : undefined}
          />
          <CardBody className="grid gap-4 sm:grid-cols-2">
            {group.builtIn.map(builtIn)}
            {group.traits.map(traitField)}
          </CardBody>
        </Card>
      ))}

      {(Object.keys(suggestions) as SuggestionField[]).map((key) => (
        <datalist key={key} id={`cf-${key}-options`}>
          {suggestions[key].map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
      ))}

      <div className="sticky bottom-0 -mx-1 flex items-center justify-end gap-2 rounded-xl bg-slate-50/90 px-1 py-3 backdrop-blur">
        <Link href={cancelHref} className={buttonClasses("secondary", "md")}>
          Cancel
        </Link>
        <Button type="submit" pending={pending}>
          {mode === "create" ? "Add customer" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}

type ControlProps = {
  id: string;
  value: string;
  invalid: boolean;
  describedBy?: string;
  onChange: (value: string) => void;
};

function TextControl({
  id,
  value,
  invalid,
  describedBy,
  onChange,
  ...rest
}: ControlProps & Omit<React.InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "id">) {
  return <Input id={id} value={value} invalid={invalid} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)} {...rest} />;
}
