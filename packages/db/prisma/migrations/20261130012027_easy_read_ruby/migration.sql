-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "ruby" JSONB;

-- AlterTable
ALTER TABLE "WorkOrder" ADD COLUMN     "ruby" JSONB;
