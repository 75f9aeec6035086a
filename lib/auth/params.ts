import "server-only";
import { notFound } from "next/navigation";
import { requireWorkspace } from "@/lib/auth/workspace";
import { findCustomer } from "@/lib/dal/customers";
import { findSegmentForPage } from "@/lib/dal/segments";
import { findStrategyForPage } from "@/lib/dal/strategies";

/**
 * The one place where a second id in a URL is checked to belong to the workspace in the same URL. A customer id that is
 * malformed, unknown, or another workspace's gives the same 404 as an unknown workspace.
 */
const INT32_MAX = 2_147_483_647;

export function parseCustomerId(raw: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= INT32_MAX ? id : null;
}

/**
 * The signed-in member's workspace from the URL, and the resource `load` finds for it; a 404 when
 * either is missing. `load` receives the workspace id first, so it can only look inside it.
 */
export async function requireWorkspaceResource<P extends { workspaceSlug: string }, T>(
  params: P,
  load: (workspaceId: string, params: P) => Promise<T | null | undefined>,
) {
  const ws = await requireWorkspace(params.workspaceSlug);
  const resource = await load(ws.workspace.id, params);
  if (resource === null || resource === undefined) notFound();
  return { ...ws, resource };
}

async function loadCustomer(workspaceId: string, params: { customerId: string }) {
  const id = parseCustomerId(params.customerId);
  return id === null ? null : findCustomer(workspaceId, id);
}

export async function requireWorkspaceCustomer(params: { workspaceSlug: string; customerId: string }) {
  const { resource: customer, ...ws } = await requireWorkspaceResource(params, loadCustomer);
  return { ...ws, customer };
}

export async function requireWorkspaceSegment(params: { workspaceSlug: string; segmentId: string }) {
  const { resource: segment, ...ws } = await requireWorkspaceResource(params, (workspaceId, p) => findSegmentForPage(workspaceId, p.segmentId));
  return { ...ws, segment };
}

export async function requireWorkspaceStrategy(params: { workspaceSlug: string; strategyId: string }) {
  const { resource: strategy, ...ws } = await requireWorkspaceResource(params, (workspaceId, p) => findStrategyForPage(workspaceId, p.strategyId));
  return { ...ws, strategy };
}
