-- AlterTable
ALTER TABLE "CheckIn" ADD COLUMN     "noteShared" BOOLEAN NOT NULL DEFAULT true;
