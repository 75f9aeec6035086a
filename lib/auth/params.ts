import "server-only";
import { notFound } from "next/navigation";
import { requireWorkspace } from "@/lib/auth/workspace";
import { findCustomer } from "@/lib/dal/customers";

/**
 * The one place where two ids from a URL are checked to belong together. A customer id that is
 * malformed, unknown, or another workspace's gives the same 404 as an unknown workspace.
 */
const INT32_MAX = 2_147_483_647;

export function parseCustomerId(raw: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= INT32_MAX ? id : null;
}

export async function requireWorkspaceCustomer(params: { workspaceSlug: string; customerId: string }) {
  const ws = await requireWorkspace(params.workspaceSlug);
  const id = parseCustomerId(params.customerId);
  if (id === null) notFound();
  const customer = await findCustomer(ws.workspace.id, id);
  if (!customer) notFound();
  return { ...ws, customer };
}
