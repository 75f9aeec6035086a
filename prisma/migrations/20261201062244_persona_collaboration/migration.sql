-- CreateTable
CREATE TABLE "PersonaRevision" (
    "workspaceId" UUID NOT NULL,
    "id" TEXT NOT NULL,
    "personaId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "changedFields" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "restoredFrom" INTEGER,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PersonaRevision_pkey" PRIMARY KEY ("workspaceId","id")
);

-- CreateTable
CREATE TABLE "PersonaComment" (
    "workspaceId" UUID NOT NULL,
    "id" TEXT NOT NULL,
    "personaId" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "mentions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "PersonaComment_pkey" PRIMARY KEY ("workspaceId","id")
);

-- CreateIndex
CREATE INDEX "PersonaRevision_workspaceId_personaId_version_idx" ON "PersonaRevision"("workspaceId", "personaId", "version");

-- CreateIndex
CREATE INDEX "PersonaComment_workspaceId_personaId_createdAt_idx" ON "PersonaComment"("workspaceId", "personaId", "createdAt");

-- AddForeignKey
ALTER TABLE "PersonaRevision" ADD CONSTRAINT "PersonaRevision_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonaRevision" ADD CONSTRAINT "PersonaRevision_workspaceId_personaId_fkey" FOREIGN KEY ("workspaceId", "personaId") REFERENCES "Persona"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonaComment" ADD CONSTRAINT "PersonaComment_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonaComment" ADD CONSTRAINT "PersonaComment_workspaceId_personaId_fkey" FOREIGN KEY ("workspaceId", "personaId") REFERENCES "Persona"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
