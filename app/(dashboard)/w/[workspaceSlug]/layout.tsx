import type { ReactNode } from "react";
import { requireWorkspace } from "@/lib/auth/workspace";
import { listUserWorkspaces } from "@/lib/dal/workspaces";
import { Sidebar } from "@/components/shell/sidebar";

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspaceSlug: string }>;
}) {
  const { workspaceSlug } = await params;
  const { user, workspace, role } = await requireWorkspace(workspaceSlug);
  const workspaces = await listUserWorkspaces(user.id);
  return (
    <div className="min-h-screen">
      <Sidebar
        current={{ slug: workspace.slug, name: workspace.name, role }}
        workspaces={workspaces.map((w) => ({ slug: w.slug, name: w.name, role: w.role }))}
        user={{ name: user.name, email: user.email }}
      />
      <div className="lg:pl-64">
        <main className="mx-auto max-w-7xl px-4 py-8 sm:px-6 lg:px-10">{children}</main>
      </div>
    </div>
  );
}
