-- AlterTable
ALTER TABLE "UrgentOffer" ADD COLUMN     "clientNoticeDueAt" TIMESTAMP(3),
ADD COLUMN     "clientToldAt" TIMESTAMP(3),
ADD COLUMN     "endReason" TEXT,
ADD COLUMN     "endedAt" TIMESTAMP(3),
ADD COLUMN     "managerActedAt" TIMESTAMP(3),
ADD COLUMN     "managerAction" TEXT,
ADD COLUMN     "override" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "previousOfferId" UUID,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE INDEX "UrgentOffer_taskId_createdAt_id_idx" ON "UrgentOffer"("taskId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "UrgentOffer_createdAt_id_idx" ON "UrgentOffer"("createdAt", "id");

-- CreateIndex
CREATE INDEX "UrgentOffer_previousOfferId_idx" ON "UrgentOffer"("previousOfferId");
