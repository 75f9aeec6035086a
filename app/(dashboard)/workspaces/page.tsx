import type { Metadata } from "next";
import Link from "next/link";
import { Building2, Plus, Users } from "lucide-react";
import { requireUser } from "@/lib/auth/session";
import { listUserWorkspaces } from "@/lib/dal/workspaces";
import { SimpleShell } from "@/components/workspaces/simple-shell";
import { Badge, Card, CardBody, CardHeader } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { CreateWorkspaceForm } from "@/components/workspaces/create-workspace-form";

export const metadata: Metadata = { title: "Workspaces" };

export default async function WorkspacesPage() {
  const user = await requireUser("/workspaces");
  const workspaces = await listUserWorkspaces(user.id);
  return (
    <SimpleShell email={user.email}>
      {workspaces.length === 0 ? (
        <div className="mx-auto max-w-lg">
          <h1 className="text-2xl font-semibold tracking-tight">Welcome{user.name ? `, ${user.name}` : ""}</h1>
          <p className="mt-1 text-sm text-slate-500">
            Create a workspace for your team. You can invite teammates once it exists, or ask a colleague to invite you to theirs.
          </p>
          <Card className="mt-6">
            <CardHeader title="Create your first workspace" />
            <CardBody>
              <CreateWorkspaceForm />
            </CardBody>
          </Card>
        </div>
      ) : (
        <>
          <div className="mb-6 flex items-end justify-between">
            <div>
              <h1 className="text-2xl font-semibold tracking-tight">Your workspaces</h1>
              <p className="mt-1 text-sm text-slate-500">Pick one to open it.</p>
            </div>
            <Link href="/workspaces/new" className={buttonClasses("primary")}>
              <Plus className="size-4" /> New workspace
            </Link>
          </div>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {workspaces.map((w) => (
              <li key={w.id}>
                <Link href={`/w/${w.slug}`} className="block rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 transition hover:ring-brand-300">
                  <div className="flex items-start justify-between">
                    <div className="rounded-lg bg-brand-50 p-2 text-brand-600">
                      <Building2 className="size-5" aria-hidden />
                    </div>
                    <Badge tone="brand">{w.role.toLowerCase()}</Badge>
                  </div>
                  <p className="mt-4 font-semibold text-slate-900">{w.name}</p>
                  <p className="mt-1 flex items-center gap-1 text-sm text-slate-500">
                    <Users className="size-3.5" aria-hidden /> {w.memberCount} {w.memberCount === 1 ? "member" : "members"} · /w/{w.slug}
                  </p>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </SimpleShell>
  );
}
