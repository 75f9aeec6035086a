/**
 * The getting-started checklist a new workspace's overview shows. Each step ticks itself off from
 * what the workspace holds; nothing is stored. Steps a role cannot take say who can.
 */
import type { Permission } from "@/lib/auth/permissions";

export type WorkspaceFacts = {
  customers: number;
  orders: number;
  segments: number;
  personas: number;
  strategies: number;
  members: number;
  pendingInvitations: number;
};

export type ChecklistStep = {
  key: "customers" | "orders" | "segment" | "persona" | "strategy" | "team";
  title: string;
  description: string;
  done: boolean;
  /** Path below the workspace, e.g. `customers/import`. */
  href: string;
  action: string;
  /** Set when the viewer's role cannot take this step. */
  blockedNote?: string;
};

const WHO: Partial<Record<Permission, string>> = {
  "data.write": "an editor, admin or owner",
  "segments.write": "an editor, admin or owner",
  "personas.write": "an editor, admin or owner",
  "strategies.write": "an editor, admin or owner",
  "members.manage": "an admin or owner",
};

export function gettingStartedSteps(facts: WorkspaceFacts, can: (permission: Permission) => boolean): ChecklistStep[] {
  const step = (s: Omit<ChecklistStep, "blockedNote">, permission: Permission): ChecklistStep =>
    s.done || can(permission) ? s : { ...s, blockedNote: `Ask ${WHO[permission] ?? "an admin"} to do this.` };
  return [
    step(
      {
        key: "customers",
        title: "Import your customers",
        description: "Upload a CSV of people and their attributes; columns are matched for you.",
        done: facts.customers > 0,
        href: "customers/import",
        action: "Start an import",
      },
      "data.write",
    ),
    step(
      {
        key: "orders",
        title: "Add their orders",
        description: "Orders power RFM scores, lifetime value, lifecycle stages and purchase rules.",
        done: facts.orders > 0,
        href: "customers/import",
        action: "Import orders",
      },
      "data.write",
    ),
    step(
      {
        key: "segment",
        title: "Build your first segment",
        description: "Combine traits, purchases, RFM and lifecycle rules, and watch the count as you go.",
        done: facts.segments > 0,
        href: "segments/new",
        action: "New segment",
      },
      "segments.write",
    ),
    step(
      {
        key: "persona",
        title: "Create a persona",
        description: "A card for who you serve — or deliberately don't — with live evidence from the customers behind it.",
        done: facts.personas > 0,
        href: "personas",
        action: "Open personas",
      },
      "personas.write",
    ),
    step(
      {
        key: "strategy",
        title: "Choose a targeting strategy",
        description: "Score your segments, pick whom to target with which offer, leave out the negative personas, and see the deduplicated reach.",
        done: facts.strategies > 0,
        href: "strategies",
        action: "Open strategies",
      },
      "strategies.write",
    ),
    step(
      {
        key: "team",
        title: "Invite your team",
        description: "Segments and customers are shared with everyone in the workspace, by role.",
        done: facts.members > 1 || facts.pendingInvitations > 0,
        href: "settings",
        action: "Invite people",
      },
      "members.manage",
    ),
  ];
}
