-- CreateTable
CREATE TABLE "PersonaShareLink" (
    "workspaceId" UUID NOT NULL,
    "id" TEXT NOT NULL,
    "personaId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "lastViewedAt" TIMESTAMP(3),
    "viewCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PersonaShareLink_pkey" PRIMARY KEY ("workspaceId","id")
);

-- CreateIndex
CREATE INDEX "PersonaShareLink_workspaceId_personaId_idx" ON "PersonaShareLink"("workspaceId", "personaId");

-- CreateIndex
CREATE UNIQUE INDEX "PersonaShareLink_workspaceId_tokenHash_key" ON "PersonaShareLink"("workspaceId", "tokenHash");

-- AddForeignKey
ALTER TABLE "PersonaShareLink" ADD CONSTRAINT "PersonaShareLink_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonaShareLink" ADD CONSTRAINT "PersonaShareLink_workspaceId_personaId_fkey" FOREIGN KEY ("workspaceId", "personaId") REFERENCES "Persona"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
