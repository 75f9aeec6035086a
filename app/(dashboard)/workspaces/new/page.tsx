import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { SimpleShell } from "@/components/workspaces/simple-shell";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CreateWorkspaceForm } from "@/components/workspaces/create-workspace-form";

export const metadata: Metadata = { title: "New workspace" };

export default async function NewWorkspacePage() {
  const user = await requireUser("/workspaces/new");
  return (
    <SimpleShell email={user.email}>
      <div className="mx-auto max-w-lg">
        <Card>
          <CardHeader title="Create a workspace" description="A shared space for a team's customers, segments and personas." />
          <CardBody>
            <CreateWorkspaceForm />
          </CardBody>
        </Card>
      </div>
    </SimpleShell>
  );
}
