-- AlterTable
ALTER TABLE "Deliverable" ADD COLUMN     "releasedAt" TIMESTAMP(3);

-- What a client could already see stays visible: a deliverable added before its order's last
-- delivery counts as released at that delivery. Anything added since (during a revision) waits
-- for the next one.
UPDATE "Deliverable" AS d
SET "releasedAt" = w."deliveredAt"
FROM "WorkOrder" AS w
WHERE w."id" = d."workOrderId"
  AND w."deliveredAt" IS NOT NULL
  AND d."createdAt" <= w."deliveredAt";
