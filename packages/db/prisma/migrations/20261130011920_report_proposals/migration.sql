-- CreateTable
CREATE TABLE "ReportProposal" (
    "id" UUID NOT NULL,
    "clientCompanyId" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReportProposal_clientCompanyId_month_key" ON "ReportProposal"("clientCompanyId", "month");

-- AddForeignKey
ALTER TABLE "ReportProposal" ADD CONSTRAINT "ReportProposal_clientCompanyId_fkey" FOREIGN KEY ("clientCompanyId") REFERENCES "ClientCompany"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportProposal" ADD CONSTRAINT "ReportProposal_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
