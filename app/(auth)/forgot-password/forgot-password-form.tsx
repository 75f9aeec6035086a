"use client";

import { useState } from "react";
import { requestPasswordResetAction } from "@/lib/actions/password-reset";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

export function ForgotPasswordForm({ defaultEmail }: { defaultEmail: string }) {
  const [email, setEmail] = useState(defaultEmail);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { execute, pending, fieldErrors, error } = useAction(requestPasswordResetAction, {
    onSuccess: () => setSentTo(email.trim()),
  });

  if (sentTo) {
    return (
      <p role="status" className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-900 ring-1 ring-inset ring-brand-200">
        If {sentTo} has an account, a reset link is on its way. It works once, for one hour. Nothing arrived? Check the spam
        folder, or ask a workspace admin for a link.
      </p>
    );
  }
  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void execute({ email });
      }}
    >
      <FormError message={error && !fieldErrors.email ? error : null} />
      <Field id="email" label="E-mail" errors={fieldErrors.email}>
        <Input id="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} invalid={!!fieldErrors.email} />
      </Field>
      <Button type="submit" className="w-full" pending={pending}>
        Send reset link
      </Button>
    </form>
  );
}
