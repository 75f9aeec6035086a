import type { Metadata } from "next";
import { requireWorkspace } from "@/lib/auth/workspace";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, canAssignRole } from "@/lib/auth/permissions";
import { listAudit } from "@/lib/dal/audit";
import { getLifecycleThresholds, listMembers, listPendingInvitations } from "@/lib/dal/workspaces";
import { DEFAULT_LIFECYCLE_THRESHOLDS } from "@/lib/analytics/lifecycle";
import { auditQuerySchema } from "@/lib/validations/workspace";
import { changeMemberRole, inviteMember, removeMember, revokeInvitation } from "@/lib/actions/members";
import { deleteWorkspace, leaveWorkspace, updateLifecycleThresholds, updateWorkspace } from "@/lib/actions/workspaces";
import { Card, CardBody, CardHeader, PageHeader } from "@/components/ui/card";
import { describeAudit } from "@/components/audit/describe";
import { GeneralForm } from "./general-form";
import { LifecycleForm } from "./lifecycle-form";
import { createMemberResetLinkAction } from "@/lib/actions/password-reset";
import { MembersTable } from "./members-table";
import { InviteForm } from "./invite-form";
import { InvitationsList } from "./invitations-list";
import { AuditTable } from "./audit-table";
import { DangerZone } from "./danger-zone";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspaceSlug } = await params;
  const { user, workspace, role, can } = await requireWorkspace(workspaceSlug);
  const query = auditQuerySchema.parse(await searchParams);
  const canManage = can("members.manage");
  const [members, invitations, audit, lifecycle] = await Promise.all([
    listMembers(workspace.id),
    canManage ? listPendingInvitations(workspace.id) : Promise.resolve([]),
    listAudit(workspace.id, query),
    getLifecycleThresholds(workspace.id),
  ]);
  const assignable = ROLES.filter((r) => canAssignRole(role, r)).map((r) => ({
    value: r,
    label: ROLE_LABELS[r],
    description: ROLE_DESCRIPTIONS[r],
  }));

  return (
    <>
      <PageHeader title="Settings" description="The workspace, its members, and a record of every change." />
      <div className="space-y-6">
        <Card>
          <CardHeader title="General" description="The workspace's name and its address." />
          <CardBody>
            <GeneralForm
              action={updateWorkspace.bind(null, workspace.id)}
              name={workspace.name}
              slug={workspace.slug}
              canEdit={can("workspace.update")}
            />
          </CardBody>
        </Card>

        <div id="lifecycle" className="scroll-mt-6">
          <Card>
            <CardHeader
              title="Lifecycle stages"
              description="When a customer counts as new, reactivated, active, at risk or churned — used by Insights → Lifecycle and by lifecycle rules in segments."
            />
            <CardBody>
              <LifecycleForm
                action={updateLifecycleThresholds.bind(null, workspace.id)}
                current={lifecycle}
                defaults={DEFAULT_LIFECYCLE_THRESHOLDS}
                canEdit={can("workspace.update")}
              />
            </CardBody>
          </Card>
        </div>

        <Card>
          <CardHeader
            title="Members"
            description={`${members.length} ${members.length === 1 ? "person has" : "people have"} access to this workspace.`}
          />
          <MembersTable
            members={members.map((m) => ({
              userId: m.user.id,
              name: m.user.name,
              email: m.user.email,
              role: m.role,
              joinedAt: m.createdAt.toISOString(),
              isSelf: m.user.id === user.id,
              editable: canManage && m.user.id !== user.id && canAssignRole(role, m.role),
            }))}
            assignable={assignable}
            changeRole={changeMemberRole.bind(null, workspace.id)}
            remove={removeMember.bind(null, workspace.id)}
            resetLink={createMemberResetLinkAction.bind(null, workspace.id)}
          />
        </Card>

        {canManage && (
          <Card>
            <CardHeader
              title="Invitations"
              description="Invite teammates by e-mail. Copy the link and send it to them; links expire after 7 days."
            />
            <CardBody className="space-y-6">
              <InviteForm action={inviteMember.bind(null, workspace.id)} roles={assignable} />
              <InvitationsList
                invitations={invitations.map((i) => ({
                  id: i.id,
                  email: i.email,
                  role: i.role,
                  expiresAt: i.expiresAt.toISOString(),
                }))}
                revoke={revokeInvitation.bind(null, workspace.id)}
              />
            </CardBody>
          </Card>
        )}

        <Card>
          <CardHeader title="Audit log" description="Who changed what, and when. Times are in UTC." />
          <AuditTable
            rows={audit.rows.map((r) => ({
              id: r.id,
              actor: r.actorEmail ?? "System",
              action: r.action,
              summary: describeAudit(r),
              createdAt: r.createdAt.toISOString(),
            }))}
            page={query.page}
            pageCount={audit.pageCount}
            total={audit.total}
          />
        </Card>

        <DangerZone
          slug={workspace.slug}
          isOwner={role === "OWNER"}
          leave={leaveWorkspace.bind(null, workspace.id)}
          remove={deleteWorkspace.bind(null, workspace.id)}
        />
      </div>
    </>
  );
}
