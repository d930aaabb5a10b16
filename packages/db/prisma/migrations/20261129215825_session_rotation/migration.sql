-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "previousTokenHash" TEXT,
ADD COLUMN     "previousTokenValidUntil" TIMESTAMP(3),
ADD COLUMN     "tokenIssuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "privilegesChangedAt" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "Session_previousTokenHash_key" ON "Session"("previousTokenHash");
