"use client";

import { useState } from "react";
import { changePassword } from "@/lib/actions/account";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

export function ChangePasswordForm({ passwordMin }: { passwordMin: number }) {
  const [form, setForm] = useState({ currentPassword: "", password: "" });
  const { execute, pending, fieldErrors, error } = useAction(changePassword);
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value });

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void execute(form);
      }}
    >
      <FormError message={error && Object.keys(fieldErrors).length === 0 ? error : null} />
      <Field id="current-password" label="Current password" errors={fieldErrors.currentPassword}>
        <Input
          id="current-password"
          type="password"
          autoComplete="current-password"
          value={form.currentPassword}
          onChange={set("currentPassword")}
          invalid={!!fieldErrors.currentPassword}
        />
      </Field>
      <Field
        id="new-password"
        label="New password"
        hint={`At least ${passwordMin} characters. You will be signed out everywhere and sign in again with it.`}
        errors={fieldErrors.password}
      >
        <Input id="new-password" type="password" autoComplete="new-password" value={form.password} onChange={set("password")} invalid={!!fieldErrors.password} />
      </Field>
      <Button type="submit" pending={pending}>
        Change password
      </Button>
    </form>
  );
}
