"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/actions/safe-action";
import * as customers from "@/lib/customers/service";
import { bulkDeleteSchema, customerIdSchema, customerInputSchema, updateCustomerSchema } from "@/lib/validations/customer";

/** Customers: thin adapters over lib/customers/service.ts. */
const refresh = (slug: string) => revalidatePath(`/w/${slug}`, "layout");

export const createCustomer = workspaceAction("data.write", customerInputSchema, async (input, ctx) => {
  const result = await customers.createCustomer(ctx.service, input);
  refresh(ctx.workspace.slug);
  return result;
});

export const updateCustomer = workspaceAction("data.write", updateCustomerSchema, async ({ id, ...input }, ctx) => {
  const result = await customers.updateCustomer(ctx.service, id, input);
  refresh(ctx.workspace.slug);
  return result;
});

export const deleteCustomer = workspaceAction("data.write", customerIdSchema, async ({ id }, ctx) => {
  const result = await customers.deleteCustomer(ctx.service, id);
  refresh(ctx.workspace.slug);
  return result;
});

export const bulkDeleteCustomers = workspaceAction("data.write", bulkDeleteSchema, async ({ ids }, ctx) => {
  const result = await customers.bulkDeleteCustomers(ctx.service, ids);
  refresh(ctx.workspace.slug);
  return result;
});
