-- CreateTable
CREATE TABLE "CustomerMetrics" (
    "workspaceId" UUID NOT NULL,
    "customerId" INTEGER NOT NULL,
    "orderCount" INTEGER NOT NULL,
    "totalSpent" DECIMAL(16,2) NOT NULL,
    "minAmount" DECIMAL(14,2) NOT NULL,
    "maxAmount" DECIMAL(14,2) NOT NULL,
    "firstOrderAt" TIMESTAMPTZ(3) NOT NULL,
    "lastOrderAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CustomerMetrics_pkey" PRIMARY KEY ("workspaceId","customerId")
);

-- CreateIndex
CREATE INDEX "CustomerMetrics_workspaceId_lastOrderAt_customerId_idx" ON "CustomerMetrics"("workspaceId", "lastOrderAt", "customerId");

-- CreateIndex
CREATE INDEX "CustomerMetrics_workspaceId_orderCount_customerId_idx" ON "CustomerMetrics"("workspaceId", "orderCount", "customerId");

-- CreateIndex
CREATE INDEX "CustomerMetrics_workspaceId_totalSpent_customerId_idx" ON "CustomerMetrics"("workspaceId", "totalSpent", "customerId");

-- AddForeignKey
ALTER TABLE "CustomerMetrics" ADD CONSTRAINT "CustomerMetrics_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerMetrics" ADD CONSTRAINT "CustomerMetrics_workspaceId_customerId_fkey" FOREIGN KEY ("workspaceId", "customerId") REFERENCES "Customer"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Segment engine: keep "CustomerMetrics" current from "Order" in the same transaction as every
-- insert, update and delete of orders (statement-level triggers with transition tables, so bulk
-- imports pay one aggregate per statement, not one per row). Hand-written: Prisma does not model
-- functions and triggers. The function bodies are E'' strings with \x3b for each semicolon inside
-- them: migration scripts are split into statements at every semicolon before they are run.

CREATE FUNCTION "segment_metrics_after_insert"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "CustomerMetrics" AS m
    ("workspaceId", "customerId", "orderCount", "totalSpent", "minAmount", "maxAmount", "firstOrderAt", "lastOrderAt")
  SELECT "workspaceId", "customerId", count(*), sum("amount"), min("amount"), max("amount"), min("orderedAt"), max("orderedAt")
  FROM new_rows
  GROUP BY "workspaceId", "customerId"
  ON CONFLICT ("workspaceId", "customerId") DO UPDATE SET
    "orderCount" = m."orderCount" + EXCLUDED."orderCount",
    "totalSpent" = m."totalSpent" + EXCLUDED."totalSpent",
    "minAmount" = LEAST(m."minAmount", EXCLUDED."minAmount"),
    "maxAmount" = GREATEST(m."maxAmount", EXCLUDED."maxAmount"),
    "firstOrderAt" = LEAST(m."firstOrderAt", EXCLUDED."firstOrderAt"),
    "lastOrderAt" = GREATEST(m."lastOrderAt", EXCLUDED."lastOrderAt")\x3b
  RETURN NULL\x3b
END
';

-- Recomputes the metrics of the customers whose orders changed (old_rows, plus new_rows on update).
CREATE FUNCTION "segment_metrics_recompute"(affected_workspace uuid[], affected_customer int[]) RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  WITH affected AS (
    SELECT DISTINCT w AS "workspaceId", c AS "customerId" FROM unnest(affected_workspace, affected_customer) AS a(w, c)
  ), fresh AS (
    SELECT o."workspaceId", o."customerId", count(*) AS "orderCount", sum(o."amount") AS "totalSpent",
           min(o."amount") AS "minAmount", max(o."amount") AS "maxAmount",
           min(o."orderedAt") AS "firstOrderAt", max(o."orderedAt") AS "lastOrderAt"
    FROM "Order" o JOIN affected a ON a."workspaceId" = o."workspaceId" AND a."customerId" = o."customerId"
    GROUP BY o."workspaceId", o."customerId"
  ), gone AS (
    DELETE FROM "CustomerMetrics" m USING affected a
    WHERE m."workspaceId" = a."workspaceId" AND m."customerId" = a."customerId"
      AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f."workspaceId" = a."workspaceId" AND f."customerId" = a."customerId")
  )
  INSERT INTO "CustomerMetrics" AS m
    ("workspaceId", "customerId", "orderCount", "totalSpent", "minAmount", "maxAmount", "firstOrderAt", "lastOrderAt")
  SELECT f.* FROM fresh f
  WHERE EXISTS (SELECT 1 FROM "Customer" c WHERE c."workspaceId" = f."workspaceId" AND c."id" = f."customerId")
  ON CONFLICT ("workspaceId", "customerId") DO UPDATE SET
    "orderCount" = EXCLUDED."orderCount",
    "totalSpent" = EXCLUDED."totalSpent",
    "minAmount" = EXCLUDED."minAmount",
    "maxAmount" = EXCLUDED."maxAmount",
    "firstOrderAt" = EXCLUDED."firstOrderAt",
    "lastOrderAt" = EXCLUDED."lastOrderAt"\x3b
END
';

CREATE FUNCTION "segment_metrics_after_update"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM "segment_metrics_recompute"(
    ARRAY(SELECT "workspaceId" FROM old_rows UNION ALL SELECT "workspaceId" FROM new_rows),
    ARRAY(SELECT "customerId" FROM old_rows UNION ALL SELECT "customerId" FROM new_rows))\x3b
  RETURN NULL\x3b
END
';

CREATE FUNCTION "segment_metrics_after_delete"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM "segment_metrics_recompute"(
    ARRAY(SELECT "workspaceId" FROM old_rows), ARRAY(SELECT "customerId" FROM old_rows))\x3b
  RETURN NULL\x3b
END
';

CREATE TRIGGER "Order_metrics_insert" AFTER INSERT ON "Order"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "segment_metrics_after_insert"();
CREATE TRIGGER "Order_metrics_update" AFTER UPDATE ON "Order"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "segment_metrics_after_update"();
CREATE TRIGGER "Order_metrics_delete" AFTER DELETE ON "Order"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "segment_metrics_after_delete"();

-- Backfill for orders that already exist.
INSERT INTO "CustomerMetrics"
  ("workspaceId", "customerId", "orderCount", "totalSpent", "minAmount", "maxAmount", "firstOrderAt", "lastOrderAt")
SELECT "workspaceId", "customerId", count(*), sum("amount"), min("amount"), max("amount"), min("orderedAt"), max("orderedAt")
FROM "Order"
GROUP BY "workspaceId", "customerId";
