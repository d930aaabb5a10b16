-- issue 12: the time ("HH:MM", Asia/Tokyo) by which a team's crew are expected to have checked in; null = no reminder
-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "checkInBy" TEXT DEFAULT '10:00';
