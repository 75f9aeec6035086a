-- Tag lists of a customer are never NULL: no tags is the empty list.
-- Prisma cannot declare a list column NOT NULL, so this migration is written by hand. Prisma reads
-- list columns the same either way, so later migrations do not undo it.

-- Backfill first (one pass over the rows that hold a NULL), then forbid NULL.
UPDATE "Customer"
SET "interests" = COALESCE("interests", ARRAY[]::TEXT[]),
    "needs" = COALESCE("needs", ARRAY[]::TEXT[]),
    "technologies" = COALESCE("technologies", ARRAY[]::TEXT[])
WHERE "interests" IS NULL OR "needs" IS NULL OR "technologies" IS NULL;

ALTER TABLE "Customer"
    ALTER COLUMN "interests" SET DEFAULT ARRAY[]::TEXT[],
    ALTER COLUMN "interests" SET NOT NULL,
    ALTER COLUMN "needs" SET DEFAULT ARRAY[]::TEXT[],
    ALTER COLUMN "needs" SET NOT NULL,
    ALTER COLUMN "technologies" SET DEFAULT ARRAY[]::TEXT[],
    ALTER COLUMN "technologies" SET NOT NULL;
