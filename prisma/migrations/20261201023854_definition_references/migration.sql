-- CreateEnum
CREATE TYPE "ReferenceSourceType" AS ENUM ('SEGMENT', 'PERSONA', 'STRATEGY');

-- CreateEnum
CREATE TYPE "ReferenceTargetType" AS ENUM ('SEGMENT', 'PERSONA');

-- CreateTable
CREATE TABLE "DefinitionReference" (
    "workspaceId" UUID NOT NULL,
    "sourceType" "ReferenceSourceType" NOT NULL,
    "sourceId" TEXT NOT NULL,
    "targetType" "ReferenceTargetType" NOT NULL,
    "targetId" TEXT NOT NULL,
    "sourceSegmentId" TEXT,
    "sourcePersonaId" TEXT,
    "sourceStrategyId" TEXT,
    "targetSegmentId" TEXT,
    "targetPersonaId" TEXT,

    CONSTRAINT "DefinitionReference_pkey" PRIMARY KEY ("workspaceId","sourceType","sourceId","targetType","targetId")
);

-- CreateIndex
CREATE INDEX "DefinitionReference_workspaceId_targetType_targetId_idx" ON "DefinitionReference"("workspaceId", "targetType", "targetId");

-- CreateIndex
CREATE INDEX "DefinitionReference_workspaceId_sourceSegmentId_idx" ON "DefinitionReference"("workspaceId", "sourceSegmentId");

-- CreateIndex
CREATE INDEX "DefinitionReference_workspaceId_sourcePersonaId_idx" ON "DefinitionReference"("workspaceId", "sourcePersonaId");

-- CreateIndex
CREATE INDEX "DefinitionReference_workspaceId_sourceStrategyId_idx" ON "DefinitionReference"("workspaceId", "sourceStrategyId");

-- CreateIndex
CREATE INDEX "DefinitionReference_workspaceId_targetSegmentId_idx" ON "DefinitionReference"("workspaceId", "targetSegmentId");

-- CreateIndex
CREATE INDEX "DefinitionReference_workspaceId_targetPersonaId_idx" ON "DefinitionReference"("workspaceId", "targetPersonaId");

-- CreateIndex
CREATE INDEX "Persona_workspaceId_segmentId_idx" ON "Persona"("workspaceId", "segmentId");

-- A persona grounded in a segment that no longer exists could not keep its foreign key: it is
-- no longer grounded in any segment (it matched no one, and now matches by its rules alone).
UPDATE "Persona" AS p SET "segmentId" = NULL
WHERE p."segmentId" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "Segment" AS s WHERE s."workspaceId" = p."workspaceId" AND s."id" = p."segmentId");

-- AddForeignKey
ALTER TABLE "Persona" ADD CONSTRAINT "Persona_workspaceId_segmentId_fkey" FOREIGN KEY ("workspaceId", "segmentId") REFERENCES "Segment"("workspaceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DefinitionReference" ADD CONSTRAINT "DefinitionReference_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DefinitionReference" ADD CONSTRAINT "DefinitionReference_workspaceId_sourceSegmentId_fkey" FOREIGN KEY ("workspaceId", "sourceSegmentId") REFERENCES "Segment"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DefinitionReference" ADD CONSTRAINT "DefinitionReference_workspaceId_sourcePersonaId_fkey" FOREIGN KEY ("workspaceId", "sourcePersonaId") REFERENCES "Persona"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DefinitionReference" ADD CONSTRAINT "DefinitionReference_workspaceId_sourceStrategyId_fkey" FOREIGN KEY ("workspaceId", "sourceStrategyId") REFERENCES "TargetingStrategy"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DefinitionReference" ADD CONSTRAINT "DefinitionReference_workspaceId_targetSegmentId_fkey" FOREIGN KEY ("workspaceId", "targetSegmentId") REFERENCES "Segment"("workspaceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DefinitionReference" ADD CONSTRAINT "DefinitionReference_workspaceId_targetPersonaId_fkey" FOREIGN KEY ("workspaceId", "targetPersonaId") REFERENCES "Persona"("workspaceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The typed columns repeat the key (only the one matching each type is set), and a definition
-- never refers to itself.
ALTER TABLE "DefinitionReference" ADD CONSTRAINT "DefinitionReference_consistent_check" CHECK (
  "sourceSegmentId" IS NOT DISTINCT FROM (CASE WHEN "sourceType" = 'SEGMENT' THEN "sourceId" END)
  AND "sourcePersonaId" IS NOT DISTINCT FROM (CASE WHEN "sourceType" = 'PERSONA' THEN "sourceId" END)
  AND "sourceStrategyId" IS NOT DISTINCT FROM (CASE WHEN "sourceType" = 'STRATEGY' THEN "sourceId" END)
  AND "targetSegmentId" IS NOT DISTINCT FROM (CASE WHEN "targetType" = 'SEGMENT' THEN "targetId" END)
  AND "targetPersonaId" IS NOT DISTINCT FROM (CASE WHEN "targetType" = 'PERSONA' THEN "targetId" END)
  AND NOT ("sourceType"::text = "targetType"::text AND "sourceId" = "targetId")
);

-- (No semicolon may appear inside a statement or comment here: PostgreSQL migrations are run
-- statement by statement, split on semicolons.)
--
-- The SQL twins of extractReferences (lib/segments/references.ts), for the backfill below: the
-- segments and personas a segment or persona definition refers to (its membership conditions,
-- reached through groups as the engine walks them), and those a strategy's config names (string
-- values of keys segmentId / segmentIds / personaId / personaIds, at any depth).
CREATE FUNCTION "definition_reference_targets"(definition jsonb)
RETURNS TABLE ("targetType" "ReferenceTargetType", "targetId" text)
LANGUAGE sql IMMUTABLE AS $fn$
  WITH RECURSIVE node(value) AS (
    SELECT definition -> 'root'
    UNION ALL
    SELECT child.value
    FROM node, jsonb_array_elements(
      CASE WHEN node.value ->> 'type' = 'group' AND jsonb_typeof(node.value -> 'children') = 'array'
           THEN node.value -> 'children' ELSE '[]'::jsonb END
    ) AS child(value)
  )
  SELECT DISTINCT upper(value ->> 'target')::"ReferenceTargetType", value ->> 'id'
  FROM node
  WHERE value ->> 'type' = 'membership'
    AND value ->> 'target' IN ('segment', 'persona')
    AND jsonb_typeof(value -> 'id') = 'string'
