-- AlterTable
ALTER TABLE "WorkOrder" ADD COLUMN     "nominationAlternativeId" UUID,
ADD COLUMN     "nominationAnswer" TEXT,
ADD COLUMN     "nominationAnsweredAt" TIMESTAMP(3),
ADD COLUMN     "nominationReason" TEXT;

-- AddForeignKey
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_nominationAlternativeId_fkey" FOREIGN KEY ("nominationAlternativeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
