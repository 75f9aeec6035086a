-- CreateTable
CREATE TABLE "ClvModel" (
    "workspaceId" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "message" TEXT,
    "params" JSONB,
    "horizonMonths" INTEGER NOT NULL,
    "customers" INTEGER NOT NULL DEFAULT 0,
    "repeaters" INTEGER NOT NULL DEFAULT 0,
    "dataEnd" TIMESTAMP(3) NOT NULL,
    "fittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClvModel_pkey" PRIMARY KEY ("workspaceId")
);

-- CreateTable
CREATE TABLE "CustomerPrediction" (
    "workspaceId" UUID NOT NULL,
    "customerId" INTEGER NOT NULL,
    "expectedPurchases" DOUBLE PRECISION NOT NULL,
    "pAlive" DOUBLE PRECISION NOT NULL,
    "predictedClv" DECIMAL(14,2),

    CONSTRAINT "CustomerPrediction_pkey" PRIMARY KEY ("workspaceId","customerId")
);

-- CreateIndex
CREATE INDEX "CustomerPrediction_workspaceId_predictedClv_idx" ON "CustomerPrediction"("workspaceId", "predictedClv");

-- CreateIndex
CREATE INDEX "CustomerPrediction_workspaceId_pAlive_idx" ON "CustomerPrediction"("workspaceId", "pAlive");

-- AddForeignKey
ALTER TABLE "ClvModel" ADD CONSTRAINT "ClvModel_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerPrediction" ADD CONSTRAINT "CustomerPrediction_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerPrediction" ADD CONSTRAINT "CustomerPrediction_workspaceId_customerId_fkey" FOREIGN KEY ("workspaceId", "customerId") REFERENCES "Customer"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
