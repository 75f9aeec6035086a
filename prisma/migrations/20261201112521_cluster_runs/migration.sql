-- CreateEnum
CREATE TYPE "ClusterRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "ClusterRun" (
    "workspaceId" UUID NOT NULL,
    "id" TEXT NOT NULL,
    "status" "ClusterRunStatus" NOT NULL DEFAULT 'QUEUED',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "stage" TEXT,
    "options" JSONB NOT NULL,
    "result" JSONB,
    "customers" INTEGER,
    "message" TEXT,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ClusterRun_pkey" PRIMARY KEY ("workspaceId","id")
);

-- CreateTable
CREATE TABLE "ClusterAssignment" (
    "workspaceId" UUID NOT NULL,
    "runId" TEXT NOT NULL,
    "customerId" INTEGER NOT NULL,
    "clusters" INTEGER[],

    CONSTRAINT "ClusterAssignment_pkey" PRIMARY KEY ("workspaceId","runId","customerId")
);

-- CreateIndex
CREATE INDEX "ClusterRun_workspaceId_createdAt_idx" ON "ClusterRun"("workspaceId", "createdAt");

-- AddForeignKey
ALTER TABLE "ClusterRun" ADD CONSTRAINT "ClusterRun_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClusterAssignment" ADD CONSTRAINT "ClusterAssignment_workspaceId_runId_fkey" FOREIGN KEY ("workspaceId", "runId") REFERENCES "ClusterRun"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
