import "server-only";
import { db, Prisma } from "@/lib/db";
import type { AttributeFamily, TraitType } from "@/lib/generated/prisma/enums";

/**
 * Custom trait definitions and the values stored under their keys in Customer.traits. A customer
 * "has a value" for a trait when the key is present and not JSON null.
 */
const { sql } = Prisma;
type Tx = Prisma.TransactionClient;
type Client = Tx | typeof db;

export type TraitDefinition = {
  id: string;
  key: string;
  label: string;
  type: TraitType;
  family: AttributeFamily;
  createdAt: Date;
  updatedAt: Date;
};

export async function listTraitDefinitions(workspaceId: string, client: Client = db): Promise<TraitDefinition[]> {
  return client.customerTraitDefinition.findMany({
    where: { workspaceId },
    orderBy: [{ label: "asc" }, { key: "asc" }],
    select: { id: true, key: true, label: true, type: true, family: true, createdAt: true, updatedAt: true },
  });
}

/**
 * The workspace's definitions, locked until the transaction ends: FOR SHARE by customer writes
 * (values are checked against the types read here), FOR UPDATE by a type change (which converts
 * the stored values), so the two never interleave.
 */
export async function lockTraitDefinitions(
  tx: Tx,
  workspaceId: string,
  mode: "share" | "update",
): Promise<{ id: string; key: string; label: string; type: TraitType; family: AttributeFamily }[]> {
  const lock = mode === "share" ? sql`FOR SHARE` : sql`FOR UPDATE`;
  return tx.$queryRaw(
    sql`SELECT "id", "key", "label", "type"::text AS "type", "family"::text AS "family"
        FROM "CustomerTraitDefinition" WHERE "workspaceId" = ${workspaceId}::uuid ORDER BY "key" ${lock}`,
  );
}

export async function findTraitDefinition(workspaceId: string, id: string, client: Client = db) {
  return client.customerTraitDefinition.findUnique({ where: { workspaceId_id: { workspaceId, id } } });
}

/** Customers with a value, per trait key (keys without values are absent). */
export async function traitValueCounts(workspaceId: string): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ key: string; count: number }[]>(
    sql`SELECT e."key" AS "key", count(*)::int AS "count"
        FROM "Customer" c, jsonb_each(c."traits") AS e("key", "value")
        WHERE c."workspaceId" = ${workspaceId}::uuid AND jsonb_typeof(e."value") <> 'null'
        GROUP BY e."key"`,
  );
  return new Map(rows.map((r) => [r.key, Number(r.count)]));
}

const hasValue = (key: string) => sql`coalesce(jsonb_typeof(c."traits" -> ${key}::text), 'null') <> 'null'`;

export async function countTraitValues(workspaceId: string, key: string, client: Client = db): Promise<number> {
  const rows = await client.$queryRaw<{ count: number }[]>(
    sql`SELECT count(*)::int AS "count" FROM "Customer" c WHERE c."workspaceId" = ${workspaceId}::uuid AND ${hasValue(key)}`,
  );
  return Number(rows[0]?.count ?? 0);
}

/** Every stored value of the trait, by customer id. */
export async function traitValues(tx: Tx, workspaceId: string, key: string): Promise<{ id: number; value: unknown }[]> {
  const rows = await tx.$queryRaw<{ id: number; value: unknown }[]>(
    sql`SELECT c."id", c."traits" -> ${key}::text AS "value" FROM "Customer" c
        WHERE c."workspaceId" = ${workspaceId}::uuid AND ${hasValue(key)} ORDER BY c."id"`,
  );
  return rows.map((r) => ({ id: Number(r.id), value: r.value }));
}

const WRITE_CHUNK = 2000;

/** Sets `traits[key]` for the given customers of this workspace. */
export async function writeTraitValues(tx: Tx, workspaceId: string, key: string, updates: { id: number; value: unknown }[]) {
  let written = 0;
  for (let i = 0; i < updates.length; i += WRITE_CHUNK) {
    const chunk = JSON.stringify(updates.slice(i, i + WRITE_CHUNK));
    written += await tx.$executeRaw(
      sql`UPDATE "Customer" c SET "traits" = jsonb_set(c."traits", ARRAY[${key}::text], u."value")
          FROM jsonb_to_recordset(${chunk}::jsonb) AS u("id" int, "value" jsonb)
          WHERE c."workspaceId" = ${workspaceId}::uuid AND c."id" = u."id"`,
    );
  }
  return written;
}

/** Removes the key from every customer of this workspace that has it; returns how many changed. */
export async function removeTraitKey(tx: Tx, workspaceId: string, key: string): Promise<number> {
  return tx.$executeRaw(
    sql`UPDATE "Customer" c SET "traits" = c."traits" - ${key}::text
        WHERE c."workspaceId" = ${workspaceId}::uuid AND c."traits" -> ${key}::text IS NOT NULL`,
  );
}

/** Saved segments and personas whose rules name the trait (`traits.<key>`), for warnings. */
export async function traitRuleUsage(workspaceId: string, key: string, client: Client = db) {
  const needle = JSON.stringify(`traits.${key}`);
  const [segments, personas] = await Promise.all([
    client.$queryRaw<{ name: string }[]>(
      sql`SELECT "name" FROM "Segment" WHERE "workspaceId" = ${workspaceId}::uuid AND "archivedAt" IS NULL
          AND strpos("definition"::text, ${needle}) > 0 ORDER BY "name" LIMIT 20`,
    ),
    client.$queryRaw<{ name: string }[]>(
      sql`SELECT "name" FROM "Persona" WHERE "workspaceId" = ${workspaceId}::uuid
          AND strpos(coalesce("definition"::text, ''), ${needle}) > 0 ORDER BY "name" LIMIT 20`,
    ),
  ]);
  return { segments: segments.map((s) => s.name), personas: personas.map((p) => p.name) };
}
