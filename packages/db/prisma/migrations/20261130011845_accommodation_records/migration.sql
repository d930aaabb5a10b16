-- CreateEnum
CREATE TYPE "AccommodationPart" AS ENUM ('hours', 'breaks', 'communication', 'consult', 'tools');

-- AlterTable
ALTER TABLE "Accommodation" ADD COLUMN     "agreedAt" TIMESTAMP(3),
ADD COLUMN     "agreedById" UUID,
ADD COLUMN     "breaks" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "communication" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "consult" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "hours" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "requestText" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "requestedAt" TIMESTAMP(3),
ADD COLUMN     "requestedById" UUID,
ADD COLUMN     "reviewOn" DATE,
ADD COLUMN     "reviewRemindedDays" INTEGER,
ADD COLUMN     "sharedParts" "AccommodationPart"[] DEFAULT ARRAY[]::"AccommodationPart"[],
ADD COLUMN     "tools" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "AccommodationRevision" (
    "id" UUID NOT NULL,
    "accommodationId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "changedById" UUID NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changedFields" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "title" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "requestText" TEXT NOT NULL DEFAULT '',
    "hours" TEXT NOT NULL DEFAULT '',
    "breaks" TEXT NOT NULL DEFAULT '',
    "communication" TEXT NOT NULL DEFAULT '',
    "consult" TEXT NOT NULL DEFAULT '',
    "tools" TEXT NOT NULL DEFAULT '',
    "reviewOn" DATE,
    "agreedById" UUID,
    "agreedAt" TIMESTAMP(3),
    "sharedParts" "AccommodationPart"[] DEFAULT ARRAY[]::"AccommodationPart"[],

    CONSTRAINT "AccommodationRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccommodationRevision_accommodationId_changedAt_id_idx" ON "AccommodationRevision"("accommodationId", "changedAt", "id");

-- CreateIndex
CREATE INDEX "Accommodation_reviewOn_idx" ON "Accommodation"("reviewOn");

-- AddForeignKey
ALTER TABLE "Accommodation" ADD CONSTRAINT "Accommodation_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Accommodation" ADD CONSTRAINT "Accommodation_agreedById_fkey" FOREIGN KEY ("agreedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccommodationRevision" ADD CONSTRAINT "AccommodationRevision_accommodationId_fkey" FOREIGN KEY ("accommodationId") REFERENCES "Accommodation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccommodationRevision" ADD CONSTRAINT "AccommodationRevision_changedById_fkey" FOREIGN KEY ("changedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
