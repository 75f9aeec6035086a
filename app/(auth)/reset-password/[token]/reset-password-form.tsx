"use client";

import { useState } from "react";
import { resetPasswordAction } from "@/lib/actions/password-reset";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

export function ResetPasswordForm({ token, passwordMin }: { token: string; passwordMin: number }) {
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const { execute, pending, fieldErrors, error } = useAction(resetPasswordAction);

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (password !== confirm) {
          setMismatch(true);
          return;
        }
        setMismatch(false);
        void execute({ token, password });
      }}
    >
      <FormError message={error && !fieldErrors.password ? error : null} />
      <Field id="password" label="New password" hint={`At least ${passwordMin} characters; not a common password.`} errors={fieldErrors.password}>
        <Input id="password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} invalid={!!fieldErrors.password} />
      </Field>
      <Field id="confirm" label="Repeat the new password" errors={mismatch ? ["The two passwords differ."] : undefined}>
        <Input id="confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} invalid={mismatch} />
      </Field>
      <Button type="submit" className="w-full" pending={pending}>
        Set new password
      </Button>
    </form>
  );
}
