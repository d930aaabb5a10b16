-- CreateEnum
CREATE TYPE "FeedbackTone" AS ENUM ('praise', 'complaint');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "FollowUpStatus" ADD VALUE 'listened';
ALTER TYPE "FollowUpStatus" ADD VALUE 'reported';

-- AlterTable
ALTER TABLE "Feedback" ADD COLUMN     "tone" "FeedbackTone";

-- AlterTable
ALTER TABLE "FollowUp" ADD COLUMN     "dueAt" TIMESTAMP(3),
ADD COLUMN     "reason" TEXT NOT NULL DEFAULT 'rating';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "notificationPrefs" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "FollowUpStep" (
    "id" UUID NOT NULL,
    "followUpId" UUID NOT NULL,
    "step" "FollowUpStatus" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "clientMessage" TEXT,
    "authorId" UUID,
    "dueAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FollowUpStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" UUID NOT NULL,
    "userId" UUID,
    "to" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),
    "messageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxEmail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FollowUpStep_followUpId_createdAt_id_idx" ON "FollowUpStep"("followUpId", "createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUpStep_followUpId_step_key" ON "FollowUpStep"("followUpId", "step");

-- CreateIndex
CREATE INDEX "OutboxEmail_sentAt_failedAt_nextAttemptAt_idx" ON "OutboxEmail"("sentAt", "failedAt", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxEmail_createdAt_id_idx" ON "OutboxEmail"("createdAt", "id");

-- CreateIndex
CREATE INDEX "FollowUp_status_dueAt_idx" ON "FollowUp"("status", "dueAt");

-- CreateIndex
CREATE INDEX "FollowUp_createdAt_id_idx" ON "FollowUp"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_id_idx" ON "Notification"("userId", "createdAt", "id");

-- AddForeignKey
ALTER TABLE "FollowUpStep" ADD CONSTRAINT "FollowUpStep_followUpId_fkey" FOREIGN KEY ("followUpId") REFERENCES "FollowUp"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpStep" ADD CONSTRAINT "FollowUpStep_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxEmail" ADD CONSTRAINT "OutboxEmail_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
