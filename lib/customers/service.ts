import "server-only";
import { randomBytes } from "node:crypto";
import { db, Prisma } from "@/lib/db";
import { recordAudit } from "@/lib/dal/audit";
import {
  deleteCustomers,
  findCustomer,
  insertCustomer,
  isExternalIdTaken,
  updateCustomerColumns,
  type Customer,
  type CustomerColumns,
} from "@/lib/dal/customers";
import { lockTraitDefinitions } from "@/lib/dal/traits";
import { authorize, isUniqueViolation, type ServiceContext } from "@/lib/domain/context";
import { DomainError, notFound } from "@/lib/errors";
import { BUILT_IN_FIELDS, displayName } from "@/lib/customers/fields";
import { applyTraitInputs, traitsObject } from "@/lib/customers/traits";
import type { CustomerInput } from "@/lib/validations/customer";

/**
 * Customers: create, update, delete one, delete many. Each operation checks the permission, runs in
 * one transaction and writes its audit entry inside it.
 */
const externalIdTaken = (externalId: string) => {
  const message = `Another customer in this workspace already has the external id “${externalId}”.`;
  return new DomainError("CONFLICT", message, { externalId: [message] });
};

/** C-7K2M9QXD4R: unambiguous letters and digits. */
function newExternalId(): string {
  const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  const bytes = randomBytes(10);
  let out = "C-";
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

async function chooseExternalId(tx: Prisma.TransactionClient, workspaceId: string, requested: string, exceptId?: number) {
  if (requested) {
    if (await isExternalIdTaken(tx, workspaceId, requested, exceptId)) throw externalIdTaken(requested);
    return requested;
  }
  for (let i = 0; i < 5; i++) {
    const candidate = newExternalId();
    if (!(await isExternalIdTaken(tx, workspaceId, candidate))) return candidate;
  }
  throw new DomainError("CONFLICT", "Could not generate an external id. Please enter one.", {
    externalId: ["Please enter an external id."],
  });
}

function columnsOf(input: CustomerInput, externalId: string, traits: Record<string, unknown>): CustomerColumns {
  return {
    externalId,
    email: input.email,
    firstName: input.firstName,
    lastName: input.lastName,
    gender: input.gender,
    birthDate: input.birthDate,
    annualIncome: input.annualIncome,
    occupation: input.occupation,
    country: input.country,
    region: input.region,
    city: input.city,
    industry: input.industry,
    companySize: input.companySize,
    lifecycleStage: input.lifecycleStage,
    acquisitionChannel: input.acquisitionChannel,
    emailOptIn: input.emailOptIn,
    interests: input.interests,
    needs: input.needs,
    technologies: input.technologies,
    traits: traits as Prisma.InputJsonObject,
  };
}

async function traitsFor(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  inputs: CustomerInput["traits"],
  existing: Record<string, unknown>,
) {
  const definitions = await lockTraitDefinitions(tx, workspaceId, "share");
  const { traits, errors } = applyTraitInputs(definitions, inputs, existing);
  if (Object.keys(errors).length) throw new DomainError("VALIDATION", "Please correct the highlighted fields.", errors);
  return traits;
}

/** Comparable form of a column value, for the audit log's list of changed fields. */
function comparable(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Prisma.Decimal) return value.toString();
  if (typeof value === "string" && /^\d+(\.\d+)?$/.test(value)) return new Prisma.Decimal(value).toString();
  return JSON.stringify(value);
}

function changedFields(before: Customer, after: CustomerColumns): string[] {
  const changed: string[] = [];
  for (const field of BUILT_IN_FIELDS) {
    if (field.readOnly) continue;
    const key = field.key as keyof CustomerColumns & keyof Customer;
    if (comparable(before[key]) !== comparable(after[key])) changed.push(field.key);
  }
  const was = traitsObject(before.traits);
  const now = traitsObject(after.traits);
  for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) {
    if (JSON.stringify(was[key]) !== JSON.stringify(now[key])) changed.push(`traits.${key}`);
  }
  return changed;
}


export async function createCustomer(ctx: ServiceContext, input: CustomerInput) {
  authorize(ctx, "data.write");
  const { workspaceId } = ctx;
  try {
    const customer = await db.$transaction(async (tx) => {
      const traits = await traitsFor(tx, workspaceId, input.traits, {});
      const externalId = await chooseExternalId(tx, workspaceId, input.externalId);
      const created = await insertCustomer(tx, workspaceId, columnsOf(input, externalId, traits));
      await recordAudit(
        workspaceId,
        ctx.actor,
        {
          action: "customer.created",
          targetType: "customer",
          targetId: String(created.id),
          metadata: { externalId, name: displayName(created) },
        },
        tx,
      );
      return created;
    });
    return { id: customer.id, name: displayName(customer) };
  } catch (error) {
    if (isUniqueViolation(error)) throw externalIdTaken(input.externalId);
    throw error;
  }
}

export async function updateCustomer(ctx: ServiceContext, id: number, input: CustomerInput) {
  authorize(ctx, "data.write");
  const { workspaceId } = ctx;
  try {
    const customer = await db.$transaction(async (tx) => {
      const before = await findCustomer(workspaceId, id, tx);
      if (!before) throw notFound("That customer");
      const traits = await traitsFor(tx, workspaceId, input.traits, traitsObject(before.traits));
      const externalId = await chooseExternalId(tx, workspaceId, input.externalId || before.externalId, id);
      const columns = columnsOf(input, externalId, traits);
      const changed = changedFields(before, columns);
      const updated = await updateCustomerColumns(tx, workspaceId, id, columns);
      if (changed.length) {
        await recordAudit(
          workspaceId,
          ctx.actor,
          {
            action: "customer.updated",
            targetType: "customer",
            targetId: String(id),
            metadata: { externalId, name: displayName(updated), fields: changed },
          },
          tx,
        );
      }
      return updated;
    });
    return { id: customer.id, name: displayName(customer) };
  } catch (error) {
    if (isUniqueViolation(error)) throw externalIdTaken(input.externalId);
    throw error;
  }
}

export async function deleteCustomer(ctx: ServiceContext, id: number) {
  authorize(ctx, "data.write");
  const { workspaceId } = ctx;
  const deleted = await db.$transaction(async (tx) => {
    const [customer] = await deleteCustomers(tx, workspaceId, [id]);
    if (!customer) throw notFound("That customer");
    await recordAudit(
      workspaceId,
      ctx.actor,
      {
        action: "customer.deleted",
        targetType: "customer",
        targetId: String(id),
        metadata: { externalId: customer.externalId, name: displayName(customer) },
      },
      tx,
    );
    return customer;
  });
  return { deleted: 1, name: displayName(deleted) };
}

export async function bulkDeleteCustomers(ctx: ServiceContext, ids: number[]) {
  authorize(ctx, "data.write");
  const { workspaceId } = ctx;
  const unique = [...new Set(ids)];
  const deleted = await db.$transaction(async (tx) => {
    const rows = await deleteCustomers(tx, workspaceId, unique);
    if (rows.length === 0) throw notFound("The selected customers");
    await recordAudit(
      workspaceId,
      ctx.actor,
      {
        action: "customer.bulk_deleted",
        targetType: "customer",
        metadata: { count: rows.length, externalIds: rows.slice(0, 20).map((r) => r.externalId) },
      },
      tx,
    );
    return rows.length;
  });
  return { deleted };
}
