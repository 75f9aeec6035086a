import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/dal/audit";
import {
  findTraitDefinition,
  lockTraitDefinitions,
  removeTraitKey,
  traitValues,
  writeTraitValues,
} from "@/lib/dal/traits";
import { authorize, isUniqueViolation, type ServiceContext } from "@/lib/domain/context";
import { DomainError, notFound } from "@/lib/errors";
import { TRAIT_TYPE_LABELS } from "@/lib/customers/fields";
import { planTypeChange } from "@/lib/customers/traits";
import type { changeTraitTypeSchema, createTraitSchema, traitIdSchema, updateTraitSchema } from "@/lib/validations/customer";

/** Large workspaces take a while to convert every value; the change is one transaction. */
const TX_OPTIONS = { maxWait: 10_000, timeout: 120_000 } as const;


const keyTaken = (key: string) => {
  const message = `A trait with the key “${key}” already exists.`;
  return new DomainError("CONFLICT", message, { key: [message] });
};

const customers = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "customer" : "customers"}`;

export async function createTrait(ctx: ServiceContext, input: z.infer<typeof createTraitSchema>) {
  authorize(ctx, "data.write");
  const { workspaceId } = ctx;
  try {
    const created = await db.$transaction(async (tx) => {
      const existing = await tx.customerTraitDefinition.findUnique({
        where: { workspaceId_key: { workspaceId, key: input.key } },
        select: { id: true },
      });
      if (existing) throw keyTaken(input.key);
      const definition = await tx.customerTraitDefinition.create({ data: { workspaceId, ...input } });
      await recordAudit(
        workspaceId,
        ctx.actor,
        { action: "trait.created", targetType: "trait", targetId: definition.id, metadata: { ...input } },
        tx,
      );
      return definition;
    });
    return { id: created.id, key: created.key };
  } catch (error) {
    if (isUniqueViolation(error)) throw keyTaken(input.key);
    throw error;
  }
}

export async function updateTrait(ctx: ServiceContext, { id, label, family }: z.infer<typeof updateTraitSchema>) {
  authorize(ctx, "data.write");
  const { workspaceId } = ctx;
  await db.$transaction(async (tx) => {
    const before = await findTraitDefinition(workspaceId, id, tx);
    if (!before) throw notFound("That trait");
    if (before.label === label && before.family === family) return;
    await tx.customerTraitDefinition.update({ where: { workspaceId_id: { workspaceId, id } }, data: { label, family } });
    await recordAudit(
      workspaceId,
      ctx.actor,
      {
        action: "trait.updated",
        targetType: "trait",
        targetId: id,
        metadata: { key: before.key, from: { label: before.label, family: before.family }, to: { label, family } },
      },
      tx,
    );
  });
  return { id };
}

/**
 * Changes a trait's type, converting every stored value in the same transaction. Refused — with
 * nothing written — when any value does not convert; the message says how many customers block it.
 */
export async function changeTraitType(ctx: ServiceContext, { id, type }: z.infer<typeof changeTraitTypeSchema>) {
  authorize(ctx, "data.write");
  const { workspaceId } = ctx;
  const result = await db.$transaction(async (tx) => {
    await lockTraitDefinitions(tx, workspaceId, "update");
    const before = await findTraitDefinition(workspaceId, id, tx);
    if (!before) throw notFound("That trait");
    if (before.type === type) return { converted: 0 };
    const values = await traitValues(tx, workspaceId, before.key);
    const plan = planTypeChange(values, type);
    if (plan.blocked > 0) {
      const examples = plan.examples.map((e) => `“${e}”`).join(", ");
      const message =
        `${customers(plan.blocked)} ${plan.blocked === 1 ? "has a value" : "have values"} that cannot be read as ` +
        `${TRAIT_TYPE_LABELS[type]} (for example ${examples}). Change or clear ${plan.blocked === 1 ? "it" : "them"} first.`;
      throw new DomainError("CONFLICT", message, { type: [message] });
    }
    await writeTraitValues(tx, workspaceId, before.key, plan.updates);
    await tx.customerTraitDefinition.update({ where: { workspaceId_id: { workspaceId, id } }, data: { type } });
    await recordAudit(
      workspaceId,
      ctx.actor,
      {
        action: "trait.type_changed",
        targetType: "trait",
        targetId: id,
        metadata: { key: before.key, label: before.label, from: before.type, to: type, values: values.length, converted: plan.updates.length },
      },
      tx,
    );
    return { converted: plan.updates.length };
  }, TX_OPTIONS);
  return result;
}

/** Deletes the definition and removes its key from every customer's traits, in one transaction. */
export async function deleteTrait(ctx: ServiceContext, { id }: z.infer<typeof traitIdSchema>) {
  authorize(ctx, "data.write");
  const { workspaceId } = ctx;
  const result = await db.$transaction(async (tx) => {
    await lockTraitDefinitions(tx, workspaceId, "update");
    const before = await findTraitDefinition(workspaceId, id, tx);
    if (!before) throw notFound("That trait");
    const cleared = await removeTraitKey(tx, workspaceId, before.key);
    await tx.customerTraitDefinition.delete({ where: { workspaceId_id: { workspaceId, id } } });
    await recordAudit(
      workspaceId,
      ctx.actor,
      {
        action: "trait.deleted",
        targetType: "trait",
        targetId: id,
        metadata: { key: before.key, label: before.label, customers: cleared },
      },
      tx,
    );
    return { key: before.key, cleared };
  }, TX_OPTIONS);
  return result;
}
