"use client";

import { acceptInvitation } from "@/lib/actions/members";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";

export function AcceptInvitation({ token, email, signedInAs }: { token: string; email: string; signedInAs: string }) {
  const { execute, pending, error } = useAction(acceptInvitation);
  const mismatch = email.toLowerCase() !== signedInAs.toLowerCase();
  return (
    <div className="space-y-3">
      {mismatch && (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800 ring-1 ring-inset ring-amber-200">
          You are signed in as {signedInAs}, but this invitation is for {email}. Sign out and sign in with that address.
        </p>
      )}
      <FormError message={error} />
      <Button className="w-full" pending={pending} disabled={mismatch} onClick={() => void execute({ token })}>
        Accept invitation
      </Button>
    </div>
  );
}
