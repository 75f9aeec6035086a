-- Tag lists of a customer are never NULL and hold no NULL tag: no tags is the empty list.
-- Prisma cannot declare a list column NOT NULL (nor a CHECK), so this migration is written by hand.
-- Prisma reads list columns the same either way, so later migrations do not undo it.

-- Backfill first (one pass over the rows that need it), then forbid NULL.
UPDATE "Customer"
SET "interests" = array_remove(COALESCE("interests", ARRAY[]::TEXT[]), NULL),
    "needs" = array_remove(COALESCE("needs", ARRAY[]::TEXT[]), NULL),
    "technologies" = array_remove(COALESCE("technologies", ARRAY[]::TEXT[]), NULL)
WHERE "interests" IS NULL OR "needs" IS NULL OR "technologies" IS NULL
   OR array_position("interests", NULL) IS NOT NULL
   OR array_position("needs", NULL) IS NOT NULL
   OR array_position("technologies", NULL) IS NOT NULL;

ALTER TABLE "Customer"
    ALTER COLUMN "interests" SET DEFAULT ARRAY[]::TEXT[],
    ALTER COLUMN "interests" SET NOT NULL,
    ALTER COLUMN "needs" SET DEFAULT ARRAY[]::TEXT[],
    ALTER COLUMN "needs" SET NOT NULL,
    ALTER COLUMN "technologies" SET DEFAULT ARRAY[]::TEXT[],
    ALTER COLUMN "technologies" SET NOT NULL,
    ADD CONSTRAINT "Customer_interests_no_null_tag" CHECK (array_position("interests", NULL) IS NULL),
    ADD CONSTRAINT "Customer_needs_no_null_tag" CHECK (array_position("needs", NULL) IS NULL),
    ADD CONSTRAINT "Customer_technologies_no_null_tag" CHECK (array_position("technologies", NULL) IS NULL);
