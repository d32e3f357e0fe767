-- DropIndex
DROP INDEX "ReturnSection_fundingId_measureId_idx";

-- CreateIndex
CREATE INDEX "ReturnSection_fundingId_measureId_returnId_idx" ON "ReturnSection"("fundingId", "measureId", "returnId");
