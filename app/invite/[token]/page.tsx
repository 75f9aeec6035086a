import type { Metadata } from "next";
import Link from "next/link";
import { MailX } from "lucide-react";
import { getCurrentUser } from "@/lib/auth/session";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/auth/permissions";
import { findInvitationByToken } from "@/lib/dal/invitations";
import { INVITATION_MESSAGES, invitationState } from "@/lib/invitations";
import { SimpleShell } from "@/components/workspaces/simple-shell";
import { Card, CardBody } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { AcceptInvitation } from "./accept-invitation";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await getCurrentUser();
  const invitation = await findInvitationByToken(token);
  const state = invitation ? invitationState(invitation) : "invalid";
  const here = `/invite/${token}`;

  return (
    <SimpleShell email={user?.email}>
      <div className="mx-auto max-w-md">
        <Card>
          <CardBody className="p-8">
            {!invitation || state !== "valid" ? (
              <div className="text-center">
                <div className="mx-auto mb-4 flex size-12 items-center justify-center rounded-full bg-red-50 text-red-600">
                  <MailX className="size-6" aria-hidden />
                </div>
                <h1 className="text-lg font-semibold">This invitation cannot be used</h1>
                <p className="mt-2 text-sm text-slate-600" role="alert">
                  {INVITATION_MESSAGES[state === "valid" ? "invalid" : state]}
                </p>
                <Link href="/workspaces" className={buttonClasses("secondary", "md", "mt-6")}>
                  Go to your workspaces
                </Link>
              </div>
            ) : (
              <div>
                <p className="text-sm text-slate-500">
                  {invitation.inviter?.name ?? invitation.inviter?.email ?? "A teammate"} invited you to join
                </p>
                <h1 className="mt-1 text-2xl font-semibold tracking-tight">{invitation.workspace.name}</h1>
                <p className="mt-3 text-sm text-slate-600">
                  as <strong>{ROLE_LABELS[invitation.role]}</strong>: {ROLE_DESCRIPTIONS[invitation.role].toLowerCase()}.
                </p>
                <div className="mt-6">
                  {!user ? (
                    <div className="space-y-3">
                      <p className="text-sm text-slate-600">
                        The invitation is for <strong>{invitation.email}</strong>. Create an account or sign in with that address to accept it.
                      </p>
                      <Link
                        href={`/sign-up?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`}
                        className={buttonClasses("primary", "md", "w-full")}
                      >
                        Create an account
                      </Link>
                      <Link
                        href={`/sign-in?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(invitation.email)}`}
                        className={buttonClasses("secondary", "md", "w-full")}
                      >
                        I already have an account
                      </Link>
                    </div>
                  ) : (
                    <AcceptInvitation token={token} email={invitation.email} signedInAs={user.email} />
                  )}
                </div>
              </div>
            )}
          </CardBody>
        </Card>
      </div>
    </SimpleShell>
  );
}
