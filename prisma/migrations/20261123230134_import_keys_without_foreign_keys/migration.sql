-- DropForeignKey
ALTER TABLE "ImportKey" DROP CONSTRAINT "ImportKey_workspaceId_fkey";

-- DropForeignKey
ALTER TABLE "ImportKey" DROP CONSTRAINT "ImportKey_workspaceId_jobId_fkey";
