-- AlterEnum
ALTER TYPE "ChatRoomKind" ADD VALUE 'support';

-- AlterTable
ALTER TABLE "ChatRoom" ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "claimedById" UUID,
ADD COLUMN     "requesterId" UUID;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "mentions" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "todayPlace" "Place",
ADD COLUMN     "todayPlaceDay" DATE;

-- CreateTable
CREATE TABLE "RoomSequence" (
    "room" TEXT NOT NULL,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RoomSequence_pkey" PRIMARY KEY ("room")
);

-- CreateTable
CREATE TABLE "RoomEvent" (
    "room" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoomEvent_pkey" PRIMARY KEY ("room","seq")
);

-- CreateIndex
CREATE INDEX "RoomEvent_createdAt_idx" ON "RoomEvent"("createdAt");
