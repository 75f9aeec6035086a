-- AlterTable
ALTER TABLE "Persona" ADD COLUMN     "costToServe" TEXT,
ADD COLUMN     "notFitReasons" TEXT[] DEFAULT ARRAY[]::TEXT[];
