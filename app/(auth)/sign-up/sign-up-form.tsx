"use client";

import { useState } from "react";
import { signUpAction } from "@/lib/actions/auth";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

export function SignUpForm({ callbackUrl, defaultEmail, passwordMin }: { callbackUrl: string; defaultEmail: string; passwordMin: number }) {
  const [form, setForm] = useState({ name: "", email: defaultEmail, password: "" });
  const { execute, pending, fieldErrors, error } = useAction(signUpAction);
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value });

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void execute({ ...form, callbackUrl });
      }}
    >
      <FormError message={error && Object.keys(fieldErrors).length === 0 ? error : null} />
      <Field id="name" label="Your name" errors={fieldErrors.name}>
        <Input id="name" autoComplete="name" value={form.name} onChange={set("name")} invalid={!!fieldErrors.name} />
      </Field>
      <Field id="email" label="Work e-mail" errors={fieldErrors.email}>
        <Input id="email" type="email" autoComplete="email" value={form.email} onChange={set("email")} invalid={!!fieldErrors.email} />
      </Field>
      <Field id="password" label="Password" hint={`At least ${passwordMin} characters.`} errors={fieldErrors.password}>
        <Input id="password" type="password" autoComplete="new-password" value={form.password} onChange={set("password")} invalid={!!fieldErrors.password} />
      </Field>
      <Button type="submit" className="w-full" pending={pending}>
        Create account
      </Button>
    </form>
  );
}
