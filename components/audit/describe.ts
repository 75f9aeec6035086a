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
    case "workspace.lifecycle_updated": {
      const to = (m.to ?? {}) as Record<string, unknown>;
      return `set the lifecycle thresholds to new ${str(to.newDays)} / active ${str(to.activeDays)} / churned after ${str(to.churnDays)} days`;
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
    case "member.reset_link_created":
      return `made a password reset link for ${str(m.email)}`;
    case "customer.created":
      return `added the customer “${str(m.name)}”`;
    case "customer.updated": {
      const fields = Array.isArray(m.fields) ? m.fields.length : 0;
      return `edited the customer “${str(m.name)}”${fields ? ` (${fields} ${fields === 1 ? "field" : "fields"})` : ""}`;
    }
    case "customer.deleted":
      return `deleted the customer “${str(m.name)}”`;
    case "customer.bulk_deleted": {
      const n = Number(m.count ?? 0);
      return `deleted ${n} ${n === 1 ? "customer" : "customers"}`;
    }
    case "customers.exported": {
      const n = Number(m.count ?? 0);
      return `exported ${n} ${n === 1 ? "customer" : "customers"} as ${str(m.format).toUpperCase()}`;
    }
    case "customers.imported":
    case "orders.imported":
    case "events.imported": {
      const what = row.action.split(".")[0]!;
      const n = (v: unknown) => Number(v ?? 0).toLocaleString("en-US");
      const status = str(m.status);
      const verb = status === "COMPLETED" ? "imported" : status === "CANCELLED" ? "cancelled an import of" : "could not finish importing";
      return `${verb} ${what} from “${str(m.fileName)}”: ${n(m.inserted)} new, ${n(m.updated)} updated, ${n(m.unchanged)} unchanged, ${n(m.failed)} rows with problems`;
    }
    case "import.deleted":
      return `deleted the import of “${str(m.fileName)}”`;
    case "trait.created":
      return `added the custom trait “${str(m.label)}” (${str(m.key)})`;
    case "trait.updated": {
      const to = (m.to ?? {}) as Record<string, unknown>;
      return `updated the custom trait ${str(m.key)} (“${str(to.label)}”, ${role(to.family)})`;
    }
    case "trait.type_changed":
      return `changed the type of the custom trait “${str(m.label)}” from ${role(m.from)} to ${role(m.to)}`;
    case "trait.deleted": {
      const n = Number(m.customers ?? 0);
      return `deleted the custom trait “${str(m.label)}”${n ? `, clearing it from ${n} ${n === 1 ? "customer" : "customers"}` : ""}`;
    }
    case "segment.created":
      return m.kind === "STATIC" ? `created the static segment “${str(m.name)}”` : `created the segment “${str(m.name)}”`;
    case "segment.updated":
      return `saved the segment “${str(m.name)}” (version ${str(m.version)})`;
    case "segment.duplicated":
      return `duplicated a segment as “${str(m.name)}”`;
    case "segment.archived":
      return `archived the segment “${str(m.name)}”`;
    case "segment.restored":
      return `restored the segment “${str(m.name)}”`;
    case "segment.deleted":
      return `deleted the segment “${str(m.name)}”`;
    case "segment.members_added": {
      const n = Number(m.count ?? 0);
      const already = Number(m.selected ?? n) - n;
      return `added ${n} ${n === 1 ? "customer" : "customers"} to the static segment “${str(m.name)}”${
        already > 0 ? ` (${already} ${already === 1 ? "was" : "were"} already in it)` : ""
      }`;
    }
    case "segment.members_removed": {
      const n = Number(m.count ?? 0);
      return `removed ${n} ${n === 1 ? "customer" : "customers"} from the static segment “${str(m.name)}”`;
    }
    case "persona.created":
      return m.negative ? `created the negative persona “${str(m.name)}”` : `created the persona “${str(m.name)}”`;
    case "persona.drafted":
      return `drafted the ${m.negative ? "negative persona" : "persona"} “${str(m.name)}” from the segment “${str(m.segment)}” (${str(m.members)} members)`;
    case "persona.imported":
      return `imported the ${m.negative ? "negative persona" : "persona"} “${str(m.name)}” from ${str(m.file)}`;
    case "persona.updated":
      return `edited the persona “${str(m.name)}” (version ${str(m.version)})`;
    case "persona.reviewed":
      return `marked the persona “${str(m.name)}” reviewed (${str(m.matching)} matching customers)`;
    case "persona.photo_changed":
      return `changed the photo of the persona “${str(m.name)}”`;
    case "persona.photo_removed":
      return `removed the photo of the persona “${str(m.name)}”`;
    case "persona.restored":
      return `restored version ${str(m.restoredFrom)} of the persona “${str(m.name)}” (now version ${str(m.version)})`;
    case "persona.commented":
      return `commented on the persona “${str(m.name)}”`;
    case "persona.comment_deleted":
      return "deleted someone else's comment on a persona";
    case "persona.copied":
      return `copied the persona “${str(m.name)}” to ${str(m.to)}${m.rulesCopied === false ? " (without its rules)" : ""}`;
    case "persona.copied_in":
      return `copied the persona “${str(m.name)}” in from ${str(m.from)}${m.rulesCopied === false ? " (without its rules)" : ""}`;
    case "persona.deleted":
      return `deleted the persona “${str(m.name)}”`;
    case "persona.share_link_created":
      return `created a read-only share link to the persona “${str(m.name)}” (${m.expiresAt ? `expires ${str(m.expiresAt).slice(0, 10)}` : "does not expire"})`;
    case "persona.share_link_revoked":
      return `revoked a share link to the persona “${str(m.name)}”`;
    case "strategy.created":
      return `created the ${str(m.type).toLowerCase()} strategy “${str(m.name)}”`;
    case "strategy.updated":
      return `saved the strategy “${str(m.name)}” (version ${str(m.version)})`;
    case "strategy.activated": {
      const held = m.heldOut === undefined ? "" : `, holding out ${Number(m.heldOut).toLocaleString("en-US")} ${Number(m.heldOut) === 1 ? "customer" : "customers"}`;
      return `activated the strategy “${str(m.name)}” (version ${str(m.version)}${held})`;
    }
    case "strategy.deleted":
      return `deleted the strategy “${str(m.name)}”`;
    case "strategy.rated":
      return `rated the segment “${str(m.segment)}” ${str(m.score)}/5 for the strategy “${str(m.name)}”`;
    default:
      return row.action.replace(/[._]/g, " ");
  }
}