$fn$;

CREATE FUNCTION "strategy_reference_targets"(config jsonb)
RETURNS TABLE ("targetType" "ReferenceTargetType", "targetId" text)
LANGUAGE sql IMMUTABLE AS $fn$
  WITH RECURSIVE item(key, value) AS (
    SELECT NULL::text, config
    UNION ALL
    SELECT child.key, child.value
    FROM item, LATERAL (
      SELECT e.key, e.value
      FROM jsonb_each(CASE WHEN jsonb_typeof(item.value) = 'object' THEN item.value ELSE '{}'::jsonb END) AS e
      UNION ALL
      -- Array elements keep the key of their array: "segmentIds": ["a", "b"].
      SELECT item.key, a.value
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(item.value) = 'array' THEN item.value ELSE '[]'::jsonb END) AS a
    ) AS child
  )
  SELECT DISTINCT
    (CASE WHEN key IN ('segmentId', 'segmentIds') THEN 'SEGMENT' ELSE 'PERSONA' END)::"ReferenceTargetType",
    value #>> '{}'
  FROM item
  WHERE key IN ('segmentId', 'segmentIds', 'personaId', 'personaIds') AND jsonb_typeof(value) = 'string'
$fn$;

-- Backfill: one row per (source, target) for every saved definition. References to a segment or
-- persona that no longer exists (definitions that already failed validation) are left out.
INSERT INTO "DefinitionReference" (
  "workspaceId", "sourceType", "sourceId", "targetType", "targetId",
  "sourceSegmentId", "sourcePersonaId", "sourceStrategyId", "targetSegmentId", "targetPersonaId"
)
SELECT DISTINCT
  r."workspaceId", r."sourceType", r."sourceId", r."targetType", r."targetId",
  CASE WHEN r."sourceType" = 'SEGMENT' THEN r."sourceId" END,
  CASE WHEN r."sourceType" = 'PERSONA' THEN r."sourceId" END,
  CASE WHEN r."sourceType" = 'STRATEGY' THEN r."sourceId" END,
  CASE WHEN r."targetType" = 'SEGMENT' THEN r."targetId" END,
  CASE WHEN r."targetType" = 'PERSONA' THEN r."targetId" END
FROM (
  SELECT s."workspaceId", 'SEGMENT'::"ReferenceSourceType" AS "sourceType", s."id" AS "sourceId", t."targetType", t."targetId"
  FROM "Segment" AS s, "definition_reference_targets"(s."definition") AS t
  WHERE s."kind" = 'DYNAMIC'
  UNION ALL
  SELECT p."workspaceId", 'PERSONA', p."id", t."targetType", t."targetId"
  FROM "Persona" AS p, "definition_reference_targets"(p."definition") AS t
  UNION ALL
  SELECT p."workspaceId", 'PERSONA', p."id", 'SEGMENT', p."segmentId"
  FROM "Persona" AS p WHERE p."segmentId" IS NOT NULL
  UNION ALL
  SELECT g."workspaceId", 'STRATEGY', g."id", t."targetType", t."targetId"
  FROM "TargetingStrategy" AS g, "strategy_reference_targets"(g."config") AS t
) AS r
WHERE NOT (r."sourceType"::text = r."targetType"::text AND r."sourceId" = r."targetId")
  AND CASE r."targetType"
    WHEN 'SEGMENT' THEN EXISTS (SELECT 1 FROM "Segment" AS s WHERE s."workspaceId" = r."workspaceId" AND s."id" = r."targetId")
    ELSE EXISTS (SELECT 1 FROM "Persona" AS p WHERE p."workspaceId" = r."workspaceId" AND p."id" = r."targetId")
  END;
