-- CreateEnum
CREATE TYPE "StrategyStatus" AS ENUM ('DRAFT', 'ACTIVE', 'ARCHIVED');

-- AlterTable
ALTER TABLE "TargetingStrategy" ADD COLUMN     "budget" DECIMAL(14,2),
ADD COLUMN     "holdoutFrozenAt" TIMESTAMP(3),
ADD COLUMN     "ownerId" TEXT,
ADD COLUMN     "periodEnd" DATE,
ADD COLUMN     "periodStart" DATE,
ADD COLUMN     "status" "StrategyStatus" NOT NULL DEFAULT 'DRAFT',
ADD COLUMN     "updatedById" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "StrategyRating" (
    "workspaceId" UUID NOT NULL,
    "strategyId" TEXT NOT NULL,
    "segmentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "note" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StrategyRating_pkey" PRIMARY KEY ("workspaceId","strategyId","segmentId","userId")
);

-- CreateTable
CREATE TABLE "StrategyHoldout" (
    "workspaceId" UUID NOT NULL,
    "strategyId" TEXT NOT NULL,
    "customerId" INTEGER NOT NULL,

    CONSTRAINT "StrategyHoldout_pkey" PRIMARY KEY ("workspaceId","strategyId","customerId")
);

-- CreateIndex
CREATE INDEX "TargetingStrategy_workspaceId_status_updatedAt_idx" ON "TargetingStrategy"("workspaceId", "status", "updatedAt");

-- AddForeignKey
ALTER TABLE "StrategyRating" ADD CONSTRAINT "StrategyRating_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StrategyRating" ADD CONSTRAINT "StrategyRating_workspaceId_strategyId_fkey" FOREIGN KEY ("workspaceId", "strategyId") REFERENCES "TargetingStrategy"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StrategyHoldout" ADD CONSTRAINT "StrategyHoldout_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StrategyHoldout" ADD CONSTRAINT "StrategyHoldout_workspaceId_strategyId_fkey" FOREIGN KEY ("workspaceId", "strategyId") REFERENCES "TargetingStrategy"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
