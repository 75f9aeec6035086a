-- CreateTable
CREATE TABLE "ImportKey" (
    "workspaceId" UUID NOT NULL,
    "jobId" TEXT NOT NULL,
    "key" TEXT NOT NULL,

    CONSTRAINT "ImportKey_pkey" PRIMARY KEY ("workspaceId","jobId","key")
);

-- AddForeignKey
ALTER TABLE "ImportKey" ADD CONSTRAINT "ImportKey_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportKey" ADD CONSTRAINT "ImportKey_workspaceId_jobId_fkey" FOREIGN KEY ("workspaceId", "jobId") REFERENCES "ImportJob"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
