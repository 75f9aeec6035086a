import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { TraitDefinitionRow } from "@/lib/segments/catalog";

type TraitClient = { customerTraitDefinition: { findMany: PrismaClient["customerTraitDefinition"]["findMany"] } };

/**
 * The workspace's custom trait definitions as the field catalog, validation, imports and every
 * evaluation read them (key, label, type, family), by label. The one place this query is written.
 */
export async function loadTraitDefinitions(db: TraitClient | Prisma.TransactionClient, workspaceId: string): Promise<TraitDefinitionRow[]> {
  return db.customerTraitDefinition.findMany({
    where: { workspaceId },
    select: { key: true, label: true, type: true, family: true },
    orderBy: [{ label: "asc" }, { key: "asc" }],
  });
}
