"use client";

import Link from "next/link";
import { useState } from "react";
import { signInAction } from "@/lib/actions/auth";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

export function SignInForm({ callbackUrl, defaultEmail }: { callbackUrl: string; defaultEmail: string }) {
  const [email, setEmail] = useState(defaultEmail);
  const [password, setPassword] = useState("");
  const { execute, pending, fieldErrors, error } = useAction(signInAction);

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void execute({ email, password, callbackUrl });
      }}
    >
      <FormError message={error && !fieldErrors.password && !fieldErrors.email ? error : null} />
      <Field id="email" label="E-mail" errors={fieldErrors.email}>
        <Input id="email" name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} invalid={!!fieldErrors.email} />
      </Field>
      <Field id="password" label="Password" errors={fieldErrors.password}>
        <Input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} invalid={!!fieldErrors.password} />
      </Field>
      <p className="-mt-2 text-right text-sm">
        <Link href={`/forgot-password${email ? `?email=${encodeURIComponent(email)}` : ""}`} className="font-medium text-brand-600 hover:underline">
          Forgot password?
        </Link>
      </p>
      <Button type="submit" className="w-full" pending={pending}>
        Sign in
      </Button>
    </form>
  );
}
