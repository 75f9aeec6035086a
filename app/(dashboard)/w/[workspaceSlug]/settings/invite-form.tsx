"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Button } from "@/components/ui/button";
import { CopyLinkField } from "@/components/ui/copy-link-field";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

export function InviteForm({
  action,
  roles,
}: {
  action: (input: unknown) => Promise<ActionResult<{ url: string; emailed: boolean }>>;
  roles: { value: string; label: string; description: string }[];
}) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState(roles.find((r) => r.value === "EDITOR")?.value ?? roles[0]?.value ?? "VIEWER");
  const [link, setLink] = useState<{ url: string; email: string; emailed: boolean } | null>(null);
  const { execute, pending, fieldErrors, error } = useAction(action, {
    onSuccess: (data) => {
      setLink({ url: data.url, email, emailed: data.emailed });
      setEmail("");
      toast.success(data.emailed ? `Invitation e-mailed to ${email}` : "Invitation created: copy the link below");
      router.refresh();
    },
  });

  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-start gap-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void execute({ email, role });
        }}
      >
        <div className="min-w-64 flex-1">
          <Field id="invite-email" label="E-mail" errors={fieldErrors.email}>
            <Input id="invite-email" type="email" placeholder="teammate@company.com" value={email} onChange={(e) => setEmail(e.target.value)} invalid={!!fieldErrors.email} />
          </Field>
        </div>
        <div className="w-44">
          <Field id="invite-role" label="Role" errors={fieldErrors.role}>
            <Select id="invite-role" value={role} onChange={(e) => setRole(e.target.value)}>
              {roles.map((r) => (
                <option key={r.value} value={r.value} title={r.description}>
                  {r.label}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div className="pt-7">
          <Button type="submit" pending={pending}>
            Create invite link
          </Button>
        </div>
      </form>
      <FormError message={error && Object.keys(fieldErrors).length === 0 ? error : null} />
      <p className="text-xs text-slate-500">{roles.find((r) => r.value === role)?.description}</p>
      {link && (
        <div className="rounded-lg bg-brand-50 p-4 ring-1 ring-inset ring-brand-200">
          <p className="text-sm font-medium text-brand-900">Invite link for {link.email}</p>
          <div className="mt-2">
            <CopyLinkField url={link.url} label="Invite link" testId="invite-link" />
          </div>
          <p className="mt-2 text-xs text-brand-700">
            {link.emailed ? "We also e-mailed it." : "Send it to them yourself: no e-mail server is configured."} The link works once and expires in 7 days.
          </p>
        </div>
      )}
    </div>
  );
}
