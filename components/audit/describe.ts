/** A readable sentence for an audit row. Unknown actions fall back to their code. */
type Row = { action: string; metadata: unknown; targetId: string | null };

function meta(row: Row): Record<string, unknown> {
  return row.metadata && typeof row.metadata === "object" && !Array.isArray(row.metadata)
    ? (row.metadata as Record<string, unknown>)
    : {};
}

const str = (v: unknown) => (typeof v === "string" ? v : v == null ? "" : JSON.stringify(v));
const role = (v: unknown) => str(v).toLowerCase();

export function describeAudit(row: Row): string {
  const m = meta(row);
  switch (row.action) {
    case "workspace.created":
      return `created the workspace “${str(m.name)}”`;
    case "workspace.updated": {
      const to = (m.to ?? {}) as Record<string, unknown>;
      return `renamed the workspace to “${str(to.name)}” (/${str(to.slug)})`;
    }
    case "workspace.seeded":
      return "loaded the demo data";
    case "invitation.created":
      return `invited ${str(m.email)} as ${role(m.role)}`;
    case "invitation.revoked":
      return "revoked an invitation";
    case "invitation.accepted":
      return `joined as ${role(m.role)}`;
    case "member.role_changed":
      return `changed a member's role from ${role(m.from)} to ${role(m.to)}`;
    case "member.removed":
      return `removed ${str(m.email)}`;
    case "member.left":
      return "left the workspace";
    default:
      return row.action.replace(/[._]/g, " ");
  }
}
