-- DropIndex
DROP INDEX "Accommodation_userId_idx";

-- DropIndex
DROP INDEX "AuditEvent_actorId_createdAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_createdAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_entityType_entityId_idx";

-- DropIndex
DROP INDEX "CheckIn_day_idx";

-- DropIndex
DROP INDEX "Deliverable_workOrderId_idx";

-- DropIndex
DROP INDEX "Feedback_workOrderId_idx";

-- DropIndex
DROP INDEX "Message_roomId_createdAt_idx";

-- DropIndex
DROP INDEX "ProgressUpdate_taskId_createdAt_idx";

-- DropIndex
DROP INDEX "Task_workOrderId_idx";

-- DropIndex
DROP INDEX "User_clientCompanyId_idx";

-- DropIndex
DROP INDEX "User_role_idx";

-- CreateIndex
CREATE INDEX "Accommodation_userId_createdAt_id_idx" ON "Accommodation"("userId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_createdAt_id_idx" ON "AuditEvent"("entityType", "entityId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_createdAt_id_idx" ON "AuditEvent"("actorId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_action_createdAt_id_idx" ON "AuditEvent"("action", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_id_idx" ON "AuditEvent"("createdAt", "id");

-- CreateIndex
CREATE INDEX "CheckIn_day_createdAt_id_idx" ON "CheckIn"("day", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ClientCompany_createdAt_id_idx" ON "ClientCompany"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Deliverable_workOrderId_createdAt_id_idx" ON "Deliverable"("workOrderId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Feedback_workOrderId_createdAt_id_idx" ON "Feedback"("workOrderId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Message_roomId_createdAt_id_idx" ON "Message"("roomId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ProgressUpdate_taskId_createdAt_id_idx" ON "ProgressUpdate"("taskId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Task_workOrderId_createdAt_id_idx" ON "Task"("workOrderId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Task_assigneeId_createdAt_id_idx" ON "Task"("assigneeId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Task_createdAt_id_idx" ON "Task"("createdAt", "id");

-- CreateIndex
CREATE INDEX "User_role_createdAt_id_idx" ON "User"("role", "createdAt", "id");

-- CreateIndex
CREATE INDEX "User_clientCompanyId_createdAt_id_idx" ON "User"("clientCompanyId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "User_createdAt_id_idx" ON "User"("createdAt", "id");

-- CreateIndex
CREATE INDEX "WorkOrder_createdAt_id_idx" ON "WorkOrder"("createdAt", "id");

-- CreateIndex
CREATE INDEX "WorkOrder_clientCompanyId_createdAt_id_idx" ON "WorkOrder"("clientCompanyId", "createdAt", "id");
